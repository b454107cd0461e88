import type { Clock } from "../clock";
import { DomainError } from "../errors";

/** Requests one address may make to the public status pages per window. */
export const PUBLIC_LIMIT = 30;
export const PUBLIC_WINDOW_MS = 60_000;

/**
 * A fixed-window count of public look-ups per client address, kept in the process: the public pages
 * need no database write per request, and a code is unguessable anyway; the limit stops enumeration
 * and scraping from one address. With N processes behind a balancer the effective limit is N times it.
 */
export class PublicRateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly limit = PUBLIC_LIMIT,
    private readonly windowMs = PUBLIC_WINDOW_MS,
  ) {}

  /** Counts one request from `address`; over the limit refuses with `429 RATE_LIMITED` and when to retry. */
  hit(address: string): void {
    const now = this.clock.now().getTime();
    if (this.windows.size > 10_000) this.prune(now);
    const window = this.windows.get(address);
    if (!window || now - window.start >= this.windowMs) {
      this.windows.set(address, { start: now, count: 1 });
      return;
    }
    window.count++;
    if (window.count > this.limit) {
      const retryAfterSeconds = Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000));
      throw new DomainError("RATE_LIMITED", "Bạn tra cứu quá nhiều lần, vui lòng thử lại sau ít phút", {
        messageEn: `too many look-ups from this address; retry in ${retryAfterSeconds} s`,
        retryAfterSeconds,
      });
    }
  }

  private prune(now: number): void {
    for (const [key, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(key);
  }
}
