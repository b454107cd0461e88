import { and, eq, sql } from "drizzle-orm";
import type { Step } from "../../workflows";
import type { Tx } from "../db/client";
import { instances, tasks } from "../db/schema";
import { DomainError, notFound } from "../errors";
import type { SessionUser } from "../identity";
import { reachableTask, type TaskAccess } from "./access";
import { isUuid } from "../ids";
import type { PendingWrites } from "./pending-writes";

export type InstanceRow = typeof instances.$inferSelect;

/** How deep a chain of parent dossiers may be (a plan and its reports: 2). */
const MAX_NESTING = 8;

/**
 * Locks a dossier's ancestors, root first, in one statement (none for a dossier without a parent). Every
 * step of a child locks its parent before itself, so steps of a parent and of its children always lock
 * in the same order and never deadlock, and two children finishing at once update their parent one
 * after the other. A dossier's parent never changes, so reading the chain without a lock is safe.
 */
export async function lockAncestors(tx: Tx, id: string): Promise<void> {
  await tx.execute(sql`
    with recursive chain(id, depth) as (
      select parent_id, 1 from ${instances} where id = ${id}::uuid and parent_id is not null
      union all
      select i.parent_id, chain.depth + 1 from ${instances} i join chain on i.id = chain.id
       where i.parent_id is not null and chain.depth < ${MAX_NESTING}
    )
    select p.id from ${instances} p join chain on chain.id = p.id order by chain.depth desc for update of p`);
}

/**
 * Locks a dossier's row for a step and reads, with it, its open tasks (who may act) and whether `viewer`
 * reaches one of its tasks (who may see it; true without a viewer): one statement. Refuses a stale
 * `expectedVersion`.
 */
export async function lockForStep(tx: Tx, id: string, expectedVersion: number | undefined, viewer: SessionUser | null) {
  const reach = viewer ? reachableTask(viewer) : undefined;
  const [found] = await tx
    .select({
      row: instances,
      // Written out with the table names: drizzle leaves columns of a one-table query unqualified.
      openTasks: sql<unknown>`coalesce((select json_agg(json_build_object('role', t.role, 'unitId', t.unit_id,
        'visibleToAncestors', t.visible_to_ancestors, 'claimedBy', t.claimed_by))
        from ${tasks} t where t.instance_id = ${instances}.id and t.closed_at is null), '[]')`,
      // `reach` names the tasks' columns unqualified: they resolve to this subquery's `tasks`.
      reached: viewer ? (reach ? sql<boolean>`exists (select 1 from ${tasks} where ${tasks}.instance_id = ${instances}.id and ${reach})` : sql<boolean>`false`) : sql<boolean>`true`,
    })
    .from(instances)
    .where(eq(instances.id, id))
    .for("update", { of: instances });
  if (!found) throw notFound("DOSSIER_NOT_FOUND", "no such dossier");
  refuseStale(found.row, expectedVersion);
  const parsed = (typeof found.openTasks === "string" ? JSON.parse(found.openTasks) : found.openTasks) as Omit<TaskAccess, "closedAt">[];
  return { row: found.row, openTasks: parsed.map((task): TaskAccess => ({ ...task, closedAt: null })), reached: found.reached === true };
}

/** Reads and locks a dossier's row, refusing a stale `expectedVersion`. */
export async function lockDossier(tx: Tx, id: string, expectedVersion: number | undefined): Promise<InstanceRow> {
  const [row] = isUuid(id) ? await tx.select().from(instances).where(eq(instances.id, id)).for("update") : [];
  if (!row) throw notFound("DOSSIER_NOT_FOUND", "no such dossier");
  refuseStale(row, expectedVersion);
  return row;
}

function refuseStale(row: InstanceRow, expectedVersion: number | undefined): void {
  if (expectedVersion !== undefined && expectedVersion !== row.version) {
    throw new DomainError("STALE_VERSION", "Hồ sơ đã được người khác cập nhật, vui lòng tải lại", {
      messageEn: `the dossier is at version ${row.version}, not ${expectedVersion}`,
      currentVersion: row.version,
    });
  }
}

/**
 * Queues the step's snapshot with version + 1 (compared with the version read, as a second guard) and
 * answers the row as it will be once written.
 */
export function queueSnapshot(tx: Tx, writes: PendingWrites, row: InstanceRow, step: Step, at: Date, extra: { title?: string; unitId?: string | null; facts?: unknown } = {}): InstanceRow {
  const changes = { snapshot: step.snapshot, state: step.to, status: step.snapshot.status, version: row.version + 1, updatedAt: at, ...extra };
  writes.addGuarded(
    tx
      .update(instances)
      .set(changes)
      .where(and(eq(instances.id, row.id), eq(instances.version, row.version)))
      .returning({ id: instances.id }),
    () => new DomainError("STALE_VERSION", "Hồ sơ đã được người khác cập nhật, vui lòng tải lại", { messageEn: "concurrent update" }),
  );
  return { ...row, ...changes };
}
