import { and, eq, isNull } from "drizzle-orm";
import type { Role } from "../../workflows";
import type { Tx } from "../db/client";
import { grants, tasks, users } from "../db/schema";
import type { Recipients } from "./recipients";

/** The open task of a dossier's state: where it sits and who (if anyone) holds it. */
async function openTask(tx: Tx, instanceId: string, state: string) {
  const [task] = await tx
    .select({ unitId: tasks.unitId, role: tasks.role, assigneeUserId: tasks.assigneeUserId, claimedBy: tasks.claimedBy })
    .from(tasks)
    .where(and(eq(tasks.instanceId, instanceId), eq(tasks.state, state), isNull(tasks.closedAt)))
    .limit(1);
  return task ?? null;
}

/** Active users holding `role` in `unitId`. */
async function holders(tx: Tx, role: Role, unitId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: grants.userId })
    .from(grants)
    .innerJoin(users, eq(users.id, grants.userId))
    .where(and(eq(grants.role, role), eq(grants.unitId, unitId), eq(users.disabled, false)));
  return rows.map((r) => r.id);
}

/**
 * Recipients from tasks and grants: a personal task's owner (the applicant); else the official who
 * claimed the task, or everyone holding its role in its unit. Escalations go to the leaders of the
 * task's unit.
 */
export const grantRecipients: Recipients = {
  async forState(tx, dossier, state, role) {
    const task = await openTask(tx, dossier.id, state);
    if (!task) return role === "applicant" ? [dossier.starterId] : [];
    if (task.assigneeUserId) return [task.assigneeUserId];
    if (task.claimedBy) return [task.claimedBy];
    return task.unitId ? holders(tx, task.role as Role, task.unitId) : [];
  },
  async leadersFor(tx, dossier, state) {
    const task = await openTask(tx, dossier.id, state);
    return task?.unitId ? holders(tx, "leader", task.unitId) : [];
  },
  starter: (dossier) => [dossier.starterId],
};
