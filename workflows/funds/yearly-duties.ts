/**
 * A fund's yearly duties (Nghị định 93/2019/NĐ-CP): the report on the past year and the plan of the
 * next one, each due on a month-day of the definition's config, as dossiers the system starts per year.
 */
export const YEARLY_DUTY_WORKFLOW = "fund-yearly-duty";

export type YearlyDutyKind = "report" | "plan";

/** One duty of one calendar year: what it is about (`subjectYear`) and its due date. */
export type YearlyDuty = { duty: YearlyDutyKind; year: number; subjectYear: number; dueDate: string; key: string; title: string };

const MONTH_DAY = /^(\d{2})-(\d{2})$/;

/**
 * The duties falling due in `year`, from `config.dueDates` (`{ report: "03-31", plan: "12-31" }`): the
 * report on `year - 1` and the plan of `year + 1`. A duty without a month-day in the config is left out.
 *
 * @example yearlyDuties("f1", 2027, { dueDates: { report: "03-31", plan: "12-31" } }).map((d) => d.dueDate) // ["2027-03-31", "2027-12-31"]
 */
export function yearlyDuties(fundId: string, year: number, config: Record<string, unknown>): YearlyDuty[] {
  const dueDates = (config.dueDates ?? {}) as Record<string, unknown>;
  const out: YearlyDuty[] = [];
  for (const duty of ["report", "plan"] as const) {
    const monthDay = dueDates[duty];
    if (typeof monthDay !== "string" || !MONTH_DAY.test(monthDay)) continue;
    const subjectYear = duty === "report" ? year - 1 : year + 1;
    const title = duty === "report" ? `Báo cáo năm ${subjectYear} của Quỹ` : `Kế hoạch năm ${subjectYear} của Quỹ`;
    out.push({ duty, year, subjectYear, dueDate: `${year}-${monthDay}`, key: `${fundId}:${duty}:${year}`, title });
  }
  return out;
}
