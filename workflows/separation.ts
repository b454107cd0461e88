import type { Assignee } from "./definition-schema";
import type { CompiledWorkflow } from "./compile";
import type { IndexedState } from "./state-index";

/**
 * Separation of duties: the person who started a dossier never decides on it. He keeps the work of the
 * role he started it with (the initial state's assignee: an applicant's draft and supplements, a
 * specialist drafting and compiling his own plan); every other state of the dossier is a deciding one,
 * where the official roles he may hold there do not count for him.
 */

/** The assignee of a state, or of the nearest state above it that has one. */
export function effectiveAssignee(wf: Pick<CompiledWorkflow, "states">, state: IndexedState): Assignee | null {
  for (let s: IndexedState | undefined = state; s; s = s.parent ? wf.states.get(s.parent) : undefined) {
    if (s.node.assignee) return s.node.assignee;
  }
  return null;
}

/**
 * True when `state` is the starter's own work: its assignee is the applicant, or is assigned the way the
 * initial state is (same role, same unit rule). False for every state that decides on the dossier.
 *
 * @example isStartersOwnWork(fund, fund.states.get("singleApproval")!) // false: a leader decides
 */
export function isStartersOwnWork(wf: Pick<CompiledWorkflow, "definition" | "states">, state: IndexedState): boolean {
  const assignee = effectiveAssignee(wf, state);
  if (!assignee) return false;
  if (assignee.role === "applicant") return true;
  const initial = wf.states.get(wf.definition.initial);
  const first = initial ? effectiveAssignee(wf, initial) : null;
  return first !== null && first.role === assignee.role && (first.unit ?? null) === (assignee.unit ?? null);
}
