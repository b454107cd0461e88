import type { Tx } from "../db/client";

/** Who a notification about a dossier goes to. */
export interface Recipients {
  /** The users who work on `state` of the dossier as `role` (the starter for applicant states). */
  forState(tx: Tx, dossier: { id: string; starterId: string }, state: string, role: string | null): Promise<string[]>;
  /** The leaders of the unit responsible for `state` (escalation of an overdue dossier). */
  leadersFor(tx: Tx, dossier: { id: string; starterId: string }, state: string): Promise<string[]>;
  /** The person who started the dossier. */
  starter(dossier: { starterId: string }): string[];
}

/**
 * Recipients known without units and grants: the starter for applicant states, nobody else.
 * Replaced by the grants-based resolution once users, units and tasks exist.
 */
export const starterOnlyRecipients: Recipients = {
  forState: async (_tx, dossier, _state, role) => (role === "applicant" ? [dossier.starterId] : []),
  leadersFor: async () => [],
  starter: (dossier) => [dossier.starterId],
};
