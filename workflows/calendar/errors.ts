/**
 * The closed set of reasons the calendar refuses its input; `server/errors.ts` maps each to HTTP
 * (all are caller mistakes, so 400/422 — none is a server fault).
 */
export type CalendarErrorCode =
  | "INVALID_DATE"
  | "INVALID_INSTANT"
  | "INVALID_ARGUMENT"
  | "RANGE_TOO_LARGE"
  | "INVALID_RULE"
  | "INVALID_PAUSES"
  | "INVALID_CALENDAR";

/**
 * A refusal by the pure calendar code.
 *
 * @example
 * try { addWorkingDays(cal, "2026-02-30", 1); }
 * catch (e) { if (e instanceof CalendarError) e.code; } // "INVALID_DATE"
 */
export class CalendarError extends Error {
  constructor(
    readonly code: CalendarErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "CalendarError";
  }
}
