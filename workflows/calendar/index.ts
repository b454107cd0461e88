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
