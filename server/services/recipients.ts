import type { Tx } from "../db/client";

// The implementation from tasks and grants is `grant-recipients.ts`; tests may pass their own.

/** Who a notification about a dossier goes to. */
export interface Recipients {
  /** The users who work on `state` of the dossier as `role` (the starter for applicant states). */
  forState(tx: Tx, dossier: { id: string; starterId: string }, state: string, role: string | null): Promise<string[]>;
  /** The leaders of the unit responsible for `state` (escalation of an overdue dossier). */
  leadersFor(tx: Tx, dossier: { id: string; starterId: string }, state: string): Promise<string[]>;
  /** The person who started the dossier. */
  starter(dossier: { starterId: string }): string[];
}
