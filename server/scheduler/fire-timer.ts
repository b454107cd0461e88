import { eq } from "drizzle-orm";
import { addCalendarDays, addWorkingDays, toVietnamDate } from "../../workflows/calendar";
import type { Tx } from "../db/client";
import { dossierClocks, instances } from "../db/schema";
import type { Services } from "../services";
import { clockRules } from "../../workflows/clock-rules";
import { writeOutbox } from "../services/outbox";
import { clockStatus, type TimerRow } from "../services/timers";
import { MORNING, vietnamInstant } from "../services/vietnam-time";

/** What became of a claimed timer. */
export type FireOutcome = "fired" | "rescheduled" | "cancelled";

/**
 * Carries out one claimed timer inside the claiming transaction. An event timer sends its event as the
 * system actor (its history entry has no actor id); a reminder or escalation re-reads its clock first —
 * the due date may have moved since it was planned — and writes an outbox row for the notifications.
 * Refusals (the dossier moved on) are thrown for the caller to cancel the timer.
 */
export async function fireTimer(tx: Tx, services: Services, timer: TimerRow, now: Date): Promise<FireOutcome> {
  const { timers } = services;
  if (timer.kind === "event") {
    // Marked first: the step's own hook cancels the timers of the state it leaves, this one included.
    await timers.markFired(tx, timer.id, now);
    await services.dossiers.send(null, timer.instanceId, { type: timer.eventType!, data: { timer: { id: timer.id, after: (timer.payload as { after: unknown }).after } } }, { tx });
    return "fired";
  }
  const { clockId, offset } = timer.payload as { clockId: string; offset?: number };
  const [clock] = await tx.select().from(dossierClocks).where(eq(dossierClocks.id, clockId));
  if (!clock || clock.state !== "running") {
    await timers.cancel(tx, timer.id, now, "clock no longer running");
    return "cancelled";
  }
  const cal = await services.calendar.current(tx);
  const status = clockStatus(cal, clock, now);
  const today = toVietnamDate(now);
  if (status.due === null) {
    await timers.cancel(tx, timer.id, now, "no due date");
    return "cancelled";
  }
  const planned = timer.kind === "reminder" ? addWorkingDays(cal, status.due, -(offset ?? 0)) : addCalendarDays(status.due, 1);
  if (planned > today) {
    await timers.reschedule(tx, timer.id, vietnamInstant(planned, MORNING), { ...(timer.payload as object), due: status.due });
    return "rescheduled";
  }
  if (timer.kind === "reminder" && status.overdue) {
    await timers.cancel(tx, timer.id, now, "already overdue");
    return "cancelled";
  }
  const [dossier] = await tx.select().from(instances).where(eq(instances.id, timer.instanceId));
  const workflow = await services.registry.get(dossier!.workflowKey, dossier!.workflowVersion, tx);
  // The state the clock is counting in now (a review or decision state): its assignee is reminded.
  const runIn = clockRules(workflow).find((r) => r.key === clock.clockKey)?.runIn ?? [];
  const state = dossier!.state.find((s) => runIn.includes(s)) ?? clock.clockKey;
  const role = workflow.states.get(state)?.node.assignee?.role ?? null;
  await writeOutbox(
    tx,
    timer.instanceId,
    { kind: timer.kind, payload: { code: dossier!.code, title: dossier!.title, clockKey: clock.clockKey, state, role, due: status.due, daysLeft: status.daysLeft ?? 0 } },
    now,
  );
  await timers.markFired(tx, timer.id, now);
  return "fired";
}
