import { sql } from "drizzle-orm";
import type { Clock } from "../clock";
import type { Db } from "../db/client";
import { loginFailures } from "../db/schema";
import { DomainError } from "../errors";

/** Requests one address may make to the public status pages per window. */
export const PUBLIC_LIMIT = 30;
export const PUBLIC_WINDOW_MS = 60_000;

/**
 * A fixed-window count of public look-ups per client address, counted in the database so that every
 * server process sees the same count (with one count per process, N processes let N × 30 through, issue 21).
 * One statement per look-up: an upsert that starts a new window or adds one, atomically, so parallel
 * look-ups through any number of processes let exactly the limit through. The counters share the sign-in
 * limiter's table (`login_failures`: key, count, window start) under keys `lookup:<address>`, which that
 * limiter never reads. The limit stops enumeration and scraping from one address (a code is unguessable anyway).
 */
export class PublicRateLimiter {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly limit = PUBLIC_LIMIT,
    private readonly windowMs = PUBLIC_WINDOW_MS,
  ) {}

  /** Counts one request from `address`; over the limit refuses with `429 RATE_LIMITED` and when to retry. */
  async hit(address: string): Promise<void> {
    const now = this.clock.now();
    const at = sql`${now.toISOString()}::timestamptz`;
    const windowOver = sql`${loginFailures.windowStart} <= ${new Date(now.getTime() - this.windowMs).toISOString()}::timestamptz`;
    const [row] = await this.db
      .insert(loginFailures)
      .values({ key: `lookup:${address}`, failures: 1, windowStart: now, lockedUntil: null })
      .onConflictDoUpdate({
        target: loginFailures.key,
        set: {
          failures: sql`case when ${windowOver} then 1 else ${loginFailures.failures} + 1 end`,
          windowStart: sql`case when ${windowOver} then ${at} else ${loginFailures.windowStart} end`,
        },
      })
      .returning({ count: loginFailures.failures, windowStart: loginFailures.windowStart });
    // A new window for this address: clear the ended windows of all addresses, so the table stays small.
    if (row!.count === 1) await this.db.execute(sql`delete from ${loginFailures} where ${loginFailures.key} like 'lookup:%' and ${windowOver}`);
    if (row!.count > this.limit) {
      const retryAfterSeconds = Math.max(1, Math.ceil((row!.windowStart.getTime() + this.windowMs - now.getTime()) / 1000));
      throw new DomainError("RATE_LIMITED", "Bạn tra cứu quá nhiều lần, vui lòng thử lại sau ít phút", {
        messageEn: `too many look-ups from this address; retry in ${retryAfterSeconds} s`,
        retryAfterSeconds,
      });
    }
  }
}
