import { asc, eq, inArray, sql } from "drizzle-orm";
import type { Clock } from "../clock";
import type { Db, Tx } from "../db/client";
import { loginFailures } from "../db/schema";

/** Checked attempts of one account from one address, within one window, before that pair is locked. */
export const LOGIN_MAX_FAILURES = 10;
/** The window, the length of a lock, and the longest wait the per-account delay asks for. */
export const LOGIN_LOCK_MS = 15 * 60 * 1000;
/** Failures of one account, from any address, after which addresses that failed for it must wait. */
export const LOGIN_ACCOUNT_SOFT_LIMIT = 10;
/** Failures from one address, across accounts, that lock the address (a single account's pair locks at 10 first). */
export const LOGIN_ADDRESS_MAX_FAILURES = 30;

/** The wait asked after the `n`-th failure of an account (n ≥ the soft limit): 1 s, 2 s, 4 s… up to 15 min. */
export function accountDelayMs(n: number): number {
  return Math.min(LOGIN_LOCK_MS, 1000 * 2 ** Math.max(0, n - LOGIN_ACCOUNT_SOFT_LIMIT));
}

/** The three counters one sign-in attempt touches. */
export type LoginKeys = { pair: string; account: string; address: string };

export function loginKeys(username: string, address: string): LoginKeys {
  const name = username.toLowerCase();
  return { pair: `pair:${JSON.stringify([name, address])}`, account: `user:${name}`, address: `ip:${address}` };
}

/**
 * An admitted attempt, or the time until which it is refused: a lock (`busy: false`), or, when the limit is
 * taken by attempts still being checked, a second (`busy: true`) — forty colleagues behind one office address
 * signing in at the same moment are asked to retry, never locked out.
 */
export type Reservation = { admitted: true; keys: LoginKeys } | { admitted: false; retryAt: Date; busy: boolean };

type Counter = { failures: number; windowStart: Date; lockedUntil: Date | null };

/**
 * Sign-in limits counted in the database (every server process sees the same counts). Each attempt is
 * RESERVED before its password is checked: it counts as a failure until a success releases it, so any number
 * of parallel guesses get at most the limit checked. Rules (README, "Sign-in"):
 * - per account + address: 10 attempts in 15 minutes lock that pair for 15 minutes (hard);
 * - per account, from any address: after 10 failures, an address that has already failed for the account
 *   waits 1 s, 2 s, 4 s… (up to 15 min) after the account's latest attempt; an address that has not failed
 *   for it is checked at once, so a stranger cannot lock the owner out;
 * - per address, across accounts: 30 failures in 15 minutes lock the address (password spraying).
 */
export class LoginLimiter {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Reserves one attempt on all three counters at once, or none when any of them refuses. */
  async reserve(keys: LoginKeys): Promise<Reservation> {
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const rows = await lockCounters(tx, keys, now);
      const pair = current(rows.get(keys.pair), now, true);
      const account = current(rows.get(keys.account), now, false);
      const address = current(rows.get(keys.address), now, true);
      const refusedUntil = [address.lockedUntil, pair.lockedUntil, pair.failures > 0 ? account.lockedUntil : null]
        .filter((d): d is Date => d !== null && d > now)
        .sort((a, b) => b.getTime() - a.getTime())[0];
      if (refusedUntil) return { admitted: false, retryAt: refusedUntil, busy: false };
      // Reserved attempts count until they are known: the limit is never exceeded by attempts in flight. But
      // only a known failure locks (`failed`): attempts that turn out right give their place back.
      if (pair.failures >= LOGIN_MAX_FAILURES || address.failures >= LOGIN_ADDRESS_MAX_FAILURES) {
        return { admitted: false, retryAt: new Date(now.getTime() + 1000), busy: true };
      }
      const reserved = (c: Counter): Counter => ({ ...c, failures: c.failures + 1 });
      const accountFailures = account.failures + 1;
      await save(tx, keys.pair, reserved(pair));
      await save(tx, keys.address, reserved(address));
      const accountDelayEnd = new Date(now.getTime() + accountDelayMs(accountFailures));
      await save(tx, keys.account, { ...reserved(account), lockedUntil: accountFailures >= LOGIN_ACCOUNT_SOFT_LIMIT ? accountDelayEnd : account.lockedUntil });
      return { admitted: true, keys };
    });
  }

  /**
   * Records that a reserved attempt was wrong: the pair or the address whose known failures reached their
   * limit is locked for 15 minutes from now.
   */
  async failed(keys: LoginKeys): Promise<void> {
    const now = this.clock.now();
    const lockEnd = new Date(now.getTime() + LOGIN_LOCK_MS);
    await this.db.transaction(async (tx) => {
      const rows = await lockCounters(tx, keys, now);
      for (const [key, limit] of [[keys.pair, LOGIN_MAX_FAILURES], [keys.address, LOGIN_ADDRESS_MAX_FAILURES]] as const) {
        const counter = current(rows.get(key), now, true);
        const locked = counter.lockedUntil !== null && counter.lockedUntil > now;
        if (!locked && counter.failures >= limit) await save(tx, key, { ...counter, lockedUntil: lockEnd });
      }
    });
  }

  /**
   * Gives back the reservation of an attempt whose password was right, on all three counters, except on a
   * pair or address that reached its limit meanwhile: a success never reopens a lock. Only its own attempt is
   * given back (the others' reservations may still be in flight), so at most 10 wrong passwords are ever
   * checked per account + address and window, whatever the order in which parallel attempts end.
   */
  async succeeded(keys: LoginKeys): Promise<void> {
    const at = sql`${this.clock.now().toISOString()}::timestamptz`;
    const notLocked = sql`(${loginFailures.lockedUntil} is null or ${loginFailures.lockedUntil} <= ${at})`;
    await this.db.transaction(async (tx) => {
      // The rows are taken in the order `reserve` takes them: the two cannot deadlock.
      await lockCounters(tx, keys, this.clock.now());
      await tx.execute(sql`update ${loginFailures} set failures = greatest(${loginFailures.failures} - 1, 0)
        where ${loginFailures.key} = ${keys.account}
           or (${inArray(loginFailures.key, [keys.pair, keys.address])} and ${notLocked})`);
    });
  }
}

/** Creates the missing counters and locks all three rows, always in the same order (no deadlock). */
async function lockCounters(tx: Tx, keys: LoginKeys, now: Date): Promise<Map<string, Counter>> {
  const all = [keys.pair, keys.account, keys.address].sort();
  await tx
    .insert(loginFailures)
    .values(all.map((key) => ({ key, failures: 0, windowStart: now, lockedUntil: null })))
    .onConflictDoNothing();
  const rows = await tx.select().from(loginFailures).where(inArray(loginFailures.key, all)).orderBy(asc(loginFailures.key)).for("update");
  return new Map(rows.map((r) => [r.key, r]));
}

/**
 * The counter as it stands at `now`: a window that ended with no lock still running starts afresh, and so
 * does a lock that ended when `endsWithLock` (the account's "lock" is only the next free slot).
 */
function current(row: Counter | undefined, now: Date, endsWithLock: boolean): Counter {
  const fresh = { failures: 0, windowStart: now, lockedUntil: null };
  if (!row) return fresh;
  const lockRunning = row.lockedUntil !== null && row.lockedUntil > now;
  const windowOver = row.windowStart.getTime() <= now.getTime() - LOGIN_LOCK_MS;
  const lockOver = row.lockedUntil !== null && row.lockedUntil <= now;
  if (!lockRunning && (windowOver || (endsWithLock && lockOver))) return fresh;
  return row;
}

async function save(tx: Tx, key: string, counter: Counter): Promise<void> {
  await tx.update(loginFailures).set(counter).where(eq(loginFailures.key, key));
}
