import { and, asc, desc, eq, ilike, inArray, isNull, lt, ne, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Role } from "../../workflows";
import { toVietnamDate, workingDaysBetween } from "../../workflows/calendar";
import type { Clock } from "../clock";
import type { CalendarService } from "./calendar";
import type { Db } from "../db/client";
import { dossierClocks, grants, instances, tasks, units, users } from "../db/schema";
import { DomainError, notFound } from "../errors";
import { holdsRole, officialGrants, type SessionUser } from "../identity";
import { mayOverrideClaim } from "./access";
import { isUuid } from "./dossiers";
import type { WorkflowRegistry } from "./workflow-registry";

export type TaskRow = typeof tasks.$inferSelect;
export type InboxFilter = {
  workflow?: string | undefined;
  state?: string | undefined;
  overdue?: boolean | undefined;
  mine?: boolean | undefined;
  unclaimed?: boolean | undefined;
  /** The tasks the caller closed (his "done" view) instead of the open ones. */
  done?: boolean | undefined;
  /** `due`: soonest due first (overdue at the top, no date last); `newest`: latest task first. */
  sort?: "due" | "newest" | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
};

/** How many tasks each inbox tab holds (`GET /api/tasks/counts`). */
export type InboxCounts = { mine: number; unit: number; unclaimed: number; overdue: number; done: number };

const claimer = alias(users, "claimer");

/**
 * The condition "this open task is in `user`'s inbox": their personal tasks, and unit tasks whose role
 * they hold in the task's unit (or above it, where the task is visible to ancestors). One `role = … and
 * unit_id in (…)` branch per role, so each branch is a range of the `tasks_open_by_unit` index.
 */
export function inboxScope(user: SessionUser): SQL {
  const branches: SQL[] = [eq(tasks.assigneeUserId, user.id)];
  // Tasks that decide on a dossier the user started are never his (separation of duties).
  const notHisOwn = or(isNull(tasks.excludedUserId), ne(tasks.excludedUserId, user.id))!;
  const roles = new Set(officialGrants(user).map((g) => g.role));
  for (const role of roles) {
    const direct = user.grants.filter((g) => g.role === role).map((g) => g.unitId);
    branches.push(and(eq(tasks.role, role), inArray(tasks.unitId, direct))!);
    const below = user.below[role] ?? [];
    if (below.length) branches.push(and(eq(tasks.role, role), eq(tasks.visibleToAncestors, true), inArray(tasks.unitId, below))!);
  }
  return and(or(...branches), notHisOwn)!;
}

/** The officials' inbox and task ownership: claim, release, delegate. */
export class TaskService {
  constructor(
    private readonly db: Db,
    private readonly registry: WorkflowRegistry,
    private readonly clock: Clock,
    private readonly calendar: CalendarService,
  ) {}

  /** The query behind `GET /api/tasks` (also printed by `scripts/explain-inbox.ts`). */
  inboxQuery(user: SessionUser, filter: InboxFilter) {
    const where = this.inboxWhere(user, filter);
    const rows = this.db
      .select({
        task: tasks,
        code: instances.code,
        title: instances.title,
        // A unit report's plan: reports of different plans read alike without it.
        parentTitle: sql<string | null>`(select p.title from instances p where p.id = ${instances.parentId})`,
        workflowVersion: instances.workflowVersion,
        unitName: units.name,
        claimerName: claimer.displayName,
        // A task without a date whose dossier's legal clock is paused (awaiting a supplement) shows as paused.
        paused: sql<boolean>`(${tasks.dueAt} is null and exists (select 1 from ${dossierClocks} c where c.instance_id = ${tasks.instanceId} and c.state = 'paused'))`,
      })
      .from(tasks)
      .innerJoin(instances, eq(instances.id, tasks.instanceId))
      .leftJoin(units, eq(units.id, tasks.unitId))
      .leftJoin(claimer, eq(claimer.id, tasks.claimedBy))
      .where(where)
      .orderBy(...inboxOrder(filter))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize);
    // The dossier is joined for counting only when the text search needs it: otherwise an index count.
    const counted = this.db.select({ n: sql<number>`count(*)::int` }).from(tasks);
    const count = filter.q ? counted.innerJoin(instances, eq(instances.id, tasks.instanceId)).where(where) : counted.where(where);
    return { rows, count };
  }

  private inboxWhere(user: SessionUser, filter: InboxFilter): SQL {
    const now = this.clock.now();
    const q = filter.q ? `%${filter.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : null;
    return and(
      // Done: what the caller closed himself, whatever his roles now; open: his inbox.
      ...(filter.done ? [eq(tasks.closedBy, user.id)] : [isNull(tasks.closedAt), inboxScope(user)]),
      filter.workflow ? eq(tasks.workflowKey, filter.workflow) : undefined,
      filter.state ? eq(tasks.state, filter.state) : undefined,
      filter.overdue ? lt(tasks.dueAt, now) : undefined,
      filter.mine ? mineOnly(user) : undefined,
      filter.unclaimed ? isNull(tasks.claimedBy) : undefined,
      q ? or(ilike(instances.code, q), ilike(instances.title, q)) : undefined,
    )!;
  }

  /**
   * How many tasks each tab of the caller's inbox holds, in one statement over the inbox's scope and his
   * closed tasks: his own (claimed or personal), the unit's (all open), unclaimed, overdue, done by him.
   */
  async counts(user: SessionUser): Promise<InboxCounts> {
    const open = and(isNull(tasks.closedAt), inboxScope(user))!;
    const n = (cond: SQL) => sql<number>`(count(*) filter (where ${cond}))::int`;
    const [row] = await this.db
      .select({
        mine: n(and(open, mineOnly(user))!),
        unit: n(open),
        unclaimed: n(and(open, isNull(tasks.claimedBy), isNull(tasks.assigneeUserId))!),
        overdue: n(and(open, lt(tasks.dueAt, this.clock.now()))!),
        done: n(eq(tasks.closedBy, user.id)),
      })
      .from(tasks)
      .where(or(open, eq(tasks.closedBy, user.id)));
    return { mine: row?.mine ?? 0, unit: row?.unit ?? 0, unclaimed: row?.unclaimed ?? 0, overdue: row?.overdue ?? 0, done: row?.done ?? 0 };
  }

  /** A page of the caller's open tasks (or those he closed), soonest due first, then oldest. */
  async inbox(user: SessionUser, filter: InboxFilter) {
    const { rows, count } = this.inboxQuery(user, filter);
    const [page, [total]] = await Promise.all([rows, count]);
    const now = this.clock.now();
    const today = toVietnamDate(now);
    const cal = await this.calendar.current(this.db);
    const items = [];
    for (const row of page) {
      const workflow = await this.registry.get(row.task.workflowKey, row.workflowVersion, this.db);
      const due = row.task.dueAt;
      const closed = row.task.closedAt;
      items.push({
        id: row.task.id,
        dossierId: row.task.instanceId,
        code: row.code,
        title: row.title,
        parentTitle: row.parentTitle,
        workflow: row.task.workflowKey,
        workflowTitle: workflow.definition.title,
        state: row.task.state,
        stateTitle: workflow.states.get(row.task.state)?.node.title ?? null,
        unitId: row.task.unitId,
        unitName: row.unitName,
        role: row.task.role,
        createdAt: row.task.createdAt.toISOString(),
        // `due_at` is the last instant of the legal due date (filled from the dossier's clock).
        due: due ? toVietnamDate(due) : null,
        daysLeft: due && !closed ? workingDaysBetween(cal, today, toVietnamDate(due)) : null,
        overdue: due && !closed ? due < now : false,
        paused: !closed && row.paused === true,
        closedAt: closed ? closed.toISOString() : null,
        claimedBy: row.task.claimedBy ? { id: row.task.claimedBy, displayName: row.claimerName ?? "" } : null,
      });
    }
    return { items, total: total?.n ?? 0, page: filter.page, pageSize: filter.pageSize };
  }

  /** An open or closed task the caller may work on, else 404 (its existence is not revealed). */
  private async visibleTask(user: SessionUser, id: string): Promise<TaskRow> {
    const [task] = isUuid(id) ? await this.db.select().from(tasks).where(eq(tasks.id, id)) : [];
    if (!task || !eligible(user, task)) throw notFound("TASK_NOT_FOUND", "no such task");
    return task;
  }

  /** Takes an unclaimed task; claiming one's own claim again is a no-op. */
  async claim(user: SessionUser, id: string): Promise<TaskRow> {
    const task = await this.openUnitTask(user, id);
    if (task.claimedBy === user.id) return task;
    const [claimed] = await this.db
      .update(tasks)
      .set({ claimedBy: user.id, claimedAt: this.clock.now() })
      .where(and(eq(tasks.id, task.id), isNull(tasks.claimedBy), isNull(tasks.closedAt)))
      .returning();
    if (claimed) return claimed;
    const [now] = await this.db.select().from(tasks).where(eq(tasks.id, task.id));
    if (now?.claimedBy === user.id) return now;
    throw alreadyClaimed(now?.claimedBy ?? null);
  }

  /** Gives a task back to the unit: its claimer, or a leader of the unit. */
  async release(user: SessionUser, id: string): Promise<TaskRow> {
    const task = await this.openUnitTask(user, id);
    if (task.claimedBy === null) return task;
    if (!mayOverrideClaim(user, task)) throw notYours();
    const [released] = await this.db
      .update(tasks)
      .set({ claimedBy: null, claimedAt: null })
      .where(and(eq(tasks.id, task.id), eq(tasks.claimedBy, task.claimedBy), isNull(tasks.closedAt)))
      .returning();
    if (!released) throw alreadyClaimed(null);
    return released;
  }

  /**
   * Hands a task to a colleague holding its role in its unit: by its claimer, by a leader of the unit,
   * or by anyone who could claim it while it is unclaimed.
   */
  async delegate(user: SessionUser, id: string, toUserId: string): Promise<TaskRow> {
    const task = await this.openUnitTask(user, id);
    if (!mayOverrideClaim(user, task)) throw notYours();
    if (task.excludedUserId !== null && task.excludedUserId === toUserId) throw selfDecision();
    if (!(await this.holdsTaskRole(toUserId, task))) {
      throw new DomainError("DELEGATE_NOT_ELIGIBLE", "Người nhận không giữ vai trò xử lý công việc này tại đơn vị", {
        messageEn: `the user does not hold the ${task.role} role in the task's unit`,
        fields: [{ path: "/userId", message: "Người nhận phải giữ vai trò tương ứng tại đơn vị", messageEn: "must hold the task's role in its unit" }],
      });
    }
    const [moved] = await this.db
      .update(tasks)
      .set({ claimedBy: toUserId, claimedAt: this.clock.now() })
      .where(and(eq(tasks.id, task.id), task.claimedBy ? eq(tasks.claimedBy, task.claimedBy) : isNull(tasks.claimedBy), isNull(tasks.closedAt)))
      .returning();
    if (!moved) throw alreadyClaimed(null);
    return moved;
  }

  /**
   * Who a task can be handed to: the enabled users holding its role in its unit, by name, with the
   * current claimer marked. Asked by those who may delegate it (else 403, or 404 when not visible).
   */
  async delegateCandidates(user: SessionUser, id: string) {
    const task = await this.openUnitTask(user, id);
    if (!mayOverrideClaim(user, task)) throw notYours();
    const rows = await this.db
      .selectDistinct({ id: users.id, username: users.username, displayName: users.displayName })
      .from(grants)
      .innerJoin(users, eq(users.id, grants.userId))
      .where(
        and(
          eq(grants.role, task.role as Role),
          eq(grants.unitId, task.unitId!),
          eq(users.disabled, false),
          task.excludedUserId ? ne(users.id, task.excludedUserId) : undefined,
        ),
      )
      .orderBy(asc(users.displayName), asc(users.id));
    const [unit] = await this.db.select({ name: units.name }).from(units).where(eq(units.id, task.unitId!));
    return {
      task: { id: task.id, role: task.role, unitId: task.unitId, unitName: unit?.name ?? null, claimedBy: task.claimedBy },
      items: rows.map((r) => ({ ...r, current: r.id === task.claimedBy, self: r.id === user.id })),
    };
  }

  private async openUnitTask(user: SessionUser, id: string): Promise<TaskRow> {
    const task = await this.visibleTask(user, id);
    if (task.closedAt) throw new DomainError("TASK_CLOSED", "Công việc đã hoàn thành", { messageEn: "the task is closed" });
    if (task.assigneeUserId !== null || task.unitId === null) {
      throw new DomainError("TASK_NOT_CLAIMABLE", "Công việc cá nhân không cần nhận xử lý", { messageEn: "personal tasks cannot be claimed or delegated" });
    }
    // The starter neither takes, gives back nor hands on a task that decides on his own dossier.
    if (task.excludedUserId === user.id) throw selfDecision();
    return task;
  }

  private async holdsTaskRole(userId: string, task: TaskRow): Promise<boolean> {
    if (!isUuid(userId) || task.unitId === null) return false;
    const [hit] = await this.db
      .select({ id: grants.id })
      .from(grants)
      .innerJoin(users, eq(users.id, grants.userId))
      .where(and(eq(grants.userId, userId), eq(grants.role, task.role as Role), eq(grants.unitId, task.unitId), eq(users.disabled, false)))
      .limit(1);
    return hit !== undefined;
  }
}

/** The caller's own work: tasks he claimed and his personal ones. */
function mineOnly(user: SessionUser): SQL {
  return or(eq(tasks.claimedBy, user.id), eq(tasks.assigneeUserId, user.id))!;
}

/** Done: latest closed first. Open: soonest due first (overdue at the top, no date last), or newest first. */
function inboxOrder(filter: InboxFilter): SQL[] {
  if (filter.done) return [desc(tasks.closedAt), desc(tasks.id)];
  if (filter.sort === "newest") return [desc(tasks.createdAt), desc(tasks.id)];
  return [sql`${tasks.dueAt} asc nulls last`, asc(tasks.createdAt), asc(tasks.id)];
}

/** True when the task is for `user`: in their inbox, or in their unit where they lead it (to release or reassign). */
function eligible(user: SessionUser, task: TaskRow): boolean {
  if (task.assigneeUserId !== null) return task.assigneeUserId === user.id;
  if (task.role === "applicant") return false;
  return holdsRole(user, task.role, task.unitId, task.visibleToAncestors) || holdsRole(user, "leader", task.unitId, task.visibleToAncestors);
}

function alreadyClaimed(by: string | null) {
  return new DomainError("TASK_ALREADY_CLAIMED", "Công việc đã được cán bộ khác nhận xử lý", { messageEn: "the task was claimed by someone else", claimedBy: by });
}

function selfDecision() {
  return new DomainError("SELF_DECISION_FORBIDDEN", "Người nộp hồ sơ không được tự xử lý, phê duyệt hồ sơ của chính mình", {
    messageEn: "the dossier's starter may not decide on it",
  });
}

function notYours() {
  return new DomainError("FORBIDDEN", "Chỉ người đã nhận hoặc lãnh đạo đơn vị mới được thực hiện", {
    messageEn: "only the claimer or a leader of the unit may do this",
  });
}
