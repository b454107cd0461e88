import { linesOf, normaliseName, type Step } from "../../../workflows";
import { DomainError } from "../../errors";
import type { SessionUser } from "../../identity";
import type { WorkflowVersion } from "../workflow-registry";

/** True when the step was taken with an official's role (verify, approve, pay…), not the applicant's. */
function deciding(workflow: WorkflowVersion, step: Step): boolean {
  if (!step.transition) return false;
  const guarded = step.transition.guard?.role;
  if (guarded) return [guarded].flat().some((r) => r !== "applicant");
  return step.from.some((name) => {
    for (let state = workflow.states.get(name); state; state = state.parent ? workflow.states.get(state.parent) : undefined) {
      if (state.node.assignee) return state.node.assignee.role !== "applicant";
    }
    return false;
  });
}

/**
 * A person named as a beneficiary of a request never decides on it. Accounts have no CCCD or birth year,
 * so an official is matched by display name alone (without a bracketed title, normalised as beneficiaries
 * are): a namesake is kept
 * out too, and another official of the fund decides — the safe side of a separation of duties.
 */
export function refuseBeneficiaryDecider(workflow: WorkflowVersion, step: Step, actor: SessionUser | null): void {
  if (!actor || !deciding(workflow, step)) return;
  // "Hồ Thị Thẩm (Văn phòng Quỹ)": the person's name is what precedes a title in brackets.
  const me = normaliseName(actor.displayName.replace(/\(.*$/s, ""));
  if (me === "") return;
  const line = linesOf(step.snapshot.context.data).find((l) => normaliseName(l.fullName) === me);
  if (line) {
    throw new DomainError("BENEFICIARY_CANNOT_DECIDE", `${actor.displayName} có tên trong danh sách đối tượng (dòng ${line.lineId}) nên không được xử lý đề nghị này: cán bộ khác của Quỹ xử lý`, {
      messageEn: `${actor.displayName} is named as a beneficiary (line ${line.lineId}) and may not decide on this request`,
      lineId: line.lineId,
    });
  }
}
