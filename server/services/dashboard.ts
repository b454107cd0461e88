import { and, asc, eq, isNotNull, isNull, lt, sql } from "drizzle-orm";
import { currentStateName } from "../../workflows";
import { toVietnamDate, workingDaysBetween } from "../../workflows/calendar";
import type { Clock } from "../clock";
import type { Db } from "../db/client";
import { instances, tasks, units } from "../db/schema";
import type { SessionUser } from "../identity";
import { reachableTask, visibleDossiers } from "./access";
import type { CalendarService } from "./calendar";
import type { WorkflowRegistry } from "./workflow-registry";

/** Longest overdue list the dashboard shows; the inbox's overdue filter pages through the rest. */
const OVERDUE_LIMIT = 50;

type Localized = { vi: string; en?: string | undefined };

/** One unit's punctuality: tasks finished by their due date, finished late, open and overdue, open in time. */
export type UnitPunctuality = {
  unitId: string;
  unitName: string;
  doneOnTime: number;
  doneLate: number;
  openOverdue: number;
  openOnTime: number;
  /** Share of decided tasks (finished, or open past their due date) that were on time; null when none. */
  onTimeRate: number | null;
};

/**
 * The dashboard's figures, counted by the database over what the caller may see: dossiers by procedure
 * and step (the dossiers they started or reach through a task), punctuality per unit and the overdue
 * list (tasks of the units where they hold an official role).
 */
export class DashboardService {
  constructor(
    private readonly db: Db,
    private readonly registry: WorkflowRegistry,
    private readonly clock: Clock,
    private readonly calendar: CalendarService,
  ) {}

  async figures(user: SessionUser) {
    const now = this.clock.now();
    const [byWorkflow, punctuality, overdue] = await Promise.all([this.byWorkflow(user), this.punctuality(user, now), this.overdue(user, now)]);
    const count = (f: (w: (typeof byWorkflow)[number]) => number) => byWorkflow.reduce((n, w) => n + f(w), 0);
    const decided = punctuality.reduce((n, u) => n + u.doneOnTime + u.doneLate + u.openOverdue, 0);
    return {
      today: toVietnamDate(now),
      totals: {
        dossiers: count((w) => w.total),
        active: count((w) => w.active),
        done: count((w) => w.done),
        overdueTasks: punctuality.reduce((n, u) => n + u.openOverdue, 0),
        onTimeRate: decided ? punctuality.reduce((n, u) => n + u.doneOnTime, 0) / decided : null,
      },
      byWorkflow,
      units: punctuality,
      overdue,
    };
  }

  /** Visible dossiers grouped by procedure and current step, largest first. */
  private async byWorkflow(user: SessionUser) {
    const value = sql<unknown>`${instances.snapshot} -> 'value'`;
    const rows = await this.db
      .select({ key: instances.workflowKey, version: instances.workflowVersion, status: instances.status, value, n: sql<number>`count(*)::int` })
      .from(instances)
      .where(visibleDossiers(user))
      .groupBy(instances.workflowKey, instances.workflowVersion, instances.status, value);
    const out = new Map<string, { workflow: string; title: Localized; total: number; active: number; done: number; states: Map<string, { state: string; title: Localized | null; final: boolean; count: number }> }>();
    for (const row of rows) {
      const workflow = await this.registry.get(row.key, row.version, this.db);
      const w = out.get(row.key) ?? { workflow: row.key, title: workflow.definition.title, total: 0, active: 0, done: 0, states: new Map() };
      const state = currentStateName(row.value);
      const node = workflow.states.get(state)?.node;
      const s = w.states.get(state) ?? { state, title: node?.title ?? null, final: node?.type === "final", count: 0 };
      s.count += row.n;
      w.states.set(state, s);
      w.total += row.n;
      if (row.status === "done") w.done += row.n;
      else w.active += row.n;
      out.set(row.key, w);
    }
    return [...out.values()]
      .sort((a, b) => b.total - a.total || a.workflow.localeCompare(b.workflow))
      .map((w) => ({ ...w, states: [...w.states.values()].sort((a, b) => b.count - a.count || a.state.localeCompare(b.state)) }));
  }

  /** Tasks with a due date in the units the caller reaches, by unit. */
  private async punctuality(user: SessionUser, now: Date): Promise<UnitPunctuality[]> {
    const reach = reachableTask(user);
    if (!reach) return [];
    const at = now.toISOString();
    const n = (condition: ReturnType<typeof sql>) => sql<number>`(count(*) filter (where ${condition}))::int`;
    const rows = await this.db
      .select({
        unitId: tasks.unitId,
        unitName: units.name,
        doneOnTime: n(sql`${tasks.closedAt} is not null and ${tasks.closedAt} <= ${tasks.dueAt}`),
        doneLate: n(sql`${tasks.closedAt} is not null and ${tasks.closedAt} > ${tasks.dueAt}`),
        openOverdue: n(sql`${tasks.closedAt} is null and ${tasks.dueAt} < ${at}::timestamptz`),
        openOnTime: n(sql`${tasks.closedAt} is null and ${tasks.dueAt} >= ${at}::timestamptz`),
      })
      .from(tasks)
      .innerJoin(units, eq(units.id, tasks.unitId))
      .where(and(reach, isNotNull(tasks.dueAt)))
      .groupBy(tasks.unitId, units.name)
      .orderBy(asc(units.name));
    return rows.map((r) => {
      const decided = r.doneOnTime + r.doneLate + r.openOverdue;
      return { ...r, unitId: r.unitId!, onTimeRate: decided ? r.doneOnTime / decided : null };
    });
  }

  /** Open tasks past their due date in the units the caller reaches, longest overdue first. */
  private async overdue(user: SessionUser, now: Date) {
    const reach = reachableTask(user);
    if (!reach) return [];
    const rows = await this.db
      .select({ task: tasks, code: instances.code, title: instances.title, version: instances.workflowVersion, unitName: units.name })
      .from(tasks)
      .innerJoin(instances, eq(instances.id, tasks.instanceId))
      .leftJoin(units, eq(units.id, tasks.unitId))
      .where(and(reach, isNull(tasks.closedAt), lt(tasks.dueAt, now)))
      .orderBy(asc(tasks.dueAt), asc(tasks.id))
      .limit(OVERDUE_LIMIT);
    const cal = await this.calendar.current(this.db);
    const today = toVietnamDate(now);
    const out = [];
    for (const row of rows) {
      const workflow = await this.registry.get(row.task.workflowKey, row.version, this.db);
      const due = toVietnamDate(row.task.dueAt!);
      out.push({
        taskId: row.task.id,
        dossierId: row.task.instanceId,
        code: row.code,
        title: row.title,
        workflowTitle: workflow.definition.title,
        state: row.task.state,
        stateTitle: workflow.states.get(row.task.state)?.node.title ?? null,
        unitId: row.task.unitId,
        unitName: row.unitName,
        due,
        // Working days past the due date (negative, as the inbox counts `daysLeft`).
        daysLeft: workingDaysBetween(cal, today, due),
      });
    }
    return out;
  }
}
