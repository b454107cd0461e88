import { fork } from "node:child_process";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DossierSnapshot } from "../../workflows";
import { ManualClock } from "../../server/clock";
import { openDatabase, type Database } from "../../server/db/client";
import { instanceEvents, instances, timers, users } from "../../server/db/schema";
import { Scheduler } from "../../server/scheduler/scheduler";
import { createServices, type Services } from "../../server/services";
import { MemoryMailer } from "../../server/services/mailer";
import { databaseKinds, freshDatabase } from "../support/databases";

const NOW = "2026-06-02T08:00:00+07:00";
const WORKER = fileURLToPath(new URL("../../server/worker.ts", import.meta.url));

/** `n` founding dossiers past their congress period (`congressPeriodEnded`), each with its EXPIRE timer already due. */
async function seedDueTimers(services: Services, n: number): Promise<void> {
  const workflow = await services.registry.latest("association-founding", services.database.db);
  const at = new Date("2026-03-02T10:00:00+07:00");
  const snapshot: DossierSnapshot = { value: "congressPeriodEnded", context: { data: {} }, status: "active" };
  const starterId = randomUUID();
  await services.database.db.insert(users).values({ id: starterId, username: `founder-${starterId.slice(0, 8)}`, displayName: "Người sáng lập", passwordHash: "-", createdAt: at });
  for (let offset = 0; offset < n; offset += 250) {
    const ids = Array.from({ length: Math.min(250, n - offset) }, () => randomUUID());
    await services.database.db.insert(instances).values(
      ids.map((id, i) => ({
        id,
        code: `KT-2026-T${String(offset + i).padStart(5, "0")}`,
        workflowKey: workflow.definition.key,
        workflowVersion: workflow.version,
        state: ["congressPeriodEnded"],
        status: "active" as const,
        snapshot,
        version: 1,
        title: `Hội thử ${offset + i}`,
        starterId,
        unitId: null,
        createdAt: at,
        updatedAt: at,
      })),
    );
    await services.database.db.insert(timers).values(
      ids.map((id) => ({
        id: randomUUID(),
        instanceId: id,
        kind: "event" as const,
        eventType: "EXPIRE",
        stateName: "congressPeriodEnded",
        fireAt: new Date("2026-06-02T00:00:00+07:00"),
        payload: { after: null },
        createdAt: at,
      })),
    );
  }
}

/** Every timer fired exactly once: one EXPIRE per dossier, every timer marked fired, none cancelled. */
async function expectEachFiredOnce(services: Services, n: number, reported: string[][]) {
  const all = reported.flat();
  expect(all).toHaveLength(n); // no timer reported twice across schedulers…
  expect(new Set(all).size).toBe(n); // …and none missed
  const { db } = services.database;
  const [expires] = await db
    .select({ rows: sql<number>`count(*)::int`, dossiers: sql<number>`count(distinct ${instanceEvents.instanceId})::int` })
    .from(instanceEvents)
    .where(eq(instanceEvents.type, "EXPIRE"));
  expect(expires).toEqual({ rows: n, dossiers: n });
  const [fired] = await db.select({ n: sql<number>`count(*)::int` }).from(timers).where(and(eq(timers.kind, "event"), isNotNull(timers.firedAt)));
  expect(fired!.n).toBe(n);
  const [stillActive] = await db.select({ n: sql<number>`count(*)::int` }).from(instances).where(sql`not ('expired' = any(${instances.state}))`);
  expect(stillActive!.n).toBe(0);
}

type Report = { ready?: true; done?: true; fired?: string[] };

/** Forks `npm run worker -- --drain` with a frozen clock; resolves with the child once it is ready. */
function startWorker(url: string) {
  const child = fork(WORKER, ["--drain"], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, DATABASE_URL: url, HOSO_FAKE_NOW: NOW, NODE_ENV: "test", HOSO_SCHEDULER_INTERVAL_MS: "0" },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.on("message", (m: Report) => m.ready && resolve());
    child.once("exit", (code) => reject(new Error(`worker exited early with ${code}`)));
  });
  const done = new Promise<string[]>((resolve, reject) => {
    child.on("message", (m: Report) => m.done && resolve(m.fired!));
    child.once("exit", (code) => code !== 0 && reject(new Error(`worker exited with ${code}`)));
  });
  return { child, ready, done };
}

describe.runIf(databaseKinds.includes("postgres"))("two worker processes on one PostgreSQL", () => {
  const N = 1000;
  let database: Database & { dispose(): Promise<void>; url?: string };
  let services: Services;
  beforeAll(async () => {
    database = await freshDatabase("postgres");
    services = await createServices({ database, clock: new ManualClock(NOW), mailer: new MemoryMailer() });
    await seedDueTimers(services, N);
  });
  afterAll(async () => database.dispose());

  it("fire 1,000 due timers with no duplicate and none missed", async () => {
    const workers = [startWorker(database.url!), startWorker(database.url!)];
    await Promise.all(workers.map((w) => w.ready));
    // Both are connected and idle: start them at the same moment.
    for (const w of workers) w.child.send({ go: true });
    const reported = await Promise.all(workers.map((w) => w.done));
    console.info(`two workers fired ${reported.map((r) => r.length).join(" + ")} timers`);
    expect(reported.every((r) => r.length > 0), `split ${reported.map((r) => r.length).join("/")}`).toBe(true);
    await expectEachFiredOnce(services, N, reported);
  }, 180_000);
});

describe.each(databaseKinds)("two schedulers with separate connections on %s", (kind) => {
  it("share due timers: each fired exactly once", async () => {
    // PGlite is one process's embedded database: two schedulers over two Services in this process.
    // PostgreSQL: two connection pools, as two server processes would have.
    const n = kind === "pglite" ? 100 : 500;
    const first = await freshDatabase(kind);
    const second = kind === "postgres" ? openDatabase({ url: first.url!, dataDir: "unused", poolSize: 5 }) : first;
    try {
      const services1 = await createServices({ database: first, clock: new ManualClock(NOW), mailer: new MemoryMailer() });
      const services2 = kind === "postgres" ? await createServices({ database: second, clock: new ManualClock(NOW), mailer: new MemoryMailer() }) : services1;
      await seedDueTimers(services1, n);
      const drain = async (s: Scheduler) => {
        const fired: string[] = [];
        for (let r = await s.runDue(); r.claimed > 0; r = await s.runDue()) fired.push(...r.fired);
        return fired;
      };
      const reported = await Promise.all([drain(new Scheduler(services1, { batchSize: 10 })), drain(new Scheduler(services2, { batchSize: 10 }))]);
      await expectEachFiredOnce(services1, n, reported);
    } finally {
      if (second !== first) await second.close();
      await first.dispose();
    }
  }, 180_000);
});
