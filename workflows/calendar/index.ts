/**
 * The working-day calendar and legal deadline arithmetic (design §5). Pure: time comes in as arguments.
 */
export { CalendarError, type CalendarErrorCode } from "./errors";
export {
  addCalendarDays,
  calendarDaysBetween,
  isIsoDate,
  toVietnamDate,
  type Instant,
  type IsoDate,
} from "./dates";
export {
  CalendarDayOff,
  CalendarHoliday,
  CalendarMakeupWorkday,
  CalendarName,
  CalendarYear,
  IsoDateSchema,
} from "./calendar-schema";
export { buildCalendar, covers, coversRange, isProvisional, type Calendar } from "./calendar";
export {
  addWorkingDays,
  isWorkingDay,
  MAX_SPAN_DAYS,
  MAX_WORKING_DAYS,
  reminderDates,
  workingDayOnOrAfter,
  workingDaysBetween,
} from "./working-days";
export {
  computeDeadline,
  type ClockPause,
  type DeadlineInput,
  type DeadlineRule,
  type DeadlineStatus,
} from "./deadline";
export { shippedCalendar, shippedCalendarYears } from "./shipped";
