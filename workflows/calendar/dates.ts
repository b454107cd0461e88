import { CalendarError } from "./errors";

/** A calendar date in Vietnam, `YYYY-MM-DD`. Plain string so it round-trips through JSON and SQL `date`. */
export type IsoDate = string;

/**
 * A point in time: an ISO 8601 string WITH an offset (`Z` or `±hh:mm`), epoch milliseconds, or a `Date`.
 * Strings without an offset are refused: their meaning would depend on the host's time zone.
 */
export type Instant = string | number | Date;

const DAY_MS = 86_400_000;
/** Vietnam is UTC+07:00 all year (no daylight saving since 1975). */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const ISO_DATE = /^([1-9]\d{3})-(\d{2})-(\d{2})$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Whether `value` is a real calendar date written `YYYY-MM-DD` (rejects `2026-02-30`). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const back = new Date(Date.UTC(y, mo - 1, d));
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d;
}

/** Days since 1970-01-01 for a valid `YYYY-MM-DD`; throws `INVALID_DATE` otherwise. Internal day arithmetic runs on these. */
export function toEpochDay(date: IsoDate): number {
  if (typeof date !== "string" || !isIsoDate(date)) {
    throw new CalendarError("INVALID_DATE", `not a YYYY-MM-DD calendar date: ${String(date)}`);
  }
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

/** The `YYYY-MM-DD` of an epoch day. */
export function fromEpochDay(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, like `Date#getUTCDay` (1970-01-01 was a Thursday). */
export function weekdayOfEpochDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Epoch milliseconds of an instant; throws `INVALID_INSTANT` for anything ambiguous or unparsable. */
export function instantToMs(instant: Instant): number {
  let ms: number;
  if (instant instanceof Date) ms = instant.getTime();
  else if (typeof instant === "number") ms = instant;
  else if (typeof instant === "string" && ISO_INSTANT.test(instant)) ms = Date.parse(instant);
  else ms = Number.NaN;
  if (!Number.isFinite(ms)) {
    throw new CalendarError("INVALID_INSTANT", `not an instant (ISO string with offset, epoch ms or Date): ${String(instant)}`);
  }
  return ms;
}

/**
 * The calendar date in Vietnam (UTC+07:00) at an instant.
 *
 * @example
 * toVietnamDate("2026-04-29T16:59:59Z"); // "2026-04-29"
 * toVietnamDate("2026-04-29T17:00:00Z"); // "2026-04-30" (midnight in Hà Nội)
 * toVietnamDate(1777482000000);          // "2026-04-30"
 */
export function toVietnamDate(instant: Instant): IsoDate {
  return fromEpochDay(Math.floor((instantToMs(instant) + VIETNAM_OFFSET_MS) / DAY_MS));
}

/**
 * `date` plus `n` calendar days (`n` may be negative).
 *
 * @example
 * addCalendarDays("2026-03-02", 90); // "2026-05-31"
 */
export function addCalendarDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isSafeInteger(n)) throw new CalendarError("INVALID_ARGUMENT", `day count must be an integer: ${n}`);
  return fromEpochDay(toEpochDay(date) + n);
}

/**
 * Calendar days from `from` to `to` (negative when `to` is earlier).
 *
 * @example
 * calendarDaysBetween("2026-03-16", "2026-03-23"); // 7
 */
export function calendarDaysBetween(from: IsoDate, to: IsoDate): number {
  return toEpochDay(to) - toEpochDay(from);
}
