import type { DomainPack } from "./domain-packs";
import type { PlanService } from "./plans";

/** Plans as a domain pack: the compiled summary of a plan's unit reports, for transitions that `compute` it. */
export function plansPack(plans: PlanService): DomainPack {
  return { name: "plans", computations: { planSummary: (tx, row, at) => plans.compile(row, tx, { at }) } };
}
