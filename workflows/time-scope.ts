import { toVietnamDate } from "./calendar/dates";

/** The time facts a condition may read: the instant of the event and its date in Vietnam. */
export type TimeScope = { now: string | null; today: string | null };

/**
 * The time scope of an event sent at `at` (an ISO instant with offset), or nulls when the caller gave
 * no time. The engine never reads a clock: the server passes the instant in, and replay passes the
 * stored one, so conditions such as "the report deadline has passed" replay identically.
 *
 * @example timeScope("2023-12-05T17:30:00Z") // { now: "2023-12-05T17:30:00Z", today: "2023-12-06" }
 */
export function timeScope(at: string | undefined): TimeScope {
  if (!at) return { now: null, today: null };
  return { now: at, today: toVietnamDate(at) };
}
