import { coversRange, touchesProvisional, type Calendar } from "./calendar";
import { addCalendarDays, calendarDaysBetween, instantToMs, toVietnamDate, type Instant, type IsoDate } from "./dates";
import { CalendarError } from "./errors";
import { addWorkingDays, MAX_WORKING_DAYS, workingDayOnOrAfter, workingDaysBetween } from "./working-days";

/** A legal time limit: exactly one of the two (same shape as a workflow state's `deadline`). */
export interface DeadlineRule {
  workingDays?: number | undefined;
  calendarDays?: number | undefined;
}

/** A stretch during which the clock stood still: a supplement request (`from`) until resubmission (`to`). */
export interface ClockPause {
  from: Instant;
  /** Absent (or null) while still paused. */
  to?: Instant | null | undefined;
}

export interface DeadlineInput {
  rule: DeadlineRule;
  /** Receipt of the (complete) dossier: the event that starts the clock; its day does not count. */
  startedAt: Instant;
  /** In time order, not overlapping; only the last may be open. */
  pauses?: readonly ClockPause[] | undefined;
}

/**
 * Where a time limit stands at `now`. All counts are in `unit`.
 *
 * - Running: `due` is the deadline date, `daysLeft` the days from today to `due` (0 on the due date,
 *   negative once overdue), `overdue` is today > due.
 * - Paused with days left: `due` and `daysLeft` are `null` — the due date is unknown until the
 *   resubmission — and `remaining` tells how many days will be left from that day on.
 * - Paused after the limit had already run out: `due` stays the date it ran out (a pause cannot cure a
 *   missed deadline), with `overdue` as usual.
 */
export interface DeadlineStatus {
  unit: "workingDays" | "calendarDays";
  /** The rule's number of days. */
  total: number;
  paused: boolean;
  due: IsoDate | null;
  daysLeft: number | null;
  overdue: boolean;
  /** Days consumed so far (paused stretches excluded). */
  used: number;
  /** `total - used`; negative when overdue. */
  remaining: number;
  /** Today in Vietnam, as used for the computation. */
  today: IsoDate;
  /** False when a year between the start and the due date (or today) has no calendar data: weekends only. */
  calendarCovered: boolean;
  /** True when a year in that range is only provisional (schedule not yet published). */
  provisional: boolean;
}

interface Counter {
  unit: DeadlineStatus["unit"];
  total: number;
  between(from: IsoDate, to: IsoDate): number;
  add(from: IsoDate, n: number): IsoDate;
}

function counterFor(cal: Calendar, rule: DeadlineRule): Counter {
  const { workingDays, calendarDays } = rule;
  if ((workingDays === undefined) === (calendarDays === undefined)) {
    throw new CalendarError("INVALID_RULE", "a deadline rule needs exactly one of workingDays or calendarDays");
  }
  const total = (workingDays ?? calendarDays) as number;
  if (!Number.isSafeInteger(total) || total <= 0 || total > MAX_WORKING_DAYS) {
    throw new CalendarError("INVALID_RULE", `deadline days must be an integer from 1 to ${MAX_WORKING_DAYS}: ${total}`);
  }
  return workingDays !== undefined
    ? {
        unit: "workingDays",
        total,
        between: (from, to) => workingDaysBetween(cal, from, to),
        add: (from, n) => addWorkingDays(cal, from, n),
      }
    : {
        unit: "calendarDays",
        total,
        between: calendarDaysBetween,
        // A limit in calendar days ending on a day off ends on the next working day (BLDS 2015, Điều 148 khoản 5).
        // n ≤ 0 only when a pause began on the weekend the limit ran out: the next working day is then due.
        add: (from, n) => workingDayOnOrAfter(cal, addCalendarDays(from, Math.max(0, n))),
      };
}

/** Active stretches of the clock as [startDate, endDate | null (still running)], validated. */
function activeStretches(input: DeadlineInput, nowMs: number): Array<[IsoDate, IsoDate | null]> {
  const startMs = instantToMs(input.startedAt);
  if (nowMs < startMs) throw new CalendarError("INVALID_ARGUMENT", "now is before startedAt");
  const stretches: Array<[IsoDate, IsoDate | null]> = [];
  let openSince: number | null = startMs;
  const pauses = input.pauses ?? [];
  pauses.forEach((p, i) => {
    const fromMs = instantToMs(p.from);
    const toMs = p.to === undefined || p.to === null ? null : instantToMs(p.to);
    if (openSince === null) throw new CalendarError("INVALID_PAUSES", `pause ${i} follows a pause that never ended`);
    if (fromMs < openSince) throw new CalendarError("INVALID_PAUSES", `pause ${i} starts before the clock was running`);
    if (fromMs > nowMs || (toMs !== null && toMs > nowMs)) throw new CalendarError("INVALID_PAUSES", `pause ${i} is in the future`);
    if (toMs !== null && toMs < fromMs) throw new CalendarError("INVALID_PAUSES", `pause ${i} ends before it starts`);
    stretches.push([toVietnamDate(openSince), toVietnamDate(fromMs)]);
    openSince = toMs;
  });
  if (openSince !== null) stretches.push([toVietnamDate(openSince), null]);
  return stretches;
}

/**
 * Computes a legal deadline with a pausable clock. The clock starts at receipt (`startedAt`; that day
 * does not count), stands still from a supplement request to the resubmission, and on resumption the
 * remaining days count from the day after the resubmission:
 * `due = addWorkingDays(resumeDate, total − used)`; days used before a pause are
 * `workingDaysBetween(stretchStart, pauseDate)` (the day of the request counts as used).
 * Calendar-day rules work the same with calendar days, and a due date on a day off moves to the next
 * working day.
 *
 * @example
 * computeDeadline(cal, { rule: { workingDays: 30 }, startedAt: "2026-04-24T09:00:00+07:00" },
 *   "2026-06-09T08:00:00+07:00");
 * // → { due: "2026-06-10", daysLeft: 1, overdue: false, paused: false, used: 29, remaining: 1, … }
 *
 * computeDeadline(cal, { rule: { workingDays: 30 }, startedAt: "2026-03-02T09:00:00+07:00",
 *   pauses: [{ from: "2026-03-16T10:00:00+07:00" }] }, "2026-03-18T10:00:00+07:00");
 * // → { paused: true, due: null, daysLeft: null, used: 10, remaining: 20, … }
 */
export function computeDeadline(cal: Calendar, input: DeadlineInput, now: Instant): DeadlineStatus {
  const counter = counterFor(cal, input.rule);
  const nowMs = instantToMs(now);
  const today = toVietnamDate(nowMs);
  const stretches = activeStretches(input, nowMs);
  const { total } = counter;

  let used = 0;
  let due: IsoDate | null = null;
  let paused = true;
  for (const [start, end] of stretches) {
    const stop = end ?? today;
    // The limit runs out within this stretch: its due date is fixed for good.
    if (due === null) {
      const candidate = counter.add(start, total - used);
      if (end === null || candidate <= end) due = candidate;
    }
    used += Math.max(0, counter.between(start, stop));
    if (end === null) paused = false;
  }

  const first = stretches[0]?.[0] ?? today;
  const last = due !== null && due > today ? due : today;
  const base = {
    unit: counter.unit,
    total,
    paused,
    used,
    remaining: total - used,
    today,
    calendarCovered: coversRange(cal, first, last),
    provisional: touchesProvisional(cal, first, last),
  };
  if (due === null) return { ...base, due: null, daysLeft: null, overdue: false };
  return { ...base, due, daysLeft: counter.between(today, due), overdue: today > due };
}
