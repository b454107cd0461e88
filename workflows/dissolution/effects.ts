import type { Step } from "../engine";

/**
 * The dissolution pack's effects on the association a dossier names (`data.association`): a dissolution
 * decision (voluntary or by the authority) retires it; a suspension decision marks it suspended and the
 * decision that lets it operate again lifts the mark.
 */
export type DissolutionEffect =
  | { kind: "dissolution.retireUnit"; unitId: string }
  | { kind: "dissolution.suspendUnit"; unitId: string }
  | { kind: "dissolution.liftSuspension"; unitId: string };

/** The final state a dissolution decision leads to (both the voluntary and the forced dissolution). */
export const DISSOLVED_STATE = "dissolved";
/** The state a suspension decision leads to; the association stays suspended while the dossier is in it. */
export const SUSPENDED_STATE = "suspended";
/** The final state of a suspension lifted by the decision that lets the association operate again. */
export const LIFTED_STATE = "lifted";

/**
 * A step into `dissolved` retires the association it names with everything below it; a step into
 * `suspended` suspends it; a step into `lifted` lifts the suspension; any other step changes no unit.
 *
 * @example dissolutionEffects(stepInto("dissolved", { association: "u-1" })) // [{ kind: "dissolution.retireUnit", unitId: "u-1" }]
 */
export function dissolutionEffects(step: Step): DissolutionEffect[] {
  const association = step.snapshot.context.data.association;
  if (typeof association !== "string") return [];
  if (step.entered.includes(DISSOLVED_STATE)) return [{ kind: "dissolution.retireUnit", unitId: association }];
  // Re-entering `suspended` (a lifting proposal sent back) suspends nothing new: the applier keeps the first mark.
  if (step.entered.includes(SUSPENDED_STATE)) return [{ kind: "dissolution.suspendUnit", unitId: association }];
  if (step.entered.includes(LIFTED_STATE)) return [{ kind: "dissolution.liftSuspension", unitId: association }];
  return [];
}
