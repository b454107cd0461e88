import { and, asc, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import { availableEvents, currentStateName, type DossierSnapshot } from "../../workflows";
import type { Clock } from "../clock";
import type { Db, Tx } from "../db/client";
import { instanceEvents, instances, users } from "../db/schema";
import type { SessionUser } from "../identity";
import { isUuid } from "../ids";
import { actorOnDossier, openTasksOf, reachesDossier } from "./access";
import type { DeadlineView } from "./deadlines";
import type { InstanceRow } from "./dossier-locks";
import type { DomainPacks } from "./domain-packs";
import { forNonOfficial } from "./official-only";
import type { WorkflowRegistry, WorkflowVersion } from "./workflow-registry";

export type ListFilter = { workflow?: string | undefined; state?: string | undefined; q?: string | undefined; page: number; pageSize: number };

/**
 * The read side of dossiers: one dossier, its history, its detail view for a reader, a page of a list.
 * Nothing here writes; the server's facts a reader is offered events by are those stored with the last step.
 */
export class DossierReads {
  constructor(
    private readonly db: Db,
    private readonly registry: WorkflowRegistry,
    private readonly clock: Clock,
    private readonly packs: DomainPacks,
    /** The deadline shown on a dossier (the legal clocks, `DeadlineService.forInstance`). */
    private readonly deadlineOf: (instanceId: string, via: Db | Tx) => Promise<DeadlineView | null>,
  ) {}

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
      : forNonOfficial(snapshot.context.data, timeline, this.packs.forWorkflow(row.workflowKey)?.officialOnly);
    const current = currentStateName(snapshot.value);
    const server = (row.facts as Record<string, unknown> | null) ?? (await this.legacyFacts(row, via));
    return {
      ...summary(row, workflow),
      data,
      stateTitle: workflow.states.get(current)?.node.title ?? null,
      startForm: row.formKey ? { key: row.formKey, version: row.formVersion } : null,
      availableEvents: availableEvents(workflow, snapshot, actorOnDossier(user, row, openTasks).actor, { at: this.clock.now().toISOString(), server }),
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

  /** The facts of a dossier last stepped before they were stored with each step: computed once more. */
  private async legacyFacts(row: InstanceRow, via: Db | Tx): Promise<Record<string, unknown>> {
    const facts = this.packs.forWorkflow(row.workflowKey)?.facts;
    return facts && row.status === "active" ? facts(via, row, this.clock.now()) : {};
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

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (m) => `\\${m}`);
}
