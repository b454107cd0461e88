import { and, eq, inArray, isNull, ne } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import type { Calendar, IsoDate } from "../../workflows/calendar";
import type { Clock } from "../clock";
import type { Db, Tx } from "../db/client";
import { dossierClocks, instances, tasks } from "../db/schema";
import type { CalendarService } from "./calendar";
import { clockActions, clockRules, type ClockAction, type ClockRule, type LiveClock } from "../../workflows/clock-rules";
import type { ApplierOf } from "./step-pipeline";
import { clockStatus, type ClockRow, type TimerService } from "./timers";
import { END_OF_DAY, vietnamInstant } from "./vietnam-time";
import type { WorkflowRegistry } from "./workflow-registry";

/** A dossier's deadline as shown on the dossier, its tasks and its public status page. */
export type DeadlineView = {
  /** The clock's key: the state that started it. */
  clock: string;
  unit: "workingDays" | "calendarDays";
  total: number;
  /** `YYYY-MM-DD`; null while paused with days left (the date depends on the resubmission). */
  due: IsoDate | null;
  daysLeft: number | null;
  overdue: boolean;
  paused: boolean;
  used: number;
  remaining: number;
  startedAt: string;
  /** False when a year in range has no calendar data (weekends only counted). */
  calendarCovered: boolean;
  /** The return date promised to the applicant (the receipt's, or the apology's new date); null when none was issued. */
  promised: IsoDate | null;
};

type Pause = { from: string; to: string | null };

/**
 * Legal clocks of dossiers: started, paused, resumed and stopped by a step hook as the dossier moves,
 * and read as deadlines. Reminders and escalations follow each clock (`TimerService.planClock`).
 */
export class DeadlineService {
  constructor(
    private readonly db: Db,
    private readonly calendars: CalendarService,
    private readonly clock: Clock,
    private readonly timers: TimerService,
  ) {}

  /** Moves the dossier's clocks to match its new active states (the `moveClocks` effect). */
  readonly moveClocks: ApplierOf<"moveClocks"> = async (effect, { instance, workflow, at, tx: open }) => {
    const rules = clockRules(workflow);
    const tx = await open();
    const live = await this.liveClocks(tx, instance.id);
    const actions = clockActions(rules, new Set(effect.active), new Map(live.map((c) => [c.clockKey, c.state as LiveClock])));
    const cal = await this.calendars.current(tx);
    const clocks = new Map(live.map((c) => [c.clockKey, c]));
    for (const { rule, action } of actions) {
      const changed = await this.apply(tx, instance.id, clocks.get(rule.key), rule, action, at);
      await this.timers.planClock(tx, changed, cal, at);
      clocks.set(rule.key, changed);
    }
    // Tasks opened by this step (or whose clock moved) carry the due date of the clock they count on.
    if (effect.entered) await this.fillTaskDueDates(tx, instance.id, rules, [...clocks.values()], cal, at);
  };

  /** Sets `tasks.due_at` of the open tasks in each clock's states: the last instant of the due date, null while paused. */
  private async fillTaskDueDates(tx: Tx, instanceId: string, rules: ClockRule[], clocks: ClockRow[], cal: Calendar, at: Date): Promise<void> {
    for (const clock of clocks) {
      const runIn = rules.find((r) => r.key === clock.clockKey)?.runIn ?? [clock.clockKey];
      const due = clock.state === "running" ? clockStatus(cal, clock, at).due : null;
      await tx
        .update(tasks)
        .set({ dueAt: due ? vietnamInstant(due, END_OF_DAY) : null })
        .where(and(eq(tasks.instanceId, instanceId), inArray(tasks.state, runIn), isNull(tasks.closedAt)));
    }
  }

  private async apply(tx: Tx, instanceId: string, clock: ClockRow | undefined, rule: ClockRule, action: ClockAction, at: Date): Promise<ClockRow> {
    if (action === "restart") {
      // The time runs again in full from the complete dossier: the old clock stops (kept for the record), a new one starts.
      await this.apply(tx, instanceId, clock, rule, "stop", at);
      return this.apply(tx, instanceId, undefined, rule, "start", at);
    }
    if (action === "start") {
      const [row] = await tx
        .insert(dossierClocks)
        .values({ id: randomUUID(), instanceId, clockKey: rule.key, rule: { ...rule.rule, pauseIn: rule.pauseIn }, startedAt: at, pauses: [], state: "running" })
        .returning();
      return row!;
    }
    const pauses = (clock!.pauses as Pause[]).slice();
    const set =
      action === "pause"
        ? { state: "paused" as const, pauses: [...pauses, { from: at.toISOString(), to: null }] }
        : action === "resume"
          ? { state: "running" as const, pauses: pauses.map((p, i) => (i === pauses.length - 1 ? { ...p, to: at.toISOString() } : p)) }
          : { state: "stopped" as const, stoppedAt: at, pauses: pauses.map((p) => (p.to === null ? { ...p, to: at.toISOString() } : p)) };
    const [row] = await tx.update(dossierClocks).set(set).where(eq(dossierClocks.id, clock!.id)).returning();
    return row!;
  }

  async liveClocks(db: Db | Tx, instanceId: string): Promise<ClockRow[]> {
    return db
      .select()
      .from(dossierClocks)
      .where(and(eq(dossierClocks.instanceId, instanceId), ne(dossierClocks.state, "stopped")));
  }

  /**
   * The deadline to show for a dossier: of its running clocks the one due first, else its paused clock;
   * null when no clock is live.
   */
  async forInstance(instanceId: string, db: Db | Tx): Promise<DeadlineView | null> {
    const live = await this.liveClocks(db, instanceId);
    if (!live.length) return null;
    const cal = await this.calendars.current(db);
    const views = live.map((c) => view(cal, c, this.clock.now()));
    const running = views.filter((v) => !v.paused).sort((a, b) => (a.due ?? "").localeCompare(b.due ?? ""));
    return running[0] ?? views[0]!;
  }

  /** The deadlines of many dossiers at once (a list page), as `forInstance` answers for each; one query. */
  async forInstances(instanceIds: string[]): Promise<Map<string, DeadlineView>> {
    const out = new Map<string, DeadlineView>();
    if (!instanceIds.length) return out;
    const live = await this.db
      .select()
      .from(dossierClocks)
      .where(and(inArray(dossierClocks.instanceId, instanceIds), ne(dossierClocks.state, "stopped")));
    if (!live.length) return out;
    const cal = await this.calendars.current(this.db);
    const now = this.clock.now();
    for (const id of instanceIds) {
      const views = live.filter((c) => c.instanceId === id).map((c) => view(cal, c, now));
      const running = views.filter((v) => !v.paused).sort((a, b) => (a.due ?? "").localeCompare(b.due ?? ""));
      const chosen = running[0] ?? views[0];
      if (chosen) out.set(id, chosen);
    }
    return out;
  }

  /** After a calendar edit: every running clock's reminders are planned again on the new calendar. */
  async replanAll(tx: Tx, cal: Calendar, at: Date, registry: WorkflowRegistry): Promise<number> {
    const running = await tx
      .select({ clock: dossierClocks, workflowKey: instances.workflowKey, workflowVersion: instances.workflowVersion })
      .from(dossierClocks)
      .innerJoin(instances, eq(instances.id, dossierClocks.instanceId))
      .where(eq(dossierClocks.state, "running"));
    for (const { clock, workflowKey, workflowVersion } of running) {
      await this.timers.planClock(tx, clock, cal, at);
      const rules = clockRules(await registry.get(workflowKey, workflowVersion, tx));
      await this.fillTaskDueDates(tx, clock.instanceId, rules, [clock], cal, at);
    }
    return running.length;
  }
}

export function view(cal: Calendar, clock: ClockRow, now: Date): DeadlineView {
  const s = clockStatus(cal, clock, now);
  return {
    clock: clock.clockKey,
    unit: s.unit,
    total: s.total,
    due: s.due,
    daysLeft: s.daysLeft,
    overdue: s.overdue,
    paused: s.paused,
    used: s.used,
    remaining: s.remaining,
    startedAt: clock.startedAt.toISOString(),
    calendarCovered: s.calendarCovered,
    promised: promisedDate(clock),
  };
}

/** The return date a one-stop receipt or apology promised for this clock (kept in its `rule`). */
export function promisedDate(clock: ClockRow): IsoDate | null {
  const promised = (clock.rule as { promised?: unknown }).promised;
  return typeof promised === "string" ? promised : null;
}
