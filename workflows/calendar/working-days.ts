import type { Calendar } from "./calendar";
import { fromEpochDay, toEpochDay, weekdayOfEpochDay, type IsoDate } from "./dates";
import { CalendarError } from "./errors";

/** Largest working-day count accepted (about 14 years): a guard against runaway loops, not a legal limit. */
export const MAX_WORKING_DAYS = 3650;
/** Largest span, in calendar days, that `workingDaysBetween` will walk (about 20 years). */
export const MAX_SPAN_DAYS = 7305;

function isWorkingEpochDay(cal: Calendar, day: number): boolean {
  const wd = weekdayOfEpochDay(day);
  const date = fromEpochDay(day);
  if (wd === 0 || wd === 6) return cal.makeupWorkdays.has(date);
  return !cal.daysOff.has(date);
}

/**
 * Whether `date` is a working day: Monday–Friday that is not a holiday, compensatory or swapped day off,
 * or a published make-up working day (a Saturday or Sunday). Outside covered years: Monday–Friday.
 *
 * @example
 * isWorkingDay(cal, "2026-04-27"); // false — Monday off in lieu of Giỗ Tổ (Sunday 26/4)
 * isWorkingDay(cal, "2026-08-22"); // true  — Saturday worked for the 31/8 swap
 */
export function isWorkingDay(cal: Calendar, date: IsoDate): boolean {
  return isWorkingEpochDay(cal, toEpochDay(date));
}

function checkCount(n: number): void {
  if (!Number.isSafeInteger(n)) throw new CalendarError("INVALID_ARGUMENT", `working-day count must be an integer: ${n}`);
  if (Math.abs(n) > MAX_WORKING_DAYS) {
    throw new CalendarError("RANGE_TOO_LARGE", `working-day count ${n} is beyond ±${MAX_WORKING_DAYS}`);
  }
}

/**
 * The n-th working day after `date` — the deadline of an n-working-day time limit that starts with an
 * event on `date`. The day of the event never counts: a time limit in days starts the next day
 * (Bộ luật Dân sự 2015, Điều 147). `date` itself may be a non-working day (a Saturday online filing).
 * A negative `n` counts back: the |n|-th working day before `date`. `n = 0` returns `date`.
 *
 * @example
 * addWorkingDays(cal, "2026-04-29", 1);  // "2026-05-04" — 30/4, 1/5 and the weekend are skipped
 * addWorkingDays(cal, "2026-01-09", 1);  // "2026-01-10" — a make-up Saturday
 * addWorkingDays(cal, "2026-06-10", -3); // "2026-06-05"
 */
export function addWorkingDays(cal: Calendar, date: IsoDate, n: number): IsoDate {
  checkCount(n);
  let day = toEpochDay(date);
  const step = n < 0 ? -1 : 1;
  for (let left = Math.abs(n); left > 0; ) {
    day += step;
    if (isWorkingEpochDay(cal, day)) left--;
  }
  return fromEpochDay(day);
}

/**
 * The number of working days d with `from` < d ≤ `to`: the working days consumed by a time limit
 * started on `from` when it is `to`. Negative (the same count, negated) when `to` is before `from`.
 *
 * @example
 * workingDaysBetween(cal, "2026-04-24", "2026-05-04"); // 3 — 28/4, 29/4, 4/5
 * workingDaysBetween(cal, "2026-05-04", "2026-04-24"); // -3
 */
export function workingDaysBetween(cal: Calendar, from: IsoDate, to: IsoDate): number {
  const a = toEpochDay(from);
  const b = toEpochDay(to);
  if (Math.abs(b - a) > MAX_SPAN_DAYS) {
    throw new CalendarError("RANGE_TOO_LARGE", `span ${from}..${to} is beyond ${MAX_SPAN_DAYS} days`);
  }
  const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  let count = 0;
  for (let day = lo + 1; day <= hi; day++) if (isWorkingEpochDay(cal, day)) count++;
  return sign * count;
}

/**
 * `date` when it is a working day, else the next working day. This is how a time limit that ends on a
 * weekend or holiday is extended (Bộ luật Dân sự 2015, Điều 148 khoản 5).
 *
 * @example
 * workingDayOnOrAfter(cal, "2026-05-31"); // "2026-06-01" (31/5 is a Sunday)
 * workingDayOnOrAfter(cal, "2026-06-01"); // "2026-06-01"
 */
export function workingDayOnOrAfter(cal: Calendar, date: IsoDate): IsoDate {
  const day = toEpochDay(date);
  return isWorkingEpochDay(cal, day) ? date : addWorkingDays(cal, date, 1);
}

/**
 * The dates `k` working days before `due`, for each `k` in `offsets` (in the order given), e.g. to
 * schedule reminder timers. `k = 0` is `due` itself.
 *
 * @example
 * reminderDates(cal, "2026-05-04", [3, 1]); // ["2026-04-24", "2026-04-29"]
 */
export function reminderDates(cal: Calendar, due: IsoDate, offsets: readonly number[]): IsoDate[] {
  return offsets.map((k) => {
    if (!Number.isSafeInteger(k) || k < 0) {
      throw new CalendarError("INVALID_ARGUMENT", `reminder offset must be a non-negative integer: ${k}`);
    }
    return addWorkingDays(cal, due, -k);
  });
}
