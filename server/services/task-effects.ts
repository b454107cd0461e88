import { randomUUID } from "node:crypto";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Role } from "../../workflows";
import type { Tx } from "../db/client";
import { grants, instances, tasks, units, users } from "../db/schema";
import { DomainError } from "../errors";
import { isUuid } from "../ids";
import { ROLE_VI } from "./role-titles";
import type { ApplierOf } from "./step-pipeline";
import { END_OF_DAY, vietnamInstant } from "./vietnam-time";

/** Leaving a state closes its open task. */
export const closeTasks: ApplierOf<"closeTasks"> = async ({ states }, { instance, actor, at, write }) => {
  write((q) =>
    q
      .update(tasks)
      .set({ closedAt: at, closedBy: actor?.id ?? null })
      .where(and(eq(tasks.instanceId, instance.id), inArray(tasks.state, states), isNull(tasks.closedAt))),
  );
};

/**
 * Entering a state with an `assignee` opens its task in the unit the rule resolved to (applicant tasks
 * belong to the starter). An official's task whose unit does not exist refuses the step, naming the field
 * to fill; so does one sent to a unit where no enabled account (other than a starter it excludes) holds
 * its role, since nobody could ever see it.
 */
export const openTask: ApplierOf<"openTask"> = async ({ state: name, assignee: target, excludedUserId, due }, { instance, at, tx, read, write }) => {
  // Units, grants and accounts are not written by the step: read without sending its queued writes first.
  const unitId = target.unitId && (await unitExists(instance, target.unitId, read())) ? target.unitId : null;
  if (!target.personal && unitId === null) {
    throw new DomainError("VALIDATION_FAILED", "Chưa xác định được đơn vị xử lý hồ sơ", {
      messageEn: `no organisation unit found for the "${name}" task`,
      fields: [
        {
          path: target.source ?? "/",
          message: "Chọn một đơn vị có thẩm quyền hợp lệ",
          messageEn: "choose an existing organisation unit",
        },
      ],
    });
  }
  if (!target.personal && unitId !== null && !(await someoneHolds(read(), target.role, unitId, target.visibleToAncestors, excludedUserId))) {
    const [unit] = await read().select({ name: units.name }).from(units).where(eq(units.id, unitId));
    throw new DomainError("NO_OFFICIAL_IN_UNIT", `Đơn vị "${unit?.name ?? unitId}" chưa có ai giữ vai trò ${ROLE_VI[target.role]} để xử lý hồ sơ; hãy chọn đơn vị khác hoặc đề nghị quản trị viên phân công`, {
      messageEn: `nobody in "${unit?.name ?? unitId}" holds the ${target.role} role that the "${name}" task needs`,
      unitId,
      unitName: unit?.name ?? null,
      role: target.role,
      ...(target.source ? { fields: [{ path: target.source, message: "Đơn vị này chưa có cán bộ xử lý hồ sơ", messageEn: "nobody there can handle the dossier" }] } : {}),
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
      excludedUserId,
      dueAt: due ? vietnamInstant(due, END_OF_DAY) : null,
      createdAt: at,
    }),
  );
  // A dossier started without its authority gets scoped to the first official unit that works on it.
  if (!target.personal && unitId && (instance.unitId === null || instance.unitId === instance.starterUnitId) && unitId !== instance.unitId) {
    // A second change of the dossier row: not in the same statement as the step's own (`PendingWrites`).
    await (await tx()).update(instances).set({ unitId }).where(eq(instances.id, instance.id));
  }
};

/** The dossier's own units exist (its row references them); any other is looked up. */
async function unitExists(instance: { unitId: string | null; starterUnitId: string | null }, id: string, tx: Tx): Promise<boolean> {
  if (id === instance.unitId || id === instance.starterUnitId) return true;
  if (!isUuid(id)) return false;
  const [row] = await tx.select({ id: units.id }).from(units).where(eq(units.id, id));
  return row !== undefined;
}

/**
 * True when an enabled account other than `excluded` holds `role` in the unit (or, for a task visible to
 * ancestors, in a unit above it): someone will see the task.
 */
async function someoneHolds(tx: Tx, role: Role, unitId: string, viaAncestors: boolean, excluded: string | null): Promise<boolean> {
  const where = viaAncestors
    ? sql`${grants.unitId} in (with recursive up(id, depth) as (
          select ${unitId}::uuid, 0 union all
          select u.parent_id, up.depth + 1 from ${units} u join up on u.id = up.id where u.parent_id is not null and up.depth < 32)
        select id from up)`
    : eq(grants.unitId, unitId);
  const [hit] = await tx
    .select({ one: sql<number>`1` })
    .from(grants)
    .innerJoin(users, eq(users.id, grants.userId))
    .where(and(eq(grants.role, role), eq(users.disabled, false), where, excluded ? sql`${users.id} <> ${excluded}::uuid` : undefined))
    .limit(1);
  return hit !== undefined;
}
