import { sql } from "drizzle-orm";
import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { OUTAGE_RETRY_AFTER_SECONDS } from "../errors";
import type { SchedulerState } from "../scheduler/scheduler";
import type { Services } from "../services";

/** What readiness asks the process about besides the database: its scheduler, and whether it is shutting down. */
export type HealthProbe = {
  /** "off" when this process runs no scheduler (tests, `HOSO_SCHEDULER_INTERVAL_MS=0` with a worker). */
  scheduler(): SchedulerState | "off";
  draining(): boolean;
};

export const noProbe: HealthProbe = { scheduler: () => "off", draining: () => false };

/** A readiness check answers within this, whatever the database does. */
const DATABASE_CHECK_MS = 2000;

async function databaseAnswers(services: Services): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), DATABASE_CHECK_MS);
    timer.unref();
  });
  try {
    const check = services.database.db.execute(sql`select 1`).then(
      () => true,
      () => false,
    );
    return await Promise.race([check, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `GET /health/live`: the process is up and serving (a supervisor restarts it when this fails).
 * `GET /health/ready` (and `/health`, as before): the database answers within 2 s, the scheduler runs
 * and is not stuck in a tick (when this process has one) and the process is not shutting down — a load balancer sends traffic only
 * while this is 200. Public, and they say nothing but these states.
 */
export function healthRoutes(probe: HealthProbe) {
  const ready = async (c: import("hono").Context<AppEnv>) => {
    const database = (await databaseAnswers(c.var.services)) ? "ok" : "unavailable";
    const scheduler = probe.scheduler();
    const draining = probe.draining();
    const ok = database === "ok" && (scheduler === "running" || scheduler === "off") && !draining;
    if (!ok) c.header("retry-after", String(OUTAGE_RETRY_AFTER_SECONDS));
    return c.json({ ok, database, scheduler, draining }, ok ? 200 : 503);
  };
  return new Hono<AppEnv>()
    .get("/health/live", (c) => c.json({ ok: true }))
    .get("/health/ready", ready)
    .get("/health", ready);
}
