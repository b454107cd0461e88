/**
 * What disabling a user would break, checked in the transaction that disables him: the organisation must
 * keep an enabled admin over every unit he administers, and work only he can do must not be orphaned
 * without the admin having seen it.
 */
import { and, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { Tx } from "../db/client";
import { grants, instances, tasks, units, users } from "../db/schema";
import { DomainError } from "../errors";
import { rowsOf } from "./session-user";

/** An open task that nobody else could take on if the user were disabled. */
export type SoleTask = { id: string; dossierId: string; dossierCode: string; dossierTitle: string; state: string; role: string; unitName: string | null; claimed: boolean };

/**
 * Open unit tasks the user has claimed, and those in a unit where he is the only enabled holder of the
 * task's role (the dossier's starter, barred from deciding on it, does not count as another holder).
 */
export async function soleTasks(tx: Tx, userId: string): Promise<SoleTask[]> {
  const others = tx
    .select({ one: sql`1` })
    .from(grants)
    .innerJoin(users, eq(users.id, grants.userId))
    .where(
      and(
        eq(grants.role, tasks.role),
        eq(grants.unitId, tasks.unitId),
        ne(grants.userId, userId),
        eq(users.disabled, false),
        sql`${grants.userId} is distinct from ${tasks.excludedUserId}`,
      ),
    );
  const held = tx
    .select({ one: sql`1` })
    .from(grants)
    .where(and(eq(grants.userId, userId), eq(grants.role, tasks.role), eq(grants.unitId, tasks.unitId)));
  const rows = await tx
    .select({
      id: tasks.id,
      dossierId: instances.id,
      dossierCode: instances.code,
      dossierTitle: instances.title,
      state: tasks.state,
      role: tasks.role,
      unitName: units.name,
      claimedBy: tasks.claimedBy,
    })
    .from(tasks)
    .innerJoin(instances, eq(instances.id, tasks.instanceId))
    .leftJoin(units, eq(units.id, tasks.unitId))
    .where(
      and(
        isNull(tasks.closedAt),
        isNull(tasks.assigneeUserId),
        sql`(${tasks.claimedBy} = ${userId} or (exists ${held} and not exists ${others}))`,
      ),
    )
    .orderBy(instances.code, tasks.id);
  return rows.map(({ claimedBy, ...r }) => ({ ...r, claimed: claimedBy === userId }));
}

/**
 * Refuses to leave a unit the user administers without an enabled admin in it or above it. Serialised on
 * one lock so that two admins cannot disable each other at the same time.
 */
export async function requireAnotherAdmin(tx: Tx, userId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('disable-admin'))`);
  const mine = await tx.select({ unitId: grants.unitId }).from(grants).where(and(eq(grants.userId, userId), eq(grants.role, "admin")));
  for (const { unitId } of mine) {
    const above = rowsOf<{ id: string }>(
      await tx.execute(sql`with recursive up(id, parent_id, depth) as (
        select id, parent_id, 0 from ${units} where id = ${unitId}
        union all
        select u.id, u.parent_id, up.depth + 1 from ${units} u join up on u.id = up.parent_id where up.depth < 64
      ) select id from up`),
    ).map((r) => r.id);
    const [other] = await tx
      .select({ id: users.id })
      .from(grants)
      .innerJoin(users, eq(users.id, grants.userId))
      .where(and(eq(grants.role, "admin"), inArray(grants.unitId, above), ne(users.id, userId), eq(users.disabled, false)))
      .limit(1);
    if (!other) {
      throw new DomainError("LAST_ADMIN", "Đây là quản trị viên cuối cùng còn hoạt động của đơn vị; hãy giao quyền quản trị cho người khác trước khi vô hiệu hóa", {
        messageEn: "the last enabled admin of a unit cannot be disabled",
        unitId,
      });
    }
  }
}

/** Refuses when the user would leave work only he can do that the admin did not acknowledge (a stale confirmation too). */
export function requireAcknowledged(sole: SoleTask[], acknowledged: readonly string[] | undefined): void {
  const seen = new Set(acknowledged ?? []);
  const unseen = sole.filter((t) => !seen.has(t.id));
  if (unseen.length === 0) return;
  throw new DomainError("USER_HAS_OPEN_TASKS", `Người dùng là cán bộ duy nhất xử lý được ${sole.length} công việc đang mở; hãy xác nhận danh sách này trước khi vô hiệu hóa`, {
    messageEn: "the user is the only official able to act on open tasks; acknowledge them first",
    tasks: sole,
  });
}
