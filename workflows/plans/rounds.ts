import { addCalendarDays, isIsoDate, type IsoDate } from "../calendar/dates";

/** One round of reports a plan asks its units for. */
export type ReportingRound = {
  index: number;
  /** Unique within the plan: `report`, `2024-H1`, `2024-Y`. */
  key: string;
  kind: "once" | "six-month" | "annual";
  title: string;
  /** The data cut-off period the round covers. */
  periodFrom: IsoDate;
  periodTo: IsoDate;
  /** The last day units may report on. */
  dueDate: IsoDate;
};

/** A periodic report's data window and deadline, as month-days (`MM-DD`). */
export type PeriodRule = { fromMonthDay: string; cutoffMonthDay: string; dueDaysAfterCutoff: number };

/**
 * The cut-off days of Nghị định 09/2019/NĐ-CP, Điều 12: a six-month report covers 15/12 of the year
 * before to 14/06, a year report 15/12 of the year before to 14/12. How long units have after the
 * cut-off is set by whoever issues the reporting regime; 6 days (due 20/06 and 20/12) by default.
 * Every number here is configuration: a definition's `config.reportingPeriods` overrides it.
 */
export const DEFAULT_PERIOD_RULES: { sixMonth: PeriodRule; annual: PeriodRule } = {
  sixMonth: { fromMonthDay: "12-15", cutoffMonthDay: "06-14", dueDaysAfterCutoff: 6 },
  annual: { fromMonthDay: "12-15", cutoffMonthDay: "12-14", dueDaysAfterCutoff: 6 },
};

export type Recurrence = "once" | "six-month-and-annual" | "annual";

/**
 * The rounds of reports of a plan running from `startDate` to `endDate`: one round due on
 * `reportDeadline` for a one-off plan; for a recurring one, every six-month and/or year report whose
 * data window overlaps the plan, in the order they fall due.
 *
 * @example reportingRounds({ recurrence: "six-month-and-annual", startDate: "2024-01-01", endDate: "2024-12-31" }).map((r) => r.key)
 * // ["2024-H1", "2024-Y"]
 */
export function reportingRounds(
  plan: { recurrence?: Recurrence | undefined; startDate?: string | undefined; endDate?: string | undefined; reportDeadline?: string | undefined },
  rules: { sixMonth: PeriodRule; annual: PeriodRule } = DEFAULT_PERIOD_RULES,
  workingDueDates: Readonly<Record<string, unknown>> = {},
): ReportingRound[] {
  const recurrence = plan.recurrence ?? "once";
  const start = plan.startDate && isIsoDate(plan.startDate) ? plan.startDate : null;
  const end = plan.endDate && isIsoDate(plan.endDate) ? plan.endDate : null;
  if (recurrence === "once" || !start || !end || end < start) {
    const due = plan.reportDeadline && isIsoDate(plan.reportDeadline) ? plan.reportDeadline : (end ?? start);
    if (!due) return [];
    return [{ index: 0, key: "report", kind: "once", title: "Báo cáo kết quả thực hiện kế hoạch", periodFrom: start ?? due, periodTo: end ?? due, dueDate: due }];
  }
  const rounds: Omit<ReportingRound, "index">[] = [];
  for (let year = Number(start.slice(0, 4)); year <= Number(end.slice(0, 4)); year++) {
    const kinds: ["six-month" | "annual", PeriodRule][] =
      recurrence === "annual" ? [["annual", rules.annual]] : [["six-month", rules.sixMonth], ["annual", rules.annual]];
    for (const [kind, rule] of kinds) {
      const periodFrom = `${year - 1}-${rule.fromMonthDay}`;
      const periodTo = `${year}-${rule.cutoffMonthDay}`;
      if (periodTo < start || periodFrom > end) continue;
      rounds.push({
        key: `${year}-${kind === "annual" ? "Y" : "H1"}`,
        kind,
        title: kind === "annual" ? `Báo cáo tổng kết năm ${year}` : `Báo cáo sơ kết 6 tháng đầu năm ${year}`,
        periodFrom,
        periodTo,
        dueDate: onWorkingDay(addCalendarDays(periodTo, rule.dueDaysAfterCutoff), workingDueDates),
      });
    }
  }
  return rounds.sort((a, b) => a.dueDate.localeCompare(b.dueDate)).map((r, index) => ({ index, ...r }));
}

/**
 * A periodic report's due date moved to the working day the server found for it (`workingDueDates`:
 * nominal date → that date or a later one): a due date on a weekend or holiday moves to the next working
 * day (Nghị định 09/2019/NĐ-CP; Bộ luật Dân sự 2015, Điều 148 khoản 5). The pure engine has no calendar:
 * the server computes the map in the step (`reportDueDates`), and replay reads it from the event.
 */
function onWorkingDay(nominal: IsoDate, workingDueDates: Readonly<Record<string, unknown>>): IsoDate {
  const moved = workingDueDates[nominal];
  return typeof moved === "string" && isIsoDate(moved) && moved >= nominal ? moved : nominal;
}

/** The due dates of a plan's periodic rounds as the cut-off rules give them, before any move to a working day. */
export function nominalDueDates(
  plan: Parameters<typeof reportingRounds>[0],
  rules: { sixMonth: PeriodRule; annual: PeriodRule } = DEFAULT_PERIOD_RULES,
): IsoDate[] {
  return reportingRounds(plan, rules).filter((r) => r.kind !== "once").map((r) => r.dueDate);
}

/** The period rules of a definition's config, falling back to the defaults field by field. */
export function periodRulesFrom(config: Record<string, unknown>): { sixMonth: PeriodRule; annual: PeriodRule } {
  const given = (config.reportingPeriods ?? {}) as Partial<Record<"sixMonth" | "annual", Partial<PeriodRule>>>;
  return {
    sixMonth: { ...DEFAULT_PERIOD_RULES.sixMonth, ...given.sixMonth },
    annual: { ...DEFAULT_PERIOD_RULES.annual, ...given.annual },
  };
}
