import { inArray, sql } from "drizzle-orm";
import type { Clock } from "../clock";
import type { Db } from "../db/client";
import { loginFailures } from "../db/schema";

/** Failures within one window that lock a key, and for how long. */
export const LOGIN_MAX_FAILURES = 10;
export const LOGIN_LOCK_MS = 15 * 60 * 1000;

/**
 * Counts failed sign-ins per key (`user:<name>`, `ip:<address>`) in the database, so that every server
 * process sees the same counts. Ten failures within 15 minutes lock the key for 15 minutes.
 */
export class LoginLimiter {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** The latest time until which any of `keys` is locked, or null. */
  async lockedUntil(keys: string[]): Promise<Date | null> {
    const now = this.clock.now();
    const rows = await this.db.select({ lockedUntil: loginFailures.lockedUntil }).from(loginFailures).where(inArray(loginFailures.key, keys));
    const until = rows.map((r) => r.lockedUntil).filter((d): d is Date => d !== null && d > now);
    return until.length ? new Date(Math.max(...until.map((d) => d.getTime()))) : null;
  }

  /** Counts one failure for each key, atomically; the tenth within the window sets the lock. */
  async fail(keys: string[]): Promise<void> {
    const now = this.clock.now();
    // Raw SQL gets timestamps as ISO text with a cast: both drivers then agree on the type.
    const at = sql`${now.toISOString()}::timestamptz`;
    const windowFloor = sql`${new Date(now.getTime() - LOGIN_LOCK_MS).toISOString()}::timestamptz`;
    const lockEnd = sql`${new Date(now.getTime() + LOGIN_LOCK_MS).toISOString()}::timestamptz`;
    for (const key of keys) {
      // One statement per key: concurrent failures from several processes all count.
      await this.db
        .insert(loginFailures)
        .values({ key, failures: 1, windowStart: now, lockedUntil: null })
        .onConflictDoUpdate({
          target: loginFailures.key,
          set: {
            failures: sql`case when ${loginFailures.windowStart} < ${windowFloor} then 1 else ${loginFailures.failures} + 1 end`,
            windowStart: sql`case when ${loginFailures.windowStart} < ${windowFloor} then ${at} else ${loginFailures.windowStart} end`,
          },
        });
      await this.db.execute(
        sql`update ${loginFailures} set locked_until = ${lockEnd}, failures = 0, window_start = ${at}
            where ${loginFailures.key} = ${key} and ${loginFailures.failures} >= ${LOGIN_MAX_FAILURES}`,
      );
    }
  }

  /** Forgets the failures of `key` after a successful sign-in. */
  async reset(key: string): Promise<void> {
    await this.db.delete(loginFailures).where(inArray(loginFailures.key, [key]));
  }
}
