import { toVietnamDate, isIsoDate } from "../../workflows/calendar";
import {
  congressPeriod,
  congressReportDue,
  congressRulesFrom,
  extendedCongressPeriod,
  storedCongressPeriod,
} from "../../workflows/founding/congress-period";
import type { DossierSnapshot } from "../../workflows";
import type { CalendarService } from "./calendar";
import type { Computation } from "./domain-packs";
import type { WorkflowRegistry } from "./workflow-registry";

/**
 * The founding congress's dates, computed on the admins' calendar inside the step (so the pure step and
 * its replay read them from the event): the period from the permission's effective date, the period
 * moved by an extension, and the report's due date. A value that cannot be computed is null, and the
 * transition's guard refuses with its message.
 */
export function congressComputations(calendar: CalendarService, registry: WorkflowRegistry): Record<string, Computation> {
  const rulesOf = async (tx: Parameters<Computation>[0], row: Parameters<Computation>[1]) =>
    congressRulesFrom((await registry.get(row.workflowKey, row.workflowVersion, tx)).definition.config ?? {});
  const dateIn = (event: Record<string, unknown>, key: string) => {
    const v = event[key];
    return typeof v === "string" && isIsoDate(v) ? v : null;
  };
  return {
    /** The permission decision's congress period, from the `effectiveDate` the leader signs. */
    congressPeriod: async (tx, row, _at, event) => {
      const rules = await rulesOf(tx, row);
      const from = dateIn(event, "effectiveDate");
      return rules && from ? congressPeriod(await calendar.current(tx), from, rules) : null;
    },
    /** The period moved by the requested `days`; null when not allowed (already extended, too many days). */
    congressExtension: async (tx, row, _at, event) => {
      const rules = await rulesOf(tx, row);
      const period = storedCongressPeriod((row.snapshot as DossierSnapshot).context.data.$congress);
      return rules && period ? extendedCongressPeriod(await calendar.current(tx), period, event.days, rules) : null;
    },
    /** When the report of the congress held on `heldOn` was due, and whether it comes late. */
    congressReportDue: async (tx, row, at, event) => {
      const rules = await rulesOf(tx, row);
      const heldOn = dateIn(event, "heldOn");
      return rules && heldOn ? congressReportDue(await calendar.current(tx), heldOn, toVietnamDate(at), rules) : null;
    },
  };
}
