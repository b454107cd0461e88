import { nominalDueDates, periodRulesFrom, type DossierSnapshot, type Recurrence } from "../../workflows";
import { workingDayOnOrAfter } from "../../workflows/calendar";
import type { CalendarService } from "./calendar";
import type { Computation } from "./domain-packs";
import type { WorkflowRegistry } from "./workflow-registry";

/**
 * The `reportDueDates` computation: for each periodic report round of the plan being approved, its due
 * date as the cut-off rules give it → the first working day on or after it, on the admins' calendar
 * (20/06/2026, a Saturday → 22/06/2026). The plan's `schedulePlanRounds` action reads the map from the
 * event, so the step stays pure and replays the same. A one-off plan's deadline is the date its drafter
 * wrote into the plan document, and stays as written.
 */
export function reportDueDates(calendar: CalendarService, registry: WorkflowRegistry): Computation {
  return async (tx, row) => {
    const data = (row.snapshot as DossierSnapshot).context.data;
    const workflow = await registry.get(row.workflowKey, row.workflowVersion, tx);
    const dates = nominalDueDates(
      {
        recurrence: data.recurrence as Recurrence | undefined,
        startDate: typeof data.startDate === "string" ? data.startDate : undefined,
        endDate: typeof data.endDate === "string" ? data.endDate : undefined,
      },
      periodRulesFrom(workflow.definition.config ?? {}),
    );
    if (dates.length === 0) return {};
    const cal = await calendar.current(tx);
    return Object.fromEntries(dates.map((date) => [date, workingDayOnOrAfter(cal, date)]));
  };
}
