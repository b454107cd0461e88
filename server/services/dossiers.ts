import { and, asc, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import {
  availableEvents,
  currentStateName,
  dossierUnit,
  EngineError,
  sendEvent,
  startDossier,
  type Actor,
  type DossierSnapshot,
  type Step,
} from "../../workflows";
import type { Clock } from "../clock";
import type { Db, Tx } from "../db/client";
import { instanceEvents, instances, units } from "../db/schema";
import { DomainError, notFound } from "../errors";
import type { SessionUser } from "../identity";
import { actorOnDossier, openTasksOf, type TaskAccess } from "./access";
import { newDossierCode } from "./dossier-code";
import type { StepHook } from "./step-hooks";
import type { WorkflowRegistry, WorkflowVersion } from "./workflow-registry";

export type InstanceRow = typeof instances.$inferSelect;
export type EventInput = { type: string; data?: Record<string, unknown> | undefined; expectedVersion?: number | undefined };
export type ListFilter = { workflow?: string | undefined; state?: string | undefined; q?: string | undefined; page: number; pageSize: number };

/** Events that only add to the history and never move the statechart. */
const HISTORY_ONLY_EVENTS = new Set(["COMMENT"]);

/**
 * The roles a user acts with on a dossier (see `actorOnDossier`): `applicant` for its starter, and the
 * official roles held in the unit of an open task it is not claimed away from. Null user: the engine.
 */
export function actorFor(user: SessionUser | null, instance: Pick<InstanceRow, "starterId"> | null, openTasks: TaskAccess[] = []): Actor {
  return actorOnDossier(user, instance, openTasks).actor;
}

/** The unit a user starts a dossier for: where they hold the first state's role, else applicant, else any. */
function starterUnitOf(user: SessionUser, initialRole: string | undefined): string | null {
  const grant =
    user.grants.find((g) => g.role === initialRole) ?? user.grants.find((g) => g.role === "applicant") ?? user.grants[0];
  return grant?.unitId ?? null;
}

/**
 * Dossiers: start one, move it by an event, read it. Every write is one transaction that locks the
 * dossier row, applies the pure engine step, writes the snapshot with version + 1 and the history event,
 * and runs the step hooks (tasks, timers, …) in the same transaction.
 */
export class DossierService {
  constructor(
    private readonly db: Db,
    private readonly registry: WorkflowRegistry,
    private readonly clock: Clock,
    private readonly hooks: StepHook[],
    private readonly codePrefix: string,
  ) {}

  async start(user: SessionUser, workflowKey: string, data: Record<string, unknown>): Promise<InstanceRow> {
    const workflow = await this.registry.latest(workflowKey);
    const step = startDossier(workflow, data);
    const at = this.clock.now();
    const starterUnitId = starterUnitOf(user, workflow.states.get(workflow.definition.initial)?.node.assignee?.role);
    const named = dossierUnit(workflow.definition, data, starterUnitId);
    // A unit named in the data that does not exist is left to the task hook to refuse, with its field.
    const unitId = named === starterUnitId || (await this.unitExists(named)) ? named : starterUnitId;
    const actor = actorFor(user, null);
    for (let attempt = 0; ; attempt++) {
      const code = newDossierCode(this.codePrefix, at.getFullYear());
      try {
        return await this.db.transaction(async (tx) => {
          const [instance] = await tx
            .insert(instances)
            .values({
              id: randomUUID(),
              code,
              workflowKey: workflow.definition.key,
              workflowVersion: workflow.version,
              state: step.to,
              status: step.snapshot.status,
              snapshot: step.snapshot,
              version: 1,
              title: titleOf(data, workflow),
              starterId: user.id,
              starterUnitId,
              unitId,
              createdAt: at,
              updatedAt: at,
            })
            .returning();
          await this.record(tx, instance!, workflow, step, { type: "START", data }, user, actor, at, 1);
          return instance!;
        });
      } catch (error) {
        // A clash of random codes is astronomically rare; retry with a new code, a few times at most.
        if (attempt < 3 && isUniqueViolation(error, "instances_code")) continue;
        throw error;
      }
    }
  }

  /** Applies an event (or the engine's own, with `user` null) in one transaction. */
  async send(user: SessionUser | null, id: string, input: EventInput, tx?: Tx): Promise<InstanceRow> {
    const run = async (t: Tx) => {
      const [row] = await t.select().from(instances).where(eq(instances.id, id)).for("update");
      if (!row) throw notFound("DOSSIER_NOT_FOUND", "no such dossier");
      if (input.expectedVersion !== undefined && input.expectedVersion !== row.version) {
        throw new DomainError("STALE_VERSION", "Hồ sơ đã được người khác cập nhật, vui lòng tải lại", {
          messageEn: `the dossier is at version ${row.version}, not ${input.expectedVersion}`,
          currentVersion: row.version,
        });
      }
      const workflow = await this.registry.get(row.workflowKey, row.workflowVersion);
      const stored = row.snapshot as DossierSnapshot;
      const { actor, blockedBy } = actorOnDossier(user, row, await openTasksOf(t, row.id));
      const event = { type: input.type, data: input.data ?? {}, actor };
      const step: Step = HISTORY_ONLY_EVENTS.has(input.type)
        ? { snapshot: stored, from: row.state, to: row.state, exited: [], entered: [], transition: null }
        : stepOrClaimRefusal(() => sendEvent(workflow, stored, event), blockedBy);
      const at = this.clock.now();
      const version = row.version + 1;
      const [updated] = await t
        .update(instances)
        .set({ snapshot: step.snapshot, state: step.to, status: step.snapshot.status, version, updatedAt: at })
        .where(and(eq(instances.id, id), eq(instances.version, row.version)))
        .returning();
      if (!updated) throw new DomainError("STALE_VERSION", "Hồ sơ đã được người khác cập nhật, vui lòng tải lại", { messageEn: "concurrent update" });
      await this.record(t, updated, workflow, step, { type: input.type, data: input.data ?? null }, user, actor, at, version);
      return updated;
    };
    return tx ? run(tx) : this.db.transaction(run);
  }

  private async record(
    tx: Tx,
    instance: InstanceRow,
    workflow: WorkflowVersion,
    step: Step,
    event: { type: string; data: Record<string, unknown> | null },
    user: SessionUser | null,
    actor: Actor,
    at: Date,
    seq: number,
  ) {
    await tx.insert(instanceEvents).values({
      instanceId: instance.id,
      seq,
      type: event.type,
      actorId: user?.id ?? null,
      actorRoles: actor.roles,
      data: event.data,
      fromState: step.from,
      toState: step.to,
      at,
    });
    for (const hook of this.hooks) await hook(tx, { instance, workflow, step, event, actor: user, at, seq });
  }

  private async unitExists(id: string | null): Promise<boolean> {
    if (!id || !isUuid(id)) return false;
    const [row] = await this.db.select({ id: units.id }).from(units).where(eq(units.id, id));
    return row !== undefined;
  }

  async find(id: string): Promise<InstanceRow | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.db.select().from(instances).where(eq(instances.id, id));
    return row ?? null;
  }

  async history(id: string) {
    return this.db.select().from(instanceEvents).where(eq(instanceEvents.instanceId, id)).orderBy(asc(instanceEvents.seq));
  }

  /** The detail view of a dossier for one reader. */
  async view(row: InstanceRow, user: SessionUser) {
    const workflow = await this.registry.get(row.workflowKey, row.workflowVersion);
    const snapshot = row.snapshot as DossierSnapshot;
    const history = await this.history(row.id);
    const current = currentStateName(snapshot.value);
    return {
      ...summary(row, workflow),
      data: snapshot.context.data,
      stateTitle: workflow.states.get(current)?.node.title ?? null,
      availableEvents: availableEvents(workflow, snapshot, actorFor(user, row, await openTasksOf(this.db, row.id))),
      history: history.map((h) => ({
        seq: h.seq,
        type: h.type,
        actorId: h.actorId,
        actorRoles: h.actorRoles,
        data: h.data,
        from: h.fromState,
        to: h.toState,
        at: h.at.toISOString(),
      })),
      deadline: null as unknown,
    };
  }

  /** A page of dossiers matching the filter, limited by `scope` (the reader's visibility). */
  async list(scope: SQL | undefined, filter: ListFilter) {
    const conditions = [
      scope,
      filter.workflow ? eq(instances.workflowKey, filter.workflow) : undefined,
      filter.state ? sql`${filter.state} = any(${instances.state})` : undefined,
      filter.q ? or(ilike(instances.code, `%${escapeLike(filter.q)}%`), ilike(instances.title, `%${escapeLike(filter.q)}%`)) : undefined,
    ].filter((c): c is SQL => c !== undefined);
    const where = conditions.length ? and(...conditions) : undefined;
    const rows = await this.db
      .select()
      .from(instances)
      .where(where)
      .orderBy(desc(instances.createdAt), desc(instances.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize);
    const [count] = await this.db.select({ n: sql<number>`count(*)::int` }).from(instances).where(where);
    const workflows = new Map<string, WorkflowVersion>();
    const items = [];
    for (const row of rows) {
      const key = `${row.workflowKey}@${row.workflowVersion}`;
      const workflow = workflows.get(key) ?? (await this.registry.get(row.workflowKey, row.workflowVersion));
      workflows.set(key, workflow);
      items.push(summary(row, workflow));
    }
    return { items, total: count?.n ?? 0, page: filter.page, pageSize: filter.pageSize };
  }
}

/** Runs an engine step; a role refusal caused by someone else's claim on the task says so instead. */
function stepOrClaimRefusal(run: () => Step, blockedBy: string[]): Step {
  try {
    return run();
  } catch (error) {
    if (error instanceof EngineError && error.code === "ROLE_NOT_ALLOWED" && blockedBy.length > 0) {
      throw new DomainError("TASK_CLAIMED_BY_OTHER", "Công việc này đang do cán bộ khác nhận xử lý", {
        messageEn: "another official has claimed this task",
        claimedBy: blockedBy,
      });
    }
    throw error;
  }
}

/** The short form of a dossier used in lists and in answers to writes. */
export function summary(row: InstanceRow, workflow: WorkflowVersion) {
  const snapshot = row.snapshot as DossierSnapshot;
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    workflow: row.workflowKey,
    workflowTitle: workflow.definition.title,
    workflowVersion: row.workflowVersion,
    state: currentStateName(snapshot.value),
    activeStates: row.state,
    status: row.status,
    version: row.version,
    starterId: row.starterId,
    unitId: row.unitId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function titleOf(data: Record<string, unknown>, workflow: WorkflowVersion): string {
  const name = typeof data.name === "string" && data.name.trim() ? data.name.trim() : null;
  return name ?? workflow.definition.title.vi;
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (m) => `\\${m}`);
}

/** True when `error` (from either driver, possibly wrapped by drizzle) is a unique violation of `constraint`. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const { code, constraint_name, constraint: c } = e as { code?: string; constraint_name?: string; constraint?: string };
    if (code === "23505" && (constraint_name === constraint || c === constraint)) return true;
  }
  return false;
}
