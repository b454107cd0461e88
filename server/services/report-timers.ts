import { randomUUID } from "node:crypto";
import { addCalendarDays, toVietnamDate, workingDaysBetween } from "../../workflows/calendar";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { tasks, timers } from "../db/schema";
import type { CalendarService } from "./calendar";
import { writeOutbox } from "./outbox";
import type { StepHook } from "./step-hooks";
import { END_OF_DAY, MORNING, vietnamInstant } from "./vietnam-time";

/** The system events of a report with a fixed due date (`unit-report`): a reminder and the late mark. */
export const REMIND = "REMIND";
export const MARK_LATE = "MARK_LATE";

const dateOf = (value: unknown): string | null => (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null);

/**
 * Reminders before a report's due date and the late mark after it, as durable timers (design §5) and
 * outbox rows — no sweep. For a workflow whose `config.remindDaysBefore` lists days and whose data has a
 * `dueDate`: entering a state that handles `REMIND` plans one `REMIND` timer per listed day still to
 * come (07:00 that morning), and one handling `MARK_LATE` plans it for the first instant after the due
 * date. Leaving the state cancels them (the timers hook), so a submitted report is not reminded; a report
 * sent back gets the reminders still to come. The unit's task in such a state is due at the end of the due
 * date. When `REMIND` or `MARK_LATE` is accepted, an outbox row
 * tells the unit's officials (reminder) or its leaders (late) through the notifications of issue 5.
 */
export class ReportTimers {
  constructor(private readonly calendars: CalendarService) {}

  readonly hook: StepHook = async ({ instance, workflow, step, event, at, tx: open, write }) => {
    const config = workflow.definition.config ?? {};
    const offsets = Array.isArray(config.remindDaysBefore) ? config.remindDaysBefore.filter((d): d is number => Number.isInteger(d) && d >= 0) : null;
    if (!offsets) return;
    const data = step.snapshot.context.data;
    const due = dateOf(data.dueDate);
    if (!due) return;
    const today = toVietnamDate(at);
    const rows: (typeof timers.$inferInsert)[] = [];
    const timer = (state: string, eventType: string, fireAt: Date, payload: Record<string, unknown>) =>
      rows.push({ id: randomUUID(), instanceId: instance.id, kind: "event", eventType, stateName: state, fireAt, payload: { after: null, ...payload }, createdAt: at });
    for (const state of step.entered) {
      const on = workflow.states.get(state)?.node.on ?? {};
      if (on[REMIND]) {
        for (const days of new Set(offsets)) {
          const date = addCalendarDays(due, -days);
          if (date >= today) timer(state, REMIND, vietnamInstant(date, MORNING), { due, daysBefore: days });
        }
      }
      if (on[MARK_LATE] && data.$late !== true) timer(state, MARK_LATE, vietnamInstant(addCalendarDays(due, 1), "00:00"), { due });
    }
    if (rows.length) write((q) => q.insert(timers).values(rows));
    // The unit's task in a state that is reminded is due with the report: the inbox shows it and counts it overdue.
    // Through the transaction, after the queued writes (one statement would not see the task it inserts).
    const reminded = step.entered.filter((s) => workflow.states.get(s)?.node.on?.[REMIND]);
    if (reminded.length) {
      const dueAt = vietnamInstant(due, END_OF_DAY);
      await (await open()).update(tasks).set({ dueAt }).where(and(eq(tasks.instanceId, instance.id), inArray(tasks.state, reminded), isNull(tasks.closedAt)));
    }

    if (event.type !== REMIND && event.type !== MARK_LATE) return;
    // The state that handled the event: where the report's task sits.
    const state = step.from.find((s) => workflow.states.get(s)?.node.on?.[event.type]) ?? step.from[0] ?? "";
    const role = workflow.states.get(state)?.node.assignee?.role ?? null;
    const tx = await open();
    const cal = await this.calendars.current(tx);
    const daysLeft = event.type === REMIND ? Math.max(0, workingDaysBetween(cal, today, due)) : 0;
    const payload = { code: instance.code, title: instance.title, clockKey: "dueDate", state, role, due, daysLeft };
    await writeOutbox(tx, instance.id, { kind: event.type === REMIND ? "reminder" : "escalation", payload }, at);
  };
}
