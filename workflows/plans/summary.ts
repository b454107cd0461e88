import type { ReportingRound } from "./rounds";
import { formatAchievement } from "./format";

export type PlanIndicator = { code: string; name: string; unitOfMeasure: string; target: number };
export type PlanUnit = { unitId: string; unitName: string; assignment?: string };
export type BudgetLine = { unitId?: string; unitName?: string; item?: string; amount: number };

/** What compilation needs of a plan's data (read leniently: anything malformed counts as absent). */
export type PlanFacts = { indicators: PlanIndicator[]; participatingUnits: PlanUnit[]; budgetLines: BudgetLine[] };

/** Where one unit's report of the round stands. */
export type UnitReportStatus = "pending" | "sentBack" | "review" | "accepted";

/** One unit's report as compilation sees it. */
export type UnitReportFacts = {
  unitId: string;
  status: UnitReportStatus;
  /** Marked late by its timer after the due date, or sent after it. */
  late: boolean;
  /** Date (in Vietnam) of the last submission, if any. */
  submittedOn: string | null;
  actuals: { code: string; value: number }[];
  spent: number | null;
};

export type IndicatorResult = {
  code: string;
  name: string;
  unitOfMeasure: string;
  target: number;
  actual: number;
  /** actual / target, null without a target. */
  achievement: number | null;
  achievementText: string;
  byUnit: { unitId: string; unitName: string; actual: number | null }[];
};

export type UnitResult = {
  unitId: string;
  unitName: string;
  status: UnitReportStatus | "missing";
  late: boolean;
  submittedOn: string | null;
  planned: number;
  spent: number | null;
};

export type PlanSummary = {
  round: ReportingRound | null;
  compiledOn: string;
  indicators: IndicatorResult[];
  units: UnitResult[];
  late: { unitId: string; unitName: string; submittedOn: string | null }[];
  missing: { unitId: string; unitName: string }[];
  budget: { planned: number; spent: number; remaining: number };
  counts: { units: number; accepted: number; late: number; missing: number };
};

/** Sums without binary-fraction noise (0,1 + 0,2 = 0,3). */
function add(a: number, b: number): number {
  return Math.round((a + b) * 1e6) / 1e6;
}

/**
 * Compiles a round of unit reports into the plan's summary: per indicator the target, the sum of the
 * accepted actuals, the achievement (`157,3%`) and the per-unit breakdown; which units are late or
 * missing; the budget planned (the plan's budget lines) against spent (the accepted reports).
 * Only accepted reports count; a unit without one is missing.
 *
 * @example compilePlanSummary({ plan, reports, round, today: "2023-12-08" }).indicators[0]?.achievementText // "157,3%"
 */
export function compilePlanSummary(input: { plan: PlanFacts; reports: UnitReportFacts[]; round: ReportingRound | null; today: string }): PlanSummary {
  const { plan, round, today } = input;
  const byUnit = new Map(input.reports.map((r) => [r.unitId, r]));
  const accepted = (unitId: string) => {
    const r = byUnit.get(unitId);
    return r && r.status === "accepted" ? r : null;
  };
  const plannedFor = (unitId: string) => plan.budgetLines.filter((b) => b.unitId === unitId).reduce((s, b) => add(s, b.amount), 0);

  const indicators = plan.indicators.map((indicator): IndicatorResult => {
    const rows = plan.participatingUnits.map((u) => {
      const value = accepted(u.unitId)?.actuals.find((a) => a.code === indicator.code)?.value;
      return { unitId: u.unitId, unitName: u.unitName, actual: typeof value === "number" ? value : null };
    });
    const actual = rows.reduce((s, r) => add(s, r.actual ?? 0), 0);
    const achievement = indicator.target > 0 ? actual / indicator.target : null;
    return { ...indicator, actual, achievement, achievementText: formatAchievement(achievement), byUnit: rows };
  });

  const units = plan.participatingUnits.map((u): UnitResult => {
    const report = byUnit.get(u.unitId);
    const dueDate = round?.dueDate ?? null;
    const lateBySubmission = Boolean(report?.submittedOn && dueDate && report.submittedOn > dueDate);
    const overdueNow = Boolean(dueDate && today > dueDate && (!report || report.status === "pending" || report.status === "sentBack"));
    return {
      unitId: u.unitId,
      unitName: u.unitName,
      status: report ? report.status : "missing",
      late: Boolean(report?.late) || lateBySubmission || overdueNow,
      submittedOn: report?.submittedOn ?? null,
      planned: plannedFor(u.unitId),
      spent: accepted(u.unitId)?.spent ?? null,
    };
  });

  const planned = plan.budgetLines.reduce((s, b) => add(s, b.amount), 0);
  const spent = units.reduce((s, u) => add(s, u.spent ?? 0), 0);
  const late = units.filter((u) => u.late).map((u) => ({ unitId: u.unitId, unitName: u.unitName, submittedOn: u.submittedOn }));
  const missing = units.filter((u) => u.status !== "accepted").map((u) => ({ unitId: u.unitId, unitName: u.unitName }));
  return {
    round,
    compiledOn: today,
    indicators,
    units,
    late,
    missing,
    budget: { planned, spent, remaining: add(planned, -spent) },
    counts: { units: units.length, accepted: units.length - missing.length, late: late.length, missing: missing.length },
  };
}

/** Reads a plan's data leniently into the facts compilation needs. */
export function planFacts(data: Record<string, unknown>): PlanFacts {
  const list = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => !!v && typeof v === "object") : []);
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  const num = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : 0);
  return {
    indicators: list(data.indicators).map((i) => ({ code: text(i.code), name: text(i.name), unitOfMeasure: text(i.unitOfMeasure), target: num(i.target) })),
    participatingUnits: list(data.participatingUnits).map((u) => ({ unitId: text(u.unitId), unitName: text(u.unitName), assignment: text(u.assignment) })),
    budgetLines: list(data.budgetLines).map((b) => ({ unitId: text(b.unitId), unitName: text(b.unitName), item: text(b.item), amount: num(b.amount) })),
  };
}

/** Reads a unit report's submitted data leniently: its actual values and the amount spent. */
export function reportFigures(data: Record<string, unknown>): { actuals: { code: string; value: number }[]; spent: number | null } {
  const actuals = Array.isArray(data.actuals)
    ? data.actuals
        .filter((a): a is { code: string; value: number } => !!a && typeof a === "object" && typeof a.code === "string" && typeof a.value === "number" && Number.isFinite(a.value))
        .map((a) => ({ code: a.code, value: a.value }))
    : [];
  return { actuals, spent: typeof data.spent === "number" && Number.isFinite(data.spent) ? data.spent : null };
}
