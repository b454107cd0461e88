import { addCalendarDays, toVietnamDate, type IsoDate } from "./calendar";
import type { CompiledWorkflow } from "./compile";
import type { Step } from "./engine";

/** The system events of a dossier with a fixed due date (`unit-report`): a reminder and the late mark. */
export const REMIND = "REMIND";
export const MARK_LATE = "MARK_LATE";

/** A timer that fires on a Vietnamese calendar date at a wall-clock time. */
export type DatedTimer = { state: string; event: string; on: IsoDate; time: "07:00" | "00:00"; payload: Record<string, unknown> };

/** Tells the unit's officials (reminder) or its leaders (late) that a report is due or overdue. */
export type DueDateNotice = { kind: "reminder" | "escalation"; state: string; role: string | null; due: IsoDate };

const dateOf = (value: unknown): IsoDate | null => (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null);

/**
 * Reminders before a dossier's `dueDate` and the late mark after it, for a workflow whose
 * `config.remindDaysBefore` lists days: entering a state that handles `REMIND` plans one reminder per
 * listed day still to come (07:00 that morning); one handling `MARK_LATE` plans it for the first instant
 * after the due date (unless already late). Leaving the state cancels them like any state timer.
 */
export function dueDateTimers(wf: CompiledWorkflow, step: Step, at: string): DatedTimer[] {
  const due = dueDateOf(wf, step);
  if (!due) return [];
  const today = toVietnamDate(at);
  const offsets = new Set(remindDays(wf)!);
  const timers: DatedTimer[] = [];
  for (const state of step.entered) {
    const on = wf.states.get(state)?.node.on ?? {};
    if (on[REMIND]) {
      for (const days of offsets) {
        const date = addCalendarDays(due, -days);
        if (date >= today) timers.push({ state, event: REMIND, on: date, time: "07:00", payload: { after: null, due, daysBefore: days } });
      }
    }
    if (on[MARK_LATE] && step.snapshot.context.data.$late !== true) {
      timers.push({ state, event: MARK_LATE, on: addCalendarDays(due, 1), time: "00:00", payload: { after: null, due } });
    }
  }
  return timers;
}

/** The notice of an accepted `REMIND` or `MARK_LATE`, with the state whose task it is about; else null. */
export function dueDateNotice(wf: CompiledWorkflow, step: Step, eventType: string): DueDateNotice | null {
  if (eventType !== REMIND && eventType !== MARK_LATE) return null;
  const due = dueDateOf(wf, step);
  if (!due) return null;
  // The state that handled the event: where the report's task sits.
  const state = step.from.find((s) => wf.states.get(s)?.node.on?.[eventType]) ?? step.from[0] ?? "";
  const role = wf.states.get(state)?.node.assignee?.role ?? null;
  return { kind: eventType === REMIND ? "reminder" : "escalation", state, role, due };
}

/**
 * The due date of the task of a state entered by the step, when the state is reminded of the dossier's
 * `dueDate` (a unit's report): the inbox shows the task due, and overdue after it. Null otherwise.
 */
export function reportTaskDue(wf: CompiledWorkflow, step: Step, state: string): IsoDate | null {
  return wf.states.get(state)?.node.on?.[REMIND] ? dueDateOf(wf, step) : null;
}

function remindDays(wf: CompiledWorkflow): number[] | null {
  const days = wf.definition.config?.remindDaysBefore;
  return Array.isArray(days) ? days.filter((d): d is number => Number.isInteger(d) && d >= 0) : null;
}

function dueDateOf(wf: CompiledWorkflow, step: Step): IsoDate | null {
  return remindDays(wf) ? dateOf(step.snapshot.context.data.dueDate) : null;
}
