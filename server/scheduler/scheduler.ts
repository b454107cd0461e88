import { EngineError } from "../../workflows";
import { DomainError } from "../errors";
import type { Services } from "../services";
import { fireTimer } from "./fire-timer";

export type TimerBatch = { claimed: number; fired: string[]; rescheduled: number; cancelled: number; failed: number };
export type TickResult = TimerBatch & { dispatched: number; webhooksTried: number };

/** Most batches one tick works through, so a flood of due rows cannot starve shutdown. */
const MAX_BATCHES_PER_TICK = 200;

/** A tick that has committed nothing for this long is stuck (a lock wait, a hung connection). */
const DEFAULT_STALL_AFTER_MS = 60_000;

export type SchedulerState = "running" | "stalled" | "stopped";

/**
 * Fires due timers and dispatches the outbox. Each batch is ONE transaction: claim due timers with
 * `FOR UPDATE SKIP LOCKED`, carry out each (in a savepoint, so one failure does not undo the others),
 * mark it fired, commit. Any number of schedulers (in `npm start` and in `npm run worker` processes)
 * may run against one database: a timer is fired by exactly one of them, and a crash before commit
 * leaves it due for the next.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = true;
  /** `performance.now()` of the running tick's last sign of life (its start, or a batch done); null between ticks. */
  private tickProgressAt: number | null = null;

  constructor(
    private readonly services: Services,
    private readonly options: { batchSize?: number; stallAfterMs?: number } = {},
  ) {}

  /** One batch of due timers in one transaction. */
  async runTimers(limit = this.options.batchSize ?? 50): Promise<TimerBatch> {
    const { database, timers, clock } = this.services;
    const now = clock.now();
    return database.db.transaction(async (tx) => {
      const due = await timers.claimDue(tx, now, limit);
      // The same lock order in every scheduler (dossier id), so two batches touching two dossiers cannot deadlock.
      due.sort((a, b) => a.instanceId.localeCompare(b.instanceId) || a.fireAt.getTime() - b.fireAt.getTime());
      const batch: TimerBatch = { claimed: due.length, fired: [], rescheduled: 0, cancelled: 0, failed: 0 };
      for (const timer of due) {
        try {
          const outcome = await tx.transaction((sp) => fireTimer(sp, this.services, timer, now));
          if (outcome === "fired") batch.fired.push(timer.id);
          else if (outcome === "rescheduled") batch.rescheduled++;
          else batch.cancelled++;
        } catch (error) {
          if (error instanceof EngineError || error instanceof DomainError) {
            // The dossier moved on (or closed) before the timer fired: the event no longer applies.
            await timers.cancel(tx, timer.id, now, `${error.code}: ${error.message}`);
            batch.cancelled++;
          } else {
            await timers.retryLater(tx, timer, now, error instanceof Error ? error.message : String(error));
            batch.failed++;
          }
        }
      }
      return batch;
    });
  }

  /** Everything due now: timer batches until a short one, the outbox until it is empty, then due webhook deliveries. */
  async runDue(): Promise<TickResult> {
    const limit = this.options.batchSize ?? 50;
    const total: TickResult = { claimed: 0, fired: [], rescheduled: 0, cancelled: 0, failed: 0, dispatched: 0, webhooksTried: 0 };
    for (let i = 0; i < MAX_BATCHES_PER_TICK; i++) {
      const batch = await this.runTimers(limit);
      total.claimed += batch.claimed;
      total.fired.push(...batch.fired);
      total.rescheduled += batch.rescheduled;
      total.cancelled += batch.cancelled;
      total.failed += batch.failed;
      this.progressed();
      if (batch.claimed < limit) break;
    }
    for (let i = 0; i < MAX_BATCHES_PER_TICK; i++) {
      const n = await this.services.notifications.dispatch(limit);
      total.dispatched += n;
      this.progressed();
      if (n < limit) break;
    }
    for (let i = 0; i < MAX_BATCHES_PER_TICK; i++) {
      const n = await this.services.webhooks.deliver();
      total.webhooksTried += n;
      this.progressed();
      if (n === 0) break;
    }
    return total;
  }

  /**
   * One tick of the running scheduler: first the dossiers the system owes on its clock's date (every
   * fund's yearly duties, started once per year), then `runDue`. Tests call either on their own clock.
   */
  async runTick(): Promise<TickResult & { dutiesStarted: number }> {
    const dutiesStarted = await this.services.fundDuties.ensure(this.services.clock.now());
    return { ...(await this.runDue()), dutiesStarted };
  }

  /** Runs `runTick` every `intervalMs` (never two at once in this process) until `stop`. */
  start(intervalMs: number, onError: (error: unknown) => void = (e) => console.error("scheduler:", e)): void {
    if (!this.stopped) return;
    this.stopped = false;
    const loop = () => {
      if (this.stopped) return;
      this.tickProgressAt = performance.now();
      this.running = this.runTick()
        .catch(onError)
        .finally(() => {
          this.running = null;
          this.tickProgressAt = null;
          if (!this.stopped) this.timer = setTimeout(loop, intervalMs);
        });
    };
    loop();
  }

  private progressed(): void {
    if (this.tickProgressAt !== null) this.tickProgressAt = performance.now();
  }

  /**
   * For readiness: "stopped" outside `start`…`stop`; "stalled" while a tick has finished no batch for
   * `stallAfterMs` (timers would silently stop firing: deadlines, reminders, report marks); else "running".
   * A tick that fails (the database is down) ends and the next one starts, so an outage is not a stall.
   */
  state(): SchedulerState {
    if (this.stopped) return "stopped";
    const stallAfter = this.options.stallAfterMs ?? DEFAULT_STALL_AFTER_MS;
    if (this.tickProgressAt !== null && performance.now() - this.tickProgressAt > stallAfter) return "stalled";
    return "running";
  }

  /** Stops the loop and waits for a tick in progress to finish (its transaction commits or rolls back). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}
