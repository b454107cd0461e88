import { and, asc, eq, inArray, isNotNull, isNull, lte, ne } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { addCalendarDays, addWorkingDays, computeDeadline, toVietnamDate, type Calendar } from "../../workflows/calendar";
import type { Tx } from "../db/client";
import { timers, type dossierClocks } from "../db/schema";
import type { CalendarService } from "./calendar";
import type { ApplierOf } from "./step-pipeline";
import { expiryInstant, MORNING, vietnamInstant } from "./vietnam-time";

export type TimerRow = typeof timers.$inferSelect;
export type ClockRow = typeof dossierClocks.$inferSelect;
type ClockRuleJson = { workingDays?: number; calendarDays?: number; pauseIn?: string[] };

/** How long a timer whose effect failed (a database error, not a refusal) waits before the next try. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60 * 60_000, 60_000 * 2 ** Math.max(0, attempts - 1));
}

/** Where a clock stands now; `now` is clamped so a clock never sees itself start in the future. */
export function clockStatus(cal: Calendar, clock: ClockRow, now: Date) {
  const pauses = (clock.pauses as { from: string; to: string | null }[]) ?? [];
  const latest = Math.max(clock.startedAt.getTime(), ...pauses.flatMap((p) => [Date.parse(p.from), p.to ? Date.parse(p.to) : 0]));
  const rule = clock.rule as ClockRuleJson;
  return computeDeadline(
    cal,
    { rule: { workingDays: rule.workingDays, calendarDays: rule.calendarDays }, startedAt: clock.startedAt, pauses },
    Math.max(now.getTime(), latest),
  );
}

/**
 * Durable timers (design §5): delayed events of the definition (`timers` of a state), and the reminders
 * and escalation of each running legal clock. Rows are written in the step's transaction; the scheduler
 * claims due rows with `FOR UPDATE SKIP LOCKED`.
 */
export class TimerService {
  constructor(
    private readonly calendars: CalendarService,
    /** Working days before the due date on which reminders go out, e.g. [3, 1]. */
    readonly reminderOffsets: readonly number[],
  ) {}

  /** Leaving a state cancels its pending event timers (the `cancelTimers` effect). */
  readonly cancelTimers: ApplierOf<"cancelTimers"> = async ({ states }, { instance, at, write }) => {
    write((q) =>
      q
        .update(timers)
        .set({ cancelledAt: at })
        .where(and(eq(timers.instanceId, instance.id), eq(timers.kind, "event"), inArray(timers.stateName, states), isNull(timers.firedAt), isNull(timers.cancelledAt))),
    );
  };

  /** Entering a state with `timers` creates them, due after their working or calendar days. */
  readonly planTimers: ApplierOf<"planTimers"> = async ({ timers: wanted }, { instance, at, read, write }) => {
    // The calendar is not written by the step: read it without sending the queued writes first.
    const cal = await this.calendars.current(read());
    // Timers `at` a date in the data are planned as dated timers (`planDatedTimers`), not here.
    const rows = wanted.flatMap(({ state, timer }) =>
      timer.after
        ? [
            {
              id: randomUUID(),
              instanceId: instance.id,
              kind: "event" as const,
              eventType: timer.event,
              stateName: state,
              fireAt: expiryInstant(cal, timer.after, at),
              payload: { after: timer.after, source: timer.source ?? null },
              createdAt: at,
            },
          ]
        : [],
    );
    if (rows.length) write((q) => q.insert(timers).values(rows));
  };

  /** Timers on a calendar date (a report's reminders and late mark), at that date's Vietnamese wall-clock time. */
  readonly planDatedTimers: ApplierOf<"planDatedTimers"> = async ({ timers: wanted }, { instance, at, write }) => {
    write((q) =>
      q.insert(timers).values(
        wanted.map((t) => ({
          id: randomUUID(),
          instanceId: instance.id,
          kind: "event" as const,
          eventType: t.event,
          stateName: t.state,
          fireAt: vietnamInstant(t.on, t.time),
          payload: t.payload,
          createdAt: at,
        })),
      ),
    );
  };

  /**
   * Re-plans a clock's reminders and escalation after it started, paused, resumed or stopped: pending
   * ones are cancelled, and a running clock gets one reminder per offset (dates still to come) and an
   * escalation on the morning after the due date. What already went out for this clock is not repeated.
   */
  async planClock(tx: Tx, clock: ClockRow, cal: Calendar, at: Date): Promise<void> {
    const mine = and(eq(timers.instanceId, clock.instanceId), eq(timers.stateName, clock.clockKey), ne(timers.kind, "event"));
    await tx
      .update(timers)
      .set({ cancelledAt: at })
      .where(and(mine, isNull(timers.firedAt), isNull(timers.cancelledAt)));
    if (clock.state !== "running") return;
    const status = clockStatus(cal, clock, at);
    if (status.due === null) return;
    const sent = await tx
      .select({ kind: timers.kind, payload: timers.payload })
      .from(timers)
      .where(and(mine, isNotNull(timers.firedAt)));
    const already = (kind: string, offset: number | null) =>
      sent.some((s) => {
        const p = s.payload as { clockId?: string; offset?: number; due?: string };
        return s.kind === kind && p.clockId === clock.id && (offset === null || (p.offset === offset && p.due === status.due));
      });
    const today = toVietnamDate(at);
    const rows: (typeof timers.$inferInsert)[] = [];
    for (const offset of this.reminderOffsets) {
      const date = addWorkingDays(cal, status.due, -offset);
      if (date < today || already("reminder", offset)) continue;
      rows.push(this.clockTimer(clock, "reminder", vietnamInstant(date, MORNING), { offset, due: status.due }, at));
    }
    if (!already("escalation", null)) {
      rows.push(this.clockTimer(clock, "escalation", vietnamInstant(addCalendarDays(status.due, 1), MORNING), { due: status.due }, at));
    }
    if (rows.length) await tx.insert(timers).values(rows);
  }

  private clockTimer(clock: ClockRow, kind: "reminder" | "escalation", fireAt: Date, extra: Record<string, unknown>, at: Date) {
    return {
      id: randomUUID(),
      instanceId: clock.instanceId,
      kind,
      eventType: null,
      stateName: clock.clockKey,
      fireAt,
      payload: { clockId: clock.id, ...extra },
      createdAt: at,
    };
  }

  /**
   * Claims up to `limit` due timers for the caller's transaction: rows another scheduler holds are
   * skipped, not waited for, so N schedulers share the work and none fires a timer twice.
   */
  async claimDue(tx: Tx, now: Date, limit: number): Promise<TimerRow[]> {
    return tx
      .select()
      .from(timers)
      .where(and(lte(timers.fireAt, now), isNull(timers.firedAt), isNull(timers.cancelledAt)))
      .orderBy(asc(timers.fireAt))
      .limit(limit)
      .for("update", { skipLocked: true });
  }

  async markFired(tx: Tx, id: string, at: Date): Promise<void> {
    await tx.update(timers).set({ firedAt: at }).where(eq(timers.id, id));
  }

  async cancel(tx: Tx, id: string, at: Date, reason: string): Promise<void> {
    await tx.update(timers).set({ cancelledAt: at, lastError: reason }).where(eq(timers.id, id));
  }

  async reschedule(tx: Tx, id: string, fireAt: Date, payload?: unknown): Promise<void> {
    await tx
      .update(timers)
      .set(payload === undefined ? { fireAt } : { fireAt, payload })
      .where(eq(timers.id, id));
  }

  async retryLater(tx: Tx, timer: TimerRow, at: Date, error: string): Promise<void> {
    const attempts = timer.attempts + 1;
    await tx
      .update(timers)
      .set({ attempts, lastError: error.slice(0, 1000), fireAt: new Date(at.getTime() + retryDelayMs(attempts)) })
      .where(eq(timers.id, timer.id));
  }
}
