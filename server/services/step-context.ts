import type { SQLWrapper } from "drizzle-orm";
import type { Step } from "../../workflows";
import type { Tx } from "../db/client";
import type { instances } from "../db/schema";
import type { SessionUser } from "../identity";
import type { DossierService } from "./dossiers";
import type { WorkflowVersion } from "./workflow-registry";

/** Everything an effect's applier needs to know about one accepted step of a dossier. */
export type StepContext = {
  instance: typeof instances.$inferSelect;
  workflow: WorkflowVersion;
  step: Step;
  event: { type: string; data: Record<string, unknown> | null };
  /** Null when the engine itself acts (timers). */
  actor: SessionUser | null;
  at: Date;
  seq: number;
  /** The service running the step, for appliers that step other dossiers (children and their parent). */
  dossiers: DossierService;
  /**
   * The step's transaction, once the writes queued so far (the new snapshot and history entry included)
   * have been sent: for an applier that reads, or that needs a write's result.
   */
  tx(): Promise<Tx>;
  /**
   * The step's transaction for a read of rows the step's queued writes do not touch (units, grants):
   * nothing is sent first, so the queued writes still go out together with later ones.
   */
  read(): Tx;
  /**
   * Queues a write whose result the applier does not need, built on the transaction it is given (and not
   * run there). The step's queued writes go to the database together, in one statement
   * (`PendingWrites`), before the next `tx()` or when the effects are applied.
   */
  write(build: (q: Tx) => SQLWrapper): void;
};
