import data2026 from "./data/2026.json" with { type: "json" };
import data2027 from "./data/2027.json" with { type: "json" };
import { buildCalendar, type Calendar } from "./calendar";
import { CalendarYear } from "./calendar-schema";

/**
 * The calendar years shipped with Hoso (current and next year), validated when this module loads so a
 * bad edit to `data/*.json` fails at boot and in tests, not in a deadline.
 *
 * @example
 * shippedCalendarYears.map((y) => y.year); // [2026, 2027]
 */
export const shippedCalendarYears: readonly CalendarYear[] = Object.freeze([
  CalendarYear.parse(data2026),
  CalendarYear.parse(data2027),
]);

/**
 * A calendar of the shipped years, for tests and as the seed before an admin edits the calendar.
 *
 * @example
 * const cal = shippedCalendar();
 * isWorkingDay(cal, "2026-02-17"); // false (Tết)
 */
export function shippedCalendar(): Calendar {
  return buildCalendar(shippedCalendarYears);
}
