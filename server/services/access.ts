import { and, eq, inArray, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Actor } from "../../workflows";
import type { Db, Tx } from "../db/client";
import { instances, tasks } from "../db/schema";
import { holdsRole, officialGrants, type SessionUser } from "../identity";

/** What access decisions need to know about one task of a dossier. */
export type TaskAccess = {
  role: string;
  unitId: string | null;
  visibleToAncestors: boolean;
  claimedBy: string | null;
  closedAt: Date | null;
};

/**
 * The condition "the caller may see this task's dossier" on a tasks row: an official role held in the
 * task's unit, or in a unit above it when the task is visible to ancestors. An applicant's own task
 * (a draft, a supplement to hand in) is personal: it shows its dossier to no official of the starter's unit.
 */
export function reachableTask(user: SessionUser): SQL | undefined {
  const direct = [...new Set(officialGrants(user).map((g) => g.unitId))];
  const below = [...new Set(Object.entries(user.below).flatMap(([role, ids]) => (role === "applicant" ? [] : (ids ?? []))))];
  const parts = [
    direct.length ? inArray(tasks.unitId, direct) : undefined,
    below.length ? and(eq(tasks.visibleToAncestors, true), inArray(tasks.unitId, below)) : undefined,
  ].filter((p): p is SQL => p !== undefined);
  return parts.length ? and(isNull(tasks.assigneeUserId), or(...parts)) : undefined;
}

/**
 * The SQL condition limiting a dossier list to what `user` may see: the dossiers they started, and those
 * with a current or past task in a unit where they hold an official role (or above it, where allowed).
 */
export function visibleDossiers(user: SessionUser): SQL {
  const reach = reachableTask(user);
  const own = eq(instances.starterId, user.id);
  if (!reach) return own;
  return or(own, sql`exists (select 1 from ${tasks} where ${tasks.instanceId} = ${instances.id} and ${isNotNull(tasks.unitId)} and ${reach})`)!;
}

/** True when `user` may see the dossier `row` (else the routes answer 404). */
export async function canSeeDossier(db: Db | Tx, user: SessionUser, row: { id: string; starterId: string }): Promise<boolean> {
  return row.starterId === user.id || reachesDossier(db, user, row.id);
}

/** True when the dossier has a current or past task that `user` reaches (its starter aside). */
export async function reachesDossier(db: Db | Tx, user: SessionUser, instanceId: string): Promise<boolean> {
  const reach = reachableTask(user);
  if (!reach) return false;
  const [hit] = await db
    .select({ one: sql<number>`1` })
    .from(tasks)
    .where(and(eq(tasks.instanceId, instanceId), reach))
    .limit(1);
  return hit !== undefined;
}

/** True when `user` may act through `task` although someone claimed it: the claimer, or a leader of its unit. */
export function mayOverrideClaim(user: SessionUser, task: TaskAccess): boolean {
  return task.claimedBy === null || task.claimedBy === user.id || holdsRole(user, "leader", task.unitId, task.visibleToAncestors);
}

/**
 * The roles `user` acts with on a dossier: `applicant` on the dossiers they started, and every official
 * role they hold in the unit of an open task (or above it, where the task is visible to ancestors), except
 * through a task someone else has claimed. `blockedBy` names the claimers that kept a role out. The person
 * who started it is marked `starter`: the engine lets his official roles count only in his own work
 * (separation of duties). A child dossier was started by the engine, not by its parent's starter.
 */
export function actorOnDossier(
  user: SessionUser | null,
  instance: { starterId: string; parentId?: string | null } | null,
  openTasks: TaskAccess[],
): { actor: Actor; blockedBy: string[] } {
  if (!user) return { actor: { id: "system", roles: [], system: true }, blockedBy: [] };
  const roles = new Set<string>();
  const blockedBy = new Set<string>();
  if (!instance || instance.starterId === user.id) roles.add("applicant");
  for (const task of openTasks) {
    if (task.closedAt !== null || task.unitId === null) continue;
    const held = officialGrants(user)
      .map((g) => g.role)
      .filter((role) => holdsRole(user, role, task.unitId, task.visibleToAncestors));
    if (held.length === 0) continue;
    if (!mayOverrideClaim(user, task)) {
      blockedBy.add(task.claimedBy!);
      continue;
    }
    for (const role of held) roles.add(role);
  }
  const starter = instance !== null && instance.starterId === user.id && !instance.parentId;
  return { actor: { id: user.id, roles: [...roles], ...(starter ? { starter } : {}) }, blockedBy: [...blockedBy] };
}

/** The open tasks of a dossier, for access decisions. */
export async function openTasksOf(db: Db | Tx, instanceId: string): Promise<TaskAccess[]> {
  return db
    .select({ role: tasks.role, unitId: tasks.unitId, visibleToAncestors: tasks.visibleToAncestors, claimedBy: tasks.claimedBy, closedAt: tasks.closedAt })
    .from(tasks)
    .where(and(eq(tasks.instanceId, instanceId), sql`${tasks.closedAt} is null`));
}
