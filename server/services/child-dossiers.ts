import { eq } from "drizzle-orm";
import { CHILD_UPDATE, currentStateName } from "../../workflows";
import { instances } from "../db/schema";
import type { StepHook } from "./step-hooks";

/**
 * Parent and child dossiers, inside the step's transaction: starts the children a step asks for
 * (`Step.spawn`), and tells a parent whenever one of its children changes state or is marked late
 * (a `CHILD_UPDATE` event, so the parent's `$children` and its `always` transitions follow). The
 * parent row is already locked by the child's step (`DossierService.lockAncestors`), so concurrent
 * children update it one after the other and no update is lost. A closed parent is not told.
 */
export const childDossierHook: StepHook = async ({ instance, step, event, at, dossiers, tx: open }) => {
    for (const request of step.spawn) await dossiers.startChild(await open(), instance, request, at);
    if (!instance.parentId || !instance.childKey || event.type === "START") return;
    const moved = step.from.join() !== step.to.join();
    const markedLate = step.transition?.actions?.includes("markLate") ?? false;
    if (!moved && !markedLate) return;
    const tx = await open();
    const [parent] = await tx.select({ status: instances.status }).from(instances).where(eq(instances.id, instance.parentId));
    if (!parent || parent.status === "done") return;
    await dossiers.send(
      null,
      instance.parentId,
      {
        type: CHILD_UPDATE,
        data: {
          key: instance.childKey,
          id: instance.id,
          state: currentStateName(step.snapshot.value),
          final: step.snapshot.status === "done",
          late: step.snapshot.context.data.$late === true,
        },
      },
      { tx },
    );
};
