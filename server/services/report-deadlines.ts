import { and, eq, sql } from "drizzle-orm";
import { calendarDaysBetween, toVietnamDate } from "../../workflows/calendar";
import type { DossierSnapshot } from "../../workflows";
import type { Clock } from "../clock";
import type { Db } from "../db/client";
import { instances } from "../db/schema";
import { DomainError } from "../errors";
import { EngineError } from "../../workflows";
import type { DossierService } from "./dossiers";
import type { WorkflowRegistry } from "./workflow-registry";

const REPORT_WORKFLOW = "unit-report";

/**
 * Reminders before a unit report's due date and the "late" mark after it: sends the system events
 * `REMIND` (on the configured days before, once a day) and `MARK_LATE` (once) to pending reports.
 * Idempotent and safe to run from several processes at once: the events' own guards refuse a second
 * reminder the same day or a second mark, and each send locks the report and its plan.
 */
export class ReportDeadlines {
  constructor(
    private readonly db: Db,
    private readonly dossiers: DossierService,
    private readonly registry: WorkflowRegistry,
    private readonly clock: Clock,
  ) {}

  async sweep(): Promise<{ reminded: number; markedLate: number }> {
    const today = toVietnamDate(this.clock.now());
    const pending = await this.db
      .select({ id: instances.id, snapshot: instances.snapshot, key: instances.workflowKey, version: instances.workflowVersion })
      .from(instances)
      .where(and(eq(instances.workflowKey, REPORT_WORKFLOW), eq(instances.status, "active"), sql`'pending' = any(${instances.state})`));
    let reminded = 0;
    let markedLate = 0;
    for (const row of pending) {
      const data = (row.snapshot as DossierSnapshot).context.data;
      const due = typeof data.dueDate === "string" ? data.dueDate : null;
      if (!due) continue;
      const config = (await this.registry.get(row.key, row.version)).definition.config ?? {};
      const remindDays = Array.isArray(config.remindDaysBefore) ? (config.remindDaysBefore as number[]) : [];
      if (today > due && data.$late !== true) {
        if (await this.trySend(row.id, "MARK_LATE")) markedLate++;
      } else if (today <= due && remindDays.includes(calendarDaysBetween(today, due))) {
        const sent = Array.isArray(data.$reminders) && data.$reminders.includes(today);
        if (!sent && (await this.trySend(row.id, "REMIND"))) reminded++;
      }
    }
    return { reminded, markedLate };
  }

  /** Sends a system event; a report that moved meanwhile (submitted, already marked) is skipped. */
  private async trySend(id: string, type: string): Promise<boolean> {
    try {
      await this.dossiers.send(null, id, { type });
      return true;
    } catch (error) {
      if (error instanceof EngineError || (error instanceof DomainError && error.code === "STALE_VERSION")) return false;
      throw error;
    }
  }
}
