import { resolveAssigneeUnit } from "./assignee";
import { clockRules, type ClockRule } from "./clock-rules";
import type { CompiledWorkflow } from "./compile";
import type { IssueDocument } from "./definition-schema";
import type { Step } from "./engine";
import { activeStateNames } from "./state-index";

/** The event an official sends to apologise for an overdue dossier and promise a new date (history only: the dossier stays where it is). */
export const APOLOGIZE = "APOLOGIZE";

/**
 * The server's computation added to a one-stop supplement request (`computationsFor`): the receipt's date,
 * the last day of the limit and whether the request is late; a late request needs a recorded reason.
 */
export const ONE_STOP_SUPPLEMENT = "oneStopSupplement";

/** The event that asks for a supplement under the definition's one-stop procedure; null without one. */
export function supplementEvent(wf: Pick<CompiledWorkflow, "definition">): string | null {
  const supplement = wf.definition.oneStop?.supplement;
  return supplement ? (supplement.event ?? "REQUEST_SUPPLEMENT") : null;
}

/** Where the dossier's units come from, to resolve the issuing unit of a slip. */
type Units = { data: Record<string, unknown>; starterUnitId: string | null; dossierUnitId: string | null };

/** The active states before the step: those after it, without the ones it entered, with the ones it left. */
function activeBefore(step: Step): Set<string> {
  const entered = new Set(step.entered);
  return new Set([...activeStateNames(step.snapshot.value).filter((s) => !entered.has(s)), ...step.exited]);
}

/** The unit that receives a dossier for a clock: the official assignee of the clock's own state, else the dossier's unit. */
export function receivingUnit(wf: Pick<CompiledWorkflow, "states">, rule: ClockRule, units: Units): string | null {
  for (const name of [rule.key, ...rule.runIn]) {
    const assignee = wf.states.get(name)?.node.assignee;
    if (assignee && assignee.role !== "applicant") return resolveAssigneeUnit(assignee.unit, units);
  }
  return units.dossierUnitId;
}

/**
 * The receipts a step issues: one per legal clock that the step sets running (a dossier handed in, or
 * handed back complete after a supplement); a clock that keeps running (a leader's RETURN) gets none.
 *
 * @example receiptsOf(founding, submitStep, units) // [{ clock: "committeeReview", spec: {...}, unitId: "<Sở>" }]
 */
export function receiptsOf(wf: CompiledWorkflow, step: Step, units: Units): { clock: string; spec: IssueDocument; unitId: string | null }[] {
  const receipt = wf.definition.oneStop?.receipt;
  if (!receipt || !step.entered.length) return [];
  const before = activeBefore(step);
  const after = new Set(activeStateNames(step.snapshot.value));
  return clockRules(wf)
    .filter((rule) => rule.runIn.some((s) => after.has(s)) && !rule.pauseIn.some((s) => after.has(s)) && !rule.runIn.some((s) => before.has(s)))
    .map((rule) => ({ clock: rule.key, spec: receipt.document, unitId: receivingUnit(wf, rule, units) }));
}

/**
 * The written supplement request a step issues: when the definition's supplement event sets a running
 * clock waiting for the applicant (and the transition issues no document of its own).
 */
export function supplementSlipOf(wf: CompiledWorkflow, step: Step, eventType: string, units: Units): { spec: IssueDocument; unitId: string | null } | null {
  const supplement = wf.definition.oneStop?.supplement;
  if (!supplement || eventType !== supplementEvent(wf) || step.transition?.issueDocument) return null;
  const before = activeBefore(step);
  const after = new Set(activeStateNames(step.snapshot.value));
  const rule = clockRules(wf).find((r) => r.pauseIn.some((s) => after.has(s)) && r.runIn.some((s) => before.has(s)));
  return rule ? { spec: supplement.document, unitId: receivingUnit(wf, rule, units) } : null;
}

/** The clocks an apology may be about: those whose states are active now. */
export function apologyClocks(wf: CompiledWorkflow, active: readonly string[]): ClockRule[] {
  const now = new Set(active);
  return clockRules(wf).filter((r) => r.runIn.some((s) => now.has(s)));
}
