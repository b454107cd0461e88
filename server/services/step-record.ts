import type { Actor, Step } from "../../workflows";
import type { Tx } from "../db/client";
import { instanceEvents } from "../db/schema";
import type { SessionUser } from "../identity";
import type { InstanceRow } from "./dossier-locks";
import type { DossierService } from "./dossiers";
import type { FormVersion } from "./form-registry";
import type { PendingWrites } from "./pending-writes";
import type { StepContext } from "./step-context";
import type { StepPipeline } from "./step-pipeline";
import type { WorkflowVersion } from "./workflow-registry";

/** One accepted step of a dossier, as it is recorded: `instance` is the row as the step leaves it. */
export type StepRecord = {
  instance: InstanceRow;
  workflow: WorkflowVersion;
  step: Step;
  event: { type: string; data: Record<string, unknown> | null };
  /** The form the event's data filled, kept with the history entry. */
  form: FormVersion | null;
  user: SessionUser | null;
  actor: Actor;
  at: Date;
};

/**
 * The one path every step takes after the engine accepted it (start, child start, event, draft): queues
 * the history entry (numbered by the dossier's new version), applies the step's effects through the
 * pipeline and sends every queued write. The step's writes reach the database as one statement unless an
 * applier reads in between (`PendingWrites`).
 */
export async function recordStep(tx: Tx, writes: PendingWrites, record: StepRecord, services: { dossiers: DossierService; pipeline: StepPipeline }): Promise<void> {
  const { instance, workflow, step, event, form, user, actor, at } = record;
  const seq = instance.version;
  writes.add(
    tx.insert(instanceEvents).values({
      instanceId: instance.id,
      seq,
      type: event.type,
      actorId: user?.id ?? null,
      actorRoles: actor.roles,
      data: event.data,
      formKey: form?.key ?? null,
      formVersion: form?.version ?? null,
      fromState: step.from,
      toState: step.to,
      at,
    }),
  );
  const context: StepContext = {
    instance,
    workflow,
    step,
    event,
    actor: user,
    at,
    seq,
    dossiers: services.dossiers,
    tx: async () => {
      await writes.flush(tx);
      return tx;
    },
    read: () => tx,
    write: (build) => writes.add(build(tx)),
  };
  await services.pipeline.apply(context);
  await writes.flush(tx);
}
