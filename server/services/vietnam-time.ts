import { addCalendarDays, computeDeadline, toVietnamDate, type Calendar, type DeadlineRule, type IsoDate } from "../../workflows/calendar";
import type { Clock } from "../clock";
import { formatDateVi } from "../../forms";

/** Reminders and escalations go out at the start of the office day in Vietnam. */
export const MORNING = "07:00";
/** The last instant of a day: a task due on a date is overdue from the next midnight. */
export const END_OF_DAY = "23:59:59.999";

/**
 * The instant of a wall-clock time on a date in Vietnam (UTC+07:00, no daylight saving).
 *
 * @example
 * vietnamInstant("2026-06-02", "00:00").toISOString(); // "2026-06-01T17:00:00.000Z"
 */
export function vietnamInstant(date: IsoDate, time: string): Date {
  return new Date(`${date}T${time.length === 5 ? `${time}:00` : time}+07:00`);
}

/**
 * When a time limit of `rule` that starts at `startedAt` has run out: the first instant of the day after
 * its last day (computed like a legal deadline: the start day does not count, a last day that is a day
 * off moves to the next working day).
 *
 * @example
 * // Permission on Mon 02/03/2026; 90 calendar days end Sun 31/05 → Mon 01/06; expiry at 00:00 on 02/06.
 * expiryInstant(cal, { calendarDays: 90 }, new Date("2026-03-02T10:00:00+07:00")); // 2026-06-02T00:00+07:00
 */
export function expiryInstant(cal: Calendar, rule: DeadlineRule, startedAt: Date): Date {
  const { due } = computeDeadline(cal, { rule, startedAt }, startedAt);
  return vietnamInstant(addCalendarDays(due!, 1), "00:00");
}

/**
 * An instant as a Vietnamese reader writes it, in Vietnam time: `hh:mm dd/mm/yyyy`.
 *
 * @example
 * formatVietnamDateTime(new Date("2026-11-24T02:05:00Z")); // "09:05 24/11/2026"
 */
export function formatVietnamDateTime(at: Date): string {
  const local = new Date(at.getTime() + 7 * 3_600_000).toISOString();
  return `${local.slice(11, 16)} ${formatDateVi(local.slice(0, 10))}`;
}

/** The Vietnam calendar year `year` as a half-open instant range. */
export function vietnamYear(year: number): [Date, Date] {
  return [vietnamInstant(`${year}-01-01`, "00:00"), vietnamInstant(`${year + 1}-01-01`, "00:00")];
}

/** This year in Vietnam, by the injected clock. */
export const currentVietnamYear = (clock: Clock) => Number(toVietnamDate(clock.now()).slice(0, 4));
