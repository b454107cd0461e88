import type { Step } from "../engine";

/** The dissolution pack's effect: the association the decision dissolves stops being an active unit. */
export type DissolutionEffect = { kind: "dissolution.retireUnit"; unitId: string };

/** The final state a dissolution decision leads to. */
export const DISSOLVED_STATE = "dissolved";

/**
 * A step that ends a dissolution dossier in `dissolved` retires the association it names (`data.association`)
 * with everything below it; any other step changes no unit.
 *
 * @example dissolutionEffects(stepInto("dissolved", { association: "u-1" })) // [{ kind: "dissolution.retireUnit", unitId: "u-1" }]
 */
export function dissolutionEffects(step: Step): DissolutionEffect[] {
  if (!step.entered.includes(DISSOLVED_STATE)) return [];
  const association = step.snapshot.context.data.association;
  return typeof association === "string" ? [{ kind: "dissolution.retireUnit", unitId: association }] : [];
}
