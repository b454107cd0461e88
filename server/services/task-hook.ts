import { randomUUID } from "node:crypto";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { isStartersOwnWork, resolveAssignee } from "../../workflows";
import type { Tx } from "../db/client";
import { instances, tasks, units } from "../db/schema";
import { DomainError } from "../errors";
import { isUuid } from "./dossiers";
import type { StepHook } from "./step-hooks";

/**
 * Tasks follow the statechart: leaving a state closes its open task, entering a state with an
 * `assignee` opens one in the unit the rule resolves to (applicant tasks belong to the starter). An
 * official's task whose unit cannot be resolved refuses the step, naming the field to fill.
 */
export const taskHook: StepHook = async ({ instance, workflow, step, actor, at, tx, write }) => {
  if (step.exited.length > 0) {
    write((q) =>
      q
        .update(tasks)
        .set({ closedAt: at, closedBy: actor?.id ?? null })
        .where(and(eq(tasks.instanceId, instance.id), inArray(tasks.state, step.exited), isNull(tasks.closedAt))),
    );
  }
  for (const name of step.entered) {
    const assignee = workflow.states.get(name)?.node.assignee;
    if (!assignee) continue;
    const target = resolveAssignee(assignee, {
      data: step.snapshot.context.data,
      starterUnitId: instance.starterUnitId,
      dossierUnitId: instance.unitId,
    });
    const unitId = target.unitId && (await unitExists(instance, target.unitId, tx)) ? target.unitId : null;
    if (!target.personal && unitId === null) {
      throw new DomainError("VALIDATION_FAILED", "Chưa xác định được đơn vị xử lý hồ sơ", {
        messageEn: `no organisation unit found for the "${name}" task (${assignee.unit ?? "no rule"})`,
        fields: [
          {
            path: target.source ?? "/",
            message: "Chọn một đơn vị có thẩm quyền hợp lệ",
            messageEn: "choose an existing organisation unit",
          },
        ],
      });
    }
    write((q) =>
      q.insert(tasks).values({
        id: randomUUID(),
        instanceId: instance.id,
        workflowKey: instance.workflowKey,
        state: name,
        role: target.role,
        unitId,
        visibleToAncestors: target.visibleToAncestors,
        assigneeUserId: target.personal ? instance.starterId : null,
        // A person who started the dossier does not decide on it (a child was started by the engine).
        excludedUserId: !target.personal && instance.parentId === null && !isStartersOwnWork(workflow, workflow.states.get(name)!) ? instance.starterId : null,
        createdAt: at,
      }),
    );
    // A dossier started without its authority gets scoped to the first official unit that works on it.
    if (!target.personal && unitId && (instance.unitId === null || instance.unitId === instance.starterUnitId) && unitId !== instance.unitId) {
      // A second change of the dossier row: not in the same statement as the step's own (`PendingWrites`).
      await (await tx()).update(instances).set({ unitId }).where(eq(instances.id, instance.id));
    }
  }
};

/** The dossier's own units exist (its row references them); any other is looked up. */
async function unitExists(instance: { unitId: string | null; starterUnitId: string | null }, id: string, tx: () => Promise<Tx>): Promise<boolean> {
  if (id === instance.unitId || id === instance.starterUnitId) return true;
  if (!isUuid(id)) return false;
  const [row] = await (await tx()).select({ id: units.id }).from(units).where(eq(units.id, id));
  return row !== undefined;
}
