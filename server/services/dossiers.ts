import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import {
  availableEvents,
  computationsFor,
  currentStateName,
  dossierUnit,
  EngineError,
  isInInitialState,
  permittedTransitions,
  SAVE_DRAFT,
  saveDraft,
  sendEvent,
  startDossier,
  type Actor,
  type DossierSnapshot,
  SERVER_FACTS,
  type SpawnRequest,
  type Step,
} from "../../workflows";
import type { Clock } from "../clock";
import type { Db, Tx } from "../db/client";
import { instanceEvents, instances, tasks, units, users } from "../db/schema";
import { DomainError, notFound } from "../errors";
import type { SessionUser } from "../identity";
import { actorOnDossier, openTasksOf, reachableTask, reachesDossier, type TaskAccess } from "./access";
import { forNonOfficial, type OfficialOnly } from "./official-only";
import type { AttachmentService } from "./attachments";
import { newDossierCode } from "./dossier-code";
import type { FilledForm, FormChecks } from "./form-checks";
import type { FormRegistry, FormVersion } from "./form-registry";
import type { DeadlineView } from "./deadlines";
import { PendingWrites } from "./pending-writes";
import type { StepContext, StepHook } from "./step-hooks";
import type { WorkflowRegistry, WorkflowVersion } from "./workflow-registry";
import { isUuid } from "../ids";

export type InstanceRow = typeof instances.$inferSelect;
export type EventInput = { type: string; data?: Record<string, unknown> | undefined; expectedVersion?: number | undefined };
export type DraftInput = { data: Record<string, unknown>; expectedVersion?: number | undefined };
export type SendOptions = {
  /** The transaction to step in (a timer's, or a child's step telling its parent); else one of its own. */
  tx?: Tx | undefined;
  /** Answer 404 unless `user` may see the dossier (the HTTP routes: no acting on what one cannot see). */
  mustSee?: boolean | undefined;
};
export type ListFilter = { workflow?: string | undefined; state?: string | undefined; q?: string | undefined; page: number; pageSize: number };

/** Events that only add to the history and never move the statechart, with the form their data fills. */
const HISTORY_ONLY_EVENTS = new Map([["COMMENT", "comment"]]);

/** The event that hands a draft in: from the initial state, the start form must then be complete. */
const SUBMIT = "SUBMIT";

/**
 * The roles a user acts with on a dossier (see `actorOnDossier`): `applicant` for its starter, and the
 * official roles held in the unit of an open task it is not claimed away from. Null user: the engine.
 */
export function actorFor(user: SessionUser | null, instance: Pick<InstanceRow, "starterId" | "parentId"> | null, openTasks: TaskAccess[] = []): Actor {
  return actorOnDossier(user, instance, openTasks).actor;
}

/** The unit a user starts a dossier for: where they hold the first state's role, else applicant, else any. */
function starterUnitOf(user: SessionUser, initialRole: string | undefined): string | null {
  const grant =
    user.grants.find((g) => g.role === initialRole) ?? user.grants.find((g) => g.role === "applicant") ?? user.grants[0];
  return grant?.unitId ?? null;
}

/**
 * A value the server computes inside a step's transaction for a transition's `compute` list (e.g. the
 * compiled summary of a plan's reports); it is added to the event's data, so history and replay keep it.
 */
export type Computation = (tx: Tx, row: InstanceRow, at: Date) => Promise<unknown>;

/**
 * Facts the server reads from its own tables for a dossier of one workflow (e.g. the double-benefit
 * flags of a fund request), which conditions read as `$server.<name>`. They are computed at each step
 * inside its transaction (and recorded with the event, so replay sees them) and when listing the events
 * available to a reader, so a refused event is not offered.
 */
export type ServerFacts = (via: Db | Tx, row: InstanceRow, at: Date) => Promise<Record<string, unknown>>;

/**
 * A workflow's own rule on the data a client sends (start, draft, event), after its form passed: answers
 * the data to step with (e.g. server-assigned line ids) or throws a 422. `before` is the dossier's data,
 * null at start. What it answers is what the history records, so replay sees the same.
 */
export type DataRule = (before: Record<string, unknown> | null, incoming: Record<string, unknown>) => Record<string, unknown>;

/** How deep a chain of parent dossiers may be (a plan and its reports: 2). */
const MAX_NESTING = 8;

/**
 * Dossiers: start one, move it by an event, save its draft, read it. Form data is judged before the
 * engine step (422 with every field error, nothing written). Every write is one transaction that locks
 * the dossier row, applies the pure engine step, writes the snapshot with version + 1 and the history
 * event (with the form version its data filled), links the referenced attachments, and runs the step
 * hooks (tasks, timers, …) in the same transaction.
 */
export class DossierService {
  constructor(
    private readonly db: Db,
    private readonly registry: WorkflowRegistry,
    private readonly clock: Clock,
    private readonly hooks: StepHook[],
    private readonly codePrefix: string,
    private readonly forms: FormRegistry,
    private readonly checks: FormChecks,
    private readonly attachments: AttachmentService,
    /** The deadline shown on a dossier (the legal clocks, `DeadlineService.forInstance`). */
    private readonly deadlineOf: (instanceId: string, via: Db | Tx) => Promise<DeadlineView | null> = async () => null,
  ) {}

  private computations = new Map<string, Computation>();
  private facts = new Map<string, ServerFacts>();
  private rules = new Map<string, DataRule>();
  private officialOnly = new Map<string, OfficialOnly>();

  /** The same service on another clock, e.g. to seed demo history at the dates it happened. */
  withClock(clock: Clock): DossierService {
    const copy = new DossierService(this.db, this.registry, clock, this.hooks, this.codePrefix, this.forms, this.checks, this.attachments, this.deadlineOf);
    copy.computations = this.computations;
    copy.facts = this.facts;
    copy.rules = this.rules;
    copy.officialOnly = this.officialOnly;
    return copy;
  }

  /** Makes the server's facts about a workflow's dossiers available to its conditions as `$server`. */
  registerFacts(workflowKey: string, facts: ServerFacts): void {
    this.facts.set(workflowKey, facts);
  }

  /** Makes a workflow's data rule judge every start, draft and event of its dossiers. */
  registerDataRule(workflowKey: string, rule: DataRule): void {
    this.rules.set(workflowKey, rule);
  }

  /** Data keys and events of a workflow's dossiers that only their officials read (besides `$server`). */
  registerOfficialOnly(workflowKey: string, hidden: OfficialOnly): void {
    this.officialOnly.set(workflowKey, hidden);
  }

  private applyRule(workflowKey: string, before: Record<string, unknown> | null, incoming: Record<string, unknown>): Record<string, unknown> {
    const rule = this.rules.get(workflowKey);
    return rule ? rule(before, incoming) : incoming;
  }

  /** The event's data with the server's facts under `$server` (whatever the client sent there is dropped). */
  private async withFacts(via: Db | Tx, row: InstanceRow, data: Record<string, unknown>, at: Date): Promise<Record<string, unknown>> {
    const { [SERVER_FACTS]: _forged, ...rest } = data;
    const facts = this.facts.get(row.workflowKey);
    return facts ? { ...rest, [SERVER_FACTS]: await facts(via, row, at) } : rest;
  }

  /** Makes a named computation available to transitions' `compute` lists. */
  registerComputation(name: string, computation: Computation): void {
    this.computations.set(name, computation);
  }

  /**
   * Starts a dossier on the latest workflow version, its data filled into the latest version of the start
   * form (which the dossier keeps). A `draft` may be unfinished (validated as a draft); otherwise the
   * start form must be complete. Either way the dossier begins in the workflow's initial state.
   */
  async start(
    user: SessionUser,
    workflowKey: string,
    sent: Record<string, unknown>,
    options: { draft?: boolean; inTransaction?: (tx: Tx, row: InstanceRow) => Promise<void> } = {},
  ): Promise<InstanceRow> {
    const workflow = await this.registry.latest(workflowKey, this.db);
    if (workflow.definition.spawnedOnly) {
      throw new DomainError("WORKFLOW_NOT_STARTABLE", "Loại hồ sơ này chỉ được hệ thống tạo từ hồ sơ cha (ví dụ: từ kế hoạch)", {
        messageEn: `"${workflowKey}" dossiers are only started by their parent dossier`,
      });
    }
    const form = workflow.definition.startForm ? await this.forms.latest(workflow.definition.startForm, this.db) : null;
    const attachmentIds = form ? await this.checks.check(user, null, [{ form, data: sent, mode: options.draft ? "partial" : "full" }], this.db) : [];
    const data = this.applyRule(workflowKey, null, sent);
    const step = startDossier(workflow, data);
    const at = this.clock.now();
    const starterUnitId = starterUnitOf(user, workflow.states.get(workflow.definition.initial)?.node.assignee?.role);
    const unitId = await this.unitOf(workflow, data, starterUnitId, this.db);
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
              formKey: form?.key ?? null,
              formVersion: form?.version ?? null,
              starterId: user.id,
              starterUnitId,
              unitId,
              createdAt: at,
              updatedAt: at,
            })
            .returning();
          await this.attachments.link(tx, user, instance!.id, attachmentIds);
          await this.record(tx, new PendingWrites(), instance!, workflow, step, { type: "START", data }, form, user, actor, at, 1);
          // The caller's own write in the same transaction (the stored answer of an idempotent request).
          await options.inTransaction?.(tx, instance!);
          return instance!;
        });
      } catch (error) {
        // A clash of random codes is astronomically rare; retry with a new code, a few times at most.
        if (attempt < 3 && isUniqueViolation(error, "instances_code")) continue;
        throw error;
      }
    }
  }

  /**
   * Starts a child dossier inside its parent's step (the parent row is locked by the caller). A child
   * the parent already has under the same key is not started again.
   */
  async startChild(tx: Tx, parent: InstanceRow, request: SpawnRequest, at: Date): Promise<InstanceRow | null> {
    const [existing] = await tx
      .select({ id: instances.id })
      .from(instances)
      .where(and(eq(instances.parentId, parent.id), eq(instances.childKey, request.key)));
    if (existing) return null;
    const workflow = await this.registry.latest(request.workflow, tx);
    const step = startDossier(workflow, request.data);
    const [child] = await tx
      .insert(instances)
      .values({
        id: randomUUID(),
        code: newDossierCode(this.codePrefix, at.getFullYear()),
        workflowKey: workflow.definition.key,
        workflowVersion: workflow.version,
        state: step.to,
        status: step.snapshot.status,
        snapshot: step.snapshot,
        version: 1,
        title: request.title ?? titleOf(request.data, workflow),
        starterId: parent.starterId,
        starterUnitId: parent.starterUnitId,
        unitId: request.unit && (await this.unitExists(request.unit, tx)) ? request.unit : null,
        parentId: parent.id,
        childKey: request.key,
        createdAt: at,
        updatedAt: at,
      })
      .returning();
    await this.record(tx, new PendingWrites(), child!, workflow, step, { type: "START", data: request.data }, null, null, actorFor(null, null), at, 1);
    return child!;
  }

  /**
   * Locks a dossier's ancestors, root first, in one statement (none for a dossier without a parent). Every
   * step of a child locks its parent before itself, so steps of a parent and of its children always lock
   * in the same order and never deadlock, and two children finishing at once update their parent one
   * after the other. A dossier's parent never changes, so reading the chain without a lock is safe.
   */
  private async lockAncestors(tx: Tx, id: string): Promise<void> {
    await tx.execute(sql`
      with recursive chain(id, depth) as (
        select parent_id, 1 from ${instances} where id = ${id}::uuid and parent_id is not null
        union all
        select i.parent_id, chain.depth + 1 from ${instances} i join chain on i.id = chain.id
         where i.parent_id is not null and chain.depth < ${MAX_NESTING}
      )
      select p.id from ${instances} p join chain on chain.id = p.id order by chain.depth desc for update of p`);
  }

  /** The event's data with the values its transition asks the server to compute. */
  private async withComputed(tx: Tx, row: InstanceRow, workflow: WorkflowVersion, type: string, data: Record<string, unknown>, at: Date) {
    const names = computationsFor(workflow, row.snapshot as DossierSnapshot, type);
    if (names.length === 0) return data;
    const computed: Record<string, unknown> = { ...data };
    for (const name of names) {
      const computation = this.computations.get(name);
      if (!computation) throw new Error(`workflow ${row.workflowKey} asks for an unknown computation "${name}"`);
      computed[name] = await computation(tx, row, at);
    }
    return computed;
  }

  /**
   * Applies an event (or the engine's own, with `user` null) in one transaction. The event's data must
   * fill the transition's form; handing in a draft (SUBMIT from the initial state) needs a complete start form.
   */
  async send(user: SessionUser | null, id: string, input: EventInput, options: SendOptions = {}): Promise<InstanceRow> {
    if (!isUuid(id)) throw notFound("DOSSIER_NOT_FOUND", "no such dossier");
    const run = async (t: Tx) => {
      // One round trip: both statements are sent together and run in this order (ancestors locked first).
      const [, { row, openTasks, reached }] = await Promise.all([
        this.lockAncestors(t, id),
        this.lockForStep(t, id, input.expectedVersion, options.mustSee ? user : null),
      ]);
      if (user && !reached && row.starterId !== user.id) throw notFound("DOSSIER_NOT_FOUND", "no such dossier");
      const workflow = await this.registry.get(row.workflowKey, row.workflowVersion, t);
      const stored = row.snapshot as DossierSnapshot;
      const { actor, blockedBy } = actorOnDossier(user, row, openTasks);
      const at = this.clock.now();
      const { [SERVER_FACTS]: _forged, ...clientData } = input.data ?? {};
      const event = { type: input.type, data: clientData, actor, at: at.toISOString() };
      const historyOnly = HISTORY_ONLY_EVENTS.get(input.type);
      const filled: FilledForm[] = [];
      let form: FormVersion | null;
      if (historyOnly !== undefined) {
        form = await this.forms.latestOrNull(historyOnly, t);
      } else {
        // Who may send what is settled first (409/403), so that field errors go only to those who may act.
        const options = orClaimRefusal(() => permittedTransitions(workflow, stored, event), blockedBy);
        const formKey = options.find((o) => o.transition.form)?.transition.form;
        form = formKey ? await this.forms.latest(formKey, t) : null;
        if (input.type === SUBMIT && isInInitialState(workflow, stored)) {
          const start = await this.startForm(row, t);
          if (start) filled.push({ form: start, data: stored.context.data, mode: "full" });
        }
      }
      if (form) filled.unshift({ form, data: event.data, mode: "full" });
      const attachmentIds = await this.checks.check(user, row.id, filled, t);
      const ruled = historyOnly !== undefined ? event.data : this.applyRule(row.workflowKey, stored.context.data, event.data);
      // Values the server computes (after the client's data passed its form) join the event's data.
      const data = await this.withFacts(t, row, await this.withComputed(t, row, workflow, input.type, ruled, at), at);
      const step: Step =
        historyOnly !== undefined
          ? { snapshot: stored, from: row.state, to: row.state, exited: [], entered: [], transition: null, spawn: [] }
          : orClaimRefusal(() => sendEvent(workflow, stored, { ...event, data }), blockedBy);
      await this.attachments.link(t, user, row.id, attachmentIds);
      const writes = new PendingWrites();
      const updated = this.commit(t, writes, row, step, {}, at);
      // A comment is no step: it records what the commenter wrote, without the server's facts.
      const kept = historyOnly !== undefined ? clientData : data;
      const recorded = input.data === undefined && Object.keys(kept).length === 0 ? null : kept;
      await this.record(t, writes, updated, workflow, step, { type: input.type, data: recorded }, form, user, actor, at, updated.version);
      return updated;
    };
    return options.tx ? run(options.tx) : this.db.transaction(run);
  }

  /**
   * Saves the start form of a dossier still in its initial state, unfinished: the data replaces the
   * dossier's data (validated as a draft against the start form version the dossier keeps) and is
   * recorded as a `SAVE_DRAFT` event. Only the dossier's starter may do this.
   */
  async saveDraft(user: SessionUser, id: string, input: DraftInput): Promise<InstanceRow> {
    return this.db.transaction(async (t) => {
      const row = await this.lock(t, id, input.expectedVersion);
      if (row.starterId !== user.id) {
        throw new DomainError("FORBIDDEN", "Chỉ người nộp hồ sơ được sửa bản nháp", { messageEn: "only the dossier's starter may edit its draft" });
      }
      const workflow = await this.registry.get(row.workflowKey, row.workflowVersion, t);
      // Refuses a dossier past its draft before anything else.
      const asSent = saveDraft(workflow, row.snapshot as DossierSnapshot, input.data);
      const form = await this.startForm(row, t);
      const attachmentIds = form ? await this.checks.check(user, row.id, [{ form, data: input.data, mode: "partial" }], t) : [];
      const data = this.applyRule(row.workflowKey, (row.snapshot as DossierSnapshot).context.data, input.data);
      const step = data === input.data ? asSent : saveDraft(workflow, row.snapshot as DossierSnapshot, data);
      // The draft may name another authority: the dossier's unit follows, as when it was started.
      const unitId = await this.unitOf(workflow, data, row.starterUnitId, t);
      await this.attachments.link(t, user, row.id, attachmentIds);
      const { actor } = actorOnDossier(user, row, await openTasksOf(t, row.id));
      const writes = new PendingWrites();
      const updated = this.commit(t, writes, row, step, { title: titleOf(data, workflow), unitId });
      await this.record(t, writes, updated, workflow, step, { type: SAVE_DRAFT, data }, form, user, actor, updated.updatedAt, updated.version);
      return updated;
    });
  }

  /**
   * Locks a dossier's row for a step and reads, with it, its open tasks (who may act) and whether `viewer`
   * reaches one of its tasks (who may see it; true without a viewer): one statement. Refuses a stale
   * `expectedVersion`.
   */
  private async lockForStep(t: Tx, id: string, expectedVersion: number | undefined, viewer: SessionUser | null) {
    const reach = viewer ? reachableTask(viewer) : undefined;
    const [found] = await t
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
    this.refuseStale(found.row, expectedVersion);
    const parsed = (typeof found.openTasks === "string" ? JSON.parse(found.openTasks) : found.openTasks) as Omit<TaskAccess, "closedAt">[];
    return { row: found.row, openTasks: parsed.map((task): TaskAccess => ({ ...task, closedAt: null })), reached: found.reached === true };
  }

  /** Reads and locks a dossier's row, refusing a stale `expectedVersion`. */
  private async lock(t: Tx, id: string, expectedVersion: number | undefined): Promise<InstanceRow> {
    const [row] = isUuid(id) ? await t.select().from(instances).where(eq(instances.id, id)).for("update") : [];
    if (!row) throw notFound("DOSSIER_NOT_FOUND", "no such dossier");
    this.refuseStale(row, expectedVersion);
    return row;
  }

  private refuseStale(row: InstanceRow, expectedVersion: number | undefined): void {
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
  private commit(t: Tx, writes: PendingWrites, row: InstanceRow, step: Step, extra: { title?: string; unitId?: string | null }, at: Date = this.clock.now()): InstanceRow {
    const changes = { snapshot: step.snapshot, state: step.to, status: step.snapshot.status, version: row.version + 1, updatedAt: at, ...extra };
    writes.addGuarded(
      t
        .update(instances)
        .set(changes)
        .where(and(eq(instances.id, row.id), eq(instances.version, row.version)))
        .returning({ id: instances.id }),
      () => new DomainError("STALE_VERSION", "Hồ sơ đã được người khác cập nhật, vui lòng tải lại", { messageEn: "concurrent update" }),
    );
    return { ...row, ...changes };
  }

  /** The start form version the dossier was filled with, if its workflow has one. */
  private async startForm(row: InstanceRow, via: Tx): Promise<FormVersion | null> {
    return row.formKey && row.formVersion ? this.forms.get(row.formKey, row.formVersion, via) : null;
  }

  /**
   * Queues the history entry, runs the step hooks and sends every queued write: the step's writes reach
   * the database as one statement unless a hook reads in between (`PendingWrites`).
   */
  private async record(
    tx: Tx,
    writes: PendingWrites,
    instance: InstanceRow,
    workflow: WorkflowVersion,
    step: Step,
    event: { type: string; data: Record<string, unknown> | null },
    form: FormVersion | null,
    user: SessionUser | null,
    actor: Actor,
    at: Date,
    seq: number,
  ) {
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
      dossiers: this,
      tx: async () => {
        await writes.flush(tx);
        return tx;
      },
      write: (build) => writes.add(build(tx)),
    };
    for (const hook of this.hooks) await hook(context);
    await writes.flush(tx);
  }

  /** The unit a dossier with this data belongs to: the one it names, else the starter's. */
  private async unitOf(workflow: WorkflowVersion, data: Record<string, unknown>, starterUnitId: string | null, via: Db | Tx): Promise<string | null> {
    const named = dossierUnit(workflow.definition, data, starterUnitId);
    // A unit named in the data that does not exist is left to the task hook to refuse, with its field.
    return named === starterUnitId || (await this.unitExists(named, via)) ? named : starterUnitId;
  }

  private async unitExists(id: string | null, via: Db | Tx): Promise<boolean> {
    if (!id || !isUuid(id)) return false;
    const [row] = await via.select({ id: units.id }).from(units).where(eq(units.id, id));
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

  /**
   * The detail view of a dossier for one reader. Its reads go out together (one round trip); `via` may be
   * the transaction that just stepped the dossier, so the answer shows exactly that step.
   */
  async view(row: InstanceRow, user: SessionUser, via: Db | Tx) {
    const workflow = await this.registry.get(row.workflowKey, row.workflowVersion, via);
    const snapshot = row.snapshot as DossierSnapshot;
    const [timeline, openTasks, deadline, official] = await Promise.all([
      this.timeline(row.id, via),
      openTasksOf(via, row.id),
      this.deadlineOf(row.id, via),
      reachesDossier(via, user, row.id),
    ]);
    // Its starter and anyone without an official role on it do not read the server's facts (screening).
    const { data, history } = official
      ? { data: snapshot.context.data, history: timeline }
      : forNonOfficial(snapshot.context.data, timeline, this.officialOnly.get(row.workflowKey));
    const current = currentStateName(snapshot.value);
    const at = this.clock.now();
    const facts = this.facts.get(row.workflowKey);
    const server = facts && snapshot.status === "active" ? await facts(via, row, at) : {};
    return {
      ...summary(row, workflow),
      data,
      stateTitle: workflow.states.get(current)?.node.title ?? null,
      startForm: row.formKey ? { key: row.formKey, version: row.formVersion } : null,
      availableEvents: availableEvents(workflow, snapshot, actorFor(user, row, openTasks), { at: at.toISOString(), server }),
      history: history.map((h) => ({
        seq: h.seq,
        type: h.type,
        actorId: h.actorId,
        // The timeline shows who acted; null for the engine itself (timers, child dossiers).
        actorName: h.actorName,
        actorRoles: h.actorRoles,
        data: h.data,
        form: h.formKey ? { key: h.formKey, version: h.formVersion } : null,
        from: h.fromState,
        to: h.toState,
        at: h.at.toISOString(),
      })),
      deadline,
    };
  }

  /** The history with the display name of whoever acted (null for the engine). */
  private timeline(id: string, via: Db | Tx) {
    return via
      .select({
        seq: instanceEvents.seq,
        type: instanceEvents.type,
        actorId: instanceEvents.actorId,
        actorName: users.displayName,
        actorRoles: instanceEvents.actorRoles,
        data: instanceEvents.data,
        formKey: instanceEvents.formKey,
        formVersion: instanceEvents.formVersion,
        fromState: instanceEvents.fromState,
        toState: instanceEvents.toState,
        at: instanceEvents.at,
      })
      .from(instanceEvents)
      .leftJoin(users, eq(users.id, instanceEvents.actorId))
      .where(eq(instanceEvents.instanceId, id))
      .orderBy(asc(instanceEvents.seq));
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
      const workflow = workflows.get(key) ?? (await this.registry.get(row.workflowKey, row.workflowVersion, this.db));
      workflows.set(key, workflow);
      items.push(summary(row, workflow));
    }
    return { items, total: count?.n ?? 0, page: filter.page, pageSize: filter.pageSize };
  }
}

/** Runs an engine call; a role refusal caused by someone else's claim on the task says so instead. */
function orClaimRefusal<T>(run: () => T, blockedBy: string[]): T {
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
    parentId: row.parentId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function titleOf(data: Record<string, unknown>, workflow: WorkflowVersion): string {
  // An association's name, else a plan's title; else the procedure's own title.
  const text = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : null);
  return text(data.name) ?? text(data.title) ?? workflow.definition.title.vi;
}

// One UUID test for the whole server (server/ids.ts); kept importable from here for the services that use it.
export { isUuid };

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
