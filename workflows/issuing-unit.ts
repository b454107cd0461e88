import { resolveAssigneeUnit } from "./assignee";
import type { CompiledWorkflow } from "./compile";
import type { IssueDocument } from "./definition-schema";

/**
 * The unit that issues a step's document: the one `spec.unit` names, else the unit of the state the
 * decision was taken in (its official assignee's unit: the leader's office), else the dossier's unit.
 *
 * @example issuingUnit(founding, { type: "QĐ", … }, ["decision"], { data, starterUnitId, dossierUnitId }) // the Sở's id
 */
export function issuingUnit(
  wf: Pick<CompiledWorkflow, "states">,
  spec: IssueDocument,
  fromStates: readonly string[],
  context: { data: Record<string, unknown>; starterUnitId: string | null; dossierUnitId: string | null },
): string | null {
  if (spec.unit) return resolveAssigneeUnit(spec.unit, context);
  for (const name of fromStates) {
    const assignee = wf.states.get(name)?.node.assignee;
    if (assignee && assignee.role !== "applicant") return resolveAssigneeUnit(assignee.unit, context);
  }
  return context.dossierUnitId;
}
