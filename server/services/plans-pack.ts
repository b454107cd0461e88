import { planDataRule, UNIT_REPORT_WORKFLOW, unitReportDataRule } from "./data-rules";
import type { Computation, DomainPack } from "./domain-packs";
import { PLAN_WORKFLOW, type PlanService } from "./plans";

/**
 * Plans as a domain pack: the compiled summary of a plan's unit reports and the reports' due dates on
 * working days (`reportDueDates`), for transitions that `compute` them, and a plan's own data rule
 * (unique indicator codes and units, targets above 0, dates in order).
 */
export function plansPack(plans: PlanService, reportDueDates: Computation): DomainPack {
  return {
    name: "plans",
    workflows: [PLAN_WORKFLOW],
    dataRule: planDataRule,
    computations: { planSummary: (tx, row, at) => plans.compile(row, tx, { at }), reportDueDates },
  };
}

/** Units' reports on a plan: only the plan's indicator codes, each once. */
export const reportsPack: DomainPack = { name: "reports", workflows: [UNIT_REPORT_WORKFLOW], dataRule: unitReportDataRule };
