import { and, eq, isNull } from "drizzle-orm";
import {
  dossierUnit,
  SAVE_DRAFT,
  saveDraft,
  sendEvent,
  SERVER_FACTS,
  startDossier,
  type Actor,
  type DossierSnapshot,
  type SpawnRequest,
  type Step,
} from "../../workflows";
import type { Clock } from "../clock";
import type { Db, Tx } from "../db/client";
import { instances, units } from "../db/schema";
import { DomainError, notFound } from "../errors";
import type { SessionUser } from "../identity";
import { isUuid } from "../ids";
import { actorOnDossier, openTasksOf, type TaskAccess } from "./access";
import type { AttachmentService } from "./attachments";
import type { DomainPacks } from "./domain-packs";
import { lockAncestors, lockDossier, lockForStep, queueSnapshot, type InstanceRow } from "./dossier-locks";
import { newDossierCode } from "./dossier-code";
import { formsOfEvent, orAlreadyDone, refuseDataWithoutForm, startFormOf } from "./event-forms";
import { isUniqueViolation, newDossierRow, orClaimRefusal, starterUnitOf, titleOf, type NewDossier } from "./dossier-rules";
import type { FormChecks } from "./form-checks";
import type { FormRegistry, FormVersion } from "./form-registry";
import { PendingWrites } from "./pending-writes";
import { refuseImplausible } from "./plausibility";
import { StepData } from "./step-data";
import { recordStep, type StepRecord } from "./step-record";
import type { StepPipeline } from "./step-pipeline";
import type { WorkflowRegistry, WorkflowVersion } from "./workflow-registry";

export { isUuid } from "../ids";
export { isUniqueViolation } from "./dossier-rules";
export { summary, type ListFilter } from "./dossier-reads";
export type { InstanceRow } from "./dossier-locks";
export type EventInput = { type: string; data?: Record<string, unknown> | undefined; expectedVersion?: number | undefined };
export type DraftInput = { data: Record<string, unknown>; expectedVersion?: number | undefined };
export type SendOptions = {
  /** The transaction to step in (a timer's, or a child's step telling its parent); else one of its own. */
  tx?: Tx | undefined;
  /** Answer 404 unless `user` may see the dossier (the HTTP routes: no acting on what one cannot see). */
  mustSee?: boolean | undefined;
};

/**
 * The roles a user acts with on a dossier (see `actorOnDossier`): `applicant` for its starter, and the
 * official roles held in the unit of an open task it is not claimed away from. Null user: the engine.
 */
export function actorFor(user: SessionUser | null, instance: Pick<InstanceRow, "starterId" | "parentId"> | null, openTasks: TaskAccess[] = []): Actor {
  return actorOnDossier(user, instance, openTasks).actor;
}

/**
 * The write side of dossiers: start one (by a person, or as a child inside its parent's step), move it by
 * an event, save its draft. Form data is judged before the engine step (422 with every field error,
 * nothing written). Each is one transaction that locks the dossier row, applies the pure engine step and
 * hands it to `recordStep` — the one path that writes the snapshot, the history entry and the step's
 * effects. Every write method takes the transaction it writes in, or opens its own: none reads outside it.
 */
export class DossierService {
  constructor(
    private readonly db: Db,
    private readonly registry: WorkflowRegistry,
    private readonly clock: Clock,
    private readonly pipeline: StepPipeline,
    private readonly packs: DomainPacks,
    private readonly codePrefix: string,
    private readonly forms: FormRegistry,
    private readonly checks: FormChecks,
    private readonly attachments: AttachmentService,
  ) {
    this.data = new StepData(packs);
  }

  /** The data a step goes with: the pack's rule, the server's computations and facts. */
  private readonly data: StepData;

  /** The same service on another clock, e.g. to seed demo history at the dates it happened. */
  withClock(clock: Clock): DossierService {
    return new DossierService(this.db, this.registry, clock, this.pipeline, this.packs, this.codePrefix, this.forms, this.checks, this.attachments);
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
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.db.transaction(async (tx) => {
          const workflow = await this.registry.latest(workflowKey, tx);
          if (workflow.definition.spawnedOnly) {
            throw new DomainError("WORKFLOW_NOT_STARTABLE", "Loại hồ sơ này chỉ được hệ thống tạo từ hồ sơ cha (ví dụ: từ kế hoạch)", {
              messageEn: `"${workflowKey}" dossiers are only started by their parent dossier`,
            });
          }
          const form = workflow.definition.startForm ? await this.forms.latest(workflow.definition.startForm, tx) : null;
          const attachmentIds = form ? await this.checks.check(user, null, [{ form, data: sent, mode: options.draft ? "partial" : "full" }], tx) : [];
          if (form) refuseImplausible([{ form, data: sent }], this.clock.now(), null);
          const data = this.data.ruled(workflowKey, null, sent);
          await this.data.checkStarter(tx, user, workflow, data);
          const starterUnitId = starterUnitOf(user, workflow.states.get(workflow.definition.initial)?.node.assignee?.role);
          await this.refuseSuspended(starterUnitId, tx);
          const row = await this.insertDossier(tx, workflow, data, user, {
            title: titleOf(data, workflow),
            formKey: form?.key ?? null,
            formVersion: form?.version ?? null,
            starterId: user.id,
            starterUnitId,
            unitId: await this.unitOf(workflow, data, starterUnitId, tx),
          }, form);
          await this.attachments.link(tx, user, row.id, attachmentIds);
          await options.inTransaction?.(tx, row);
          return row;
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
    return this.insertDossier(
      tx,
      workflow,
      request.data,
      null,
      {
        title: request.title ?? titleOf(request.data, workflow),
        starterId: parent.starterId,
        starterUnitId: parent.starterUnitId,
        unitId: request.unit && (await this.unitExists(request.unit, tx)) ? request.unit : null,
        parentId: parent.id,
        childKey: request.key,
      },
      null,
      at,
    );
  }

  /**
   * Starts a dossier the system owes (a fund's yearly duty), with no parent, in the caller's
   * transaction, in the name of `starterId` (an official of the unit whose work it is: he keeps the work
   * of the initial state); `key` names it once (the caller holds a lock that serialises the look-up).
   */
  async startBySystem(tx: Tx, workflowKey: string, data: Record<string, unknown>, values: { title: string; unitId: string; key: string; starterId: string }, at: Date): Promise<InstanceRow | null> {
    const [existing] = await tx
      .select({ id: instances.id })
      .from(instances)
      .where(and(eq(instances.workflowKey, workflowKey), isNull(instances.parentId), eq(instances.childKey, values.key)));
    if (existing) return null;
    const workflow = await this.registry.latest(workflowKey, tx);
    return this.insertDossier(tx, workflow, data, null, { title: values.title, starterId: values.starterId, starterUnitId: values.unitId, unitId: values.unitId, childKey: values.key }, null, at);
  }

  /** Inserts a new dossier in its workflow's initial state and records its `START` (by `user`, or the engine). */
  private async insertDossier(
    tx: Tx,
    workflow: WorkflowVersion,
    data: Record<string, unknown>,
    user: SessionUser | null,
    values: NewDossier,
    form: FormVersion | null,
    at = this.clock.now(),
  ): Promise<InstanceRow> {
    const step = startDossier(workflow, data);
    const fresh = newDossierRow(workflow, step, values, newDossierCode(this.codePrefix, at.getFullYear()), at);
    const row = { ...fresh, ...(await this.data.factsAfter(tx, fresh, at)) };
    await tx.insert(instances).values(row);
    const record = { instance: row, workflow, step, event: { type: "START", data }, form, user, actor: actorFor(user, null), at };
    await recordStep(tx, new PendingWrites(), record, { dossiers: this, pipeline: this.pipeline });
    return row;
  }

  /**
   * Applies an event (or the engine's own, with `user` null) in one transaction. The event's data must
   * fill the transition's form; handing in a draft (SUBMIT from the initial state) needs a complete start form.
   */
  async send(user: SessionUser | null, id: string, input: EventInput, options: SendOptions = {}): Promise<InstanceRow> {
    if (!isUuid(id)) throw notFound("DOSSIER_NOT_FOUND", "no such dossier");
    const run = async (t: Tx) => {
      // One round trip: both statements are sent together and run in this order (ancestors locked first).
      const [, { row, openTasks, reached }] = await Promise.all([lockAncestors(t, id), lockForStep(t, id, input.expectedVersion, options.mustSee ? user : null)]);
      if (user && !reached && row.starterId !== user.id) throw notFound("DOSSIER_NOT_FOUND", "no such dossier");
      const workflow = await this.registry.get(row.workflowKey, row.workflowVersion, t);
      const stored = row.snapshot as DossierSnapshot;
      const { actor, blockedBy } = actorOnDossier(user, row, openTasks);
      const at = this.clock.now();
      const { [SERVER_FACTS]: _forged, ...clientData } = input.data ?? {};
      const event = { type: input.type, data: clientData, actor, at: at.toISOString() };
      const { form, filled, historyOnly } = await orAlreadyDone(t, row, user?.id ?? null, input.type, () => formsOfEvent(this.forms, t, workflow, row, event, blockedBy));
      if (user && !form) refuseDataWithoutForm(clientData);
      const attachmentIds = await this.checks.check(user, row.id, filled, t);
      if (historyOnly) {
        // A comment is no step: it records what the commenter wrote, without the server's facts.
        const step: Step = { snapshot: stored, from: row.state, to: row.state, exited: [], entered: [], transition: null, spawn: [] };
        await this.attachments.link(t, user, row.id, attachmentIds);
        return this.step(t, row, { workflow, step, event: { type: input.type, data: input.data === undefined && Object.keys(clientData).length === 0 ? null : clientData }, form, user, actor, at }, {}, true);
      }
      refuseImplausible(filled, at, { createdAt: row.createdAt, data: stored.context.data });
      const ruled = this.data.ruled(row.workflowKey, stored.context.data, event.data);
      // Values the server computes (after the client's data passed its form) join the event's data.
      const data = await this.data.withFacts(t, row, await this.data.withComputed(t, row, workflow, input.type, ruled, at), at);
      const step = orClaimRefusal(() => sendEvent(workflow, stored, { ...event, data }), blockedBy);
      await this.attachments.link(t, user, row.id, attachmentIds);
      const recorded = input.data === undefined && Object.keys(data).length === 0 ? null : data;
      return this.step(t, row, { workflow, step, event: { type: input.type, data: recorded }, form, user, actor, at });
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
      const row = await lockDossier(t, id, input.expectedVersion);
      if (row.starterId !== user.id) {
        throw new DomainError("FORBIDDEN", "Chỉ người nộp hồ sơ được sửa bản nháp", { messageEn: "only the dossier's starter may edit its draft" });
      }
      const workflow = await this.registry.get(row.workflowKey, row.workflowVersion, t);
      // Refuses a dossier past its draft before anything else.
      const asSent = saveDraft(workflow, row.snapshot as DossierSnapshot, input.data);
      const form = await startFormOf(this.forms, row, t);
      const attachmentIds = form ? await this.checks.check(user, row.id, [{ form, data: input.data, mode: "partial" }], t) : [];
      if (form) refuseImplausible([{ form, data: input.data }], this.clock.now(), { createdAt: row.createdAt, data: (row.snapshot as DossierSnapshot).context.data });
      const data = this.data.ruled(row.workflowKey, (row.snapshot as DossierSnapshot).context.data, input.data);
      const step = data === input.data ? asSent : saveDraft(workflow, row.snapshot as DossierSnapshot, data);
      // The draft may name another authority: the dossier's unit follows, as when it was started.
      const unitId = await this.unitOf(workflow, data, row.starterUnitId, t);
      await this.attachments.link(t, user, row.id, attachmentIds);
      const { actor } = actorOnDossier(user, row, await openTasksOf(t, row.id));
      const record = { workflow, step, event: { type: SAVE_DRAFT, data }, form, user, actor, at: this.clock.now() };
      return this.step(t, row, record, { title: titleOf(data, workflow), unitId });
    });
  }

  /**
   * Queues the new snapshot of a stored dossier with version + 1 (and, unless the step only adds to the
   * history, the server's facts as the step leaves it), then records the step.
   */
  private async step(tx: Tx, row: InstanceRow, record: Omit<StepRecord, "instance">, extra: { title?: string; unitId?: string | null } = {}, historyOnly = false): Promise<InstanceRow> {
    const writes = new PendingWrites();
    const facts = historyOnly ? {} : await this.data.factsAfter(tx, { ...row, snapshot: record.step.snapshot, status: record.step.snapshot.status }, record.at);
    const updated = queueSnapshot(tx, writes, row, record.step, record.at, { ...extra, ...facts });
    await recordStep(tx, writes, { ...record, instance: updated }, { dossiers: this, pipeline: this.pipeline });
    return updated;
  }

  /** The unit a dossier with this data belongs to: the one it names, else the starter's. */
  private async unitOf(workflow: WorkflowVersion, data: Record<string, unknown>, starterUnitId: string | null, tx: Tx): Promise<string | null> {
    const named = dossierUnit(workflow.definition, data, starterUnitId);
    // A unit named in the data that does not exist is left to the task's effect to refuse, with its field.
    return named === starterUnitId || (await this.unitExists(named, tx)) ? named : starterUnitId;
  }

  /** A suspended association (tạm đình chỉ hoạt động) starts no dossier as itself until the suspension is lifted. */
  private async refuseSuspended(starterUnitId: string | null, tx: Tx): Promise<void> {
    if (!starterUnitId) return;
    const [row] = await tx.select({ suspendedAt: units.suspendedAt }).from(units).where(eq(units.id, starterUnitId));
    if (row?.suspendedAt) {
      throw new DomainError("UNIT_SUSPENDED", "Đơn vị của bạn đang bị tạm đình chỉ hoạt động: không được lập hồ sơ mới cho đến khi có quyết định cho phép hoạt động trở lại", {
        messageEn: "your unit's activity is suspended: it may start no dossier until the suspension is lifted",
      });
    }
  }

  private async unitExists(id: string | null, tx: Tx): Promise<boolean> {
    if (!id || !isUuid(id)) return false;
    const [row] = await tx.select({ id: units.id }).from(units).where(eq(units.id, id));
    return row !== undefined;
  }
}

