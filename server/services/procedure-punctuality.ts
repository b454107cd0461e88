import { and, eq, gte, lt } from "drizzle-orm";
import type { Clock } from "../clock";
import type { Db } from "../db/client";
import { dossierClocks, dossierRatings, instances, units } from "../db/schema";
import type { SessionUser } from "../identity";
import { visibleDossiers } from "./access";
import type { CalendarService } from "./calendar";
import { vietnamYear } from "./vietnam-time";
import { clockStatus } from "./timers";
import type { WorkflowRegistry } from "./workflow-registry";

type Localized = { vi: string; en?: string | undefined };

/**
 * One procedure at one handling unit over a year, as Quyết định 766/QĐ-TTg measures a public service:
 * dossiers finished on time (every legal clock stopped within its deadline) or late, those still open
 * past a deadline, and how satisfied their applicants said they were.
 */
export type ProcedureFigures = {
  workflow: string;
  workflowTitle: Localized;
  unitId: string | null;
  unitName: string | null;
  finished: number;
  finishedOnTime: number;
  finishedLate: number;
  /** Finished dossiers whose procedure runs no legal clock: counted, but not in the on-time rate. */
  finishedWithoutDeadline: number;
  openOverdue: number;
  /** finishedOnTime ÷ (finishedOnTime + finishedLate); null when no finished dossier had a deadline. */
  onTimeRate: number | null;
  ratings: { very_satisfied: number; satisfied: number; unsatisfied: number };
  /** (very satisfied + satisfied) ÷ ratings; null when nobody rated. */
  satisfactionRate: number | null;
};

/**
 * Counts, for the dossiers the caller may see, the procedures' punctuality and satisfaction of one Vietnam
 * calendar year (by the date a dossier finished) — three queries, whatever the number of procedures.
 */
export class ProcedurePunctuality {
  constructor(
    private readonly db: Db,
    private readonly registry: WorkflowRegistry,
    private readonly clock: Clock,
    private readonly calendar: CalendarService,
  ) {}

  /** `openOverdue` is today's state: counted for the current year only. */
  async of(user: SessionUser, year: number): Promise<ProcedureFigures[]> {
    const [from, to] = vietnamYear(year);
    const now = this.clock.now();
    const thisYear = now >= from && now < to;
    const finishedInYear = and(visibleDossiers(user), eq(instances.status, "done"), gte(instances.updatedAt, from), lt(instances.updatedAt, to));
    const [finished, stopped, running] = await Promise.all([
      this.db
        .select({ id: instances.id, workflowKey: instances.workflowKey, workflowVersion: instances.workflowVersion, unitId: instances.unitId, unitName: units.name, level: dossierRatings.level })
        .from(instances)
        .leftJoin(units, eq(units.id, instances.unitId))
        .leftJoin(dossierRatings, eq(dossierRatings.instanceId, instances.id))
        .where(finishedInYear),
      this.db.select({ clock: dossierClocks }).from(dossierClocks).innerJoin(instances, eq(instances.id, dossierClocks.instanceId)).where(and(finishedInYear, eq(dossierClocks.state, "stopped"))),
      thisYear
        ? this.db
            .select({ clock: dossierClocks, workflowKey: instances.workflowKey, workflowVersion: instances.workflowVersion, unitId: instances.unitId, unitName: units.name })
            .from(dossierClocks)
            .innerJoin(instances, eq(instances.id, dossierClocks.instanceId))
            .leftJoin(units, eq(units.id, instances.unitId))
            .where(and(visibleDossiers(user), eq(instances.status, "active"), eq(dossierClocks.state, "running")))
        : [],
    ]);
    const cal = await this.calendar.current(this.db);
    // A dossier is late when any of its clocks stopped past its due date (judged at the moment it stopped).
    const late = new Set<string>();
    const timed = new Set<string>();
    for (const { clock } of stopped) {
      timed.add(clock.instanceId);
      if (clockStatus(cal, clock, clock.stoppedAt ?? now).overdue) late.add(clock.instanceId);
    }
    const groups = new Map<string, ProcedureFigures & { version: number }>();
    const group = (workflowKey: string, version: number, unitId: string | null, unitName: string | null) => {
      const key = `${workflowKey}\u0000${unitId ?? ""}`;
      let g = groups.get(key);
      if (!g) {
        g = { workflow: workflowKey, version, workflowTitle: { vi: workflowKey }, unitId, unitName, finished: 0, finishedOnTime: 0, finishedLate: 0, finishedWithoutDeadline: 0, openOverdue: 0, onTimeRate: null, ratings: { very_satisfied: 0, satisfied: 0, unsatisfied: 0 }, satisfactionRate: null };
        groups.set(key, g);
      }
      g.version = Math.max(g.version, version);
      return g;
    };
    for (const d of finished) {
      const g = group(d.workflowKey, d.workflowVersion, d.unitId, d.unitName);
      g.finished++;
      if (!timed.has(d.id)) g.finishedWithoutDeadline++;
      else if (late.has(d.id)) g.finishedLate++;
      else g.finishedOnTime++;
      if (d.level) g.ratings[d.level]++;
    }
    const overdueDossiers = new Set<string>();
    for (const r of running) {
      if (overdueDossiers.has(r.clock.instanceId) || !clockStatus(cal, r.clock, now).overdue) continue;
      overdueDossiers.add(r.clock.instanceId);
      group(r.workflowKey, r.workflowVersion, r.unitId, r.unitName).openOverdue++;
    }
    const out: ProcedureFigures[] = [];
    for (const { version, ...g } of groups.values()) {
      const workflow = await this.registry.get(g.workflow, version, this.db);
      const decided = g.finishedOnTime + g.finishedLate;
      const rated = g.ratings.very_satisfied + g.ratings.satisfied + g.ratings.unsatisfied;
      out.push({
        ...g,
        workflowTitle: workflow.definition.title,
        onTimeRate: decided ? g.finishedOnTime / decided : null,
        satisfactionRate: rated ? (g.ratings.very_satisfied + g.ratings.satisfied) / rated : null,
      });
    }
    return out.sort((a, b) => a.workflow.localeCompare(b.workflow) || (a.unitName ?? "").localeCompare(b.unitName ?? ""));
  }
}
