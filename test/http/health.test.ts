import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Scheduler } from "../../server/scheduler/scheduler";
import { databaseKinds, freshDatabase } from "../support/databases";
import { createTestApp, type TestApp, type TestUser } from "../support/harness";

describe.each(databaseKinds)("liveness and readiness on %s", (kind) => {
  let t: TestApp;
  let scheduler: "running" | "stalled" | "stopped" | "off" = "running";
  let draining = false;
  beforeAll(async () => {
    t = await createTestApp(kind, { health: { scheduler: () => scheduler, draining: () => draining } });
  });
  afterAll(async () => t.close());

  it("is live and ready while the database answers and the scheduler runs; /health is readiness", async () => {
    const live = await t.request(null, "GET", "/health/live");
    expect([live.status, await live.json()]).toEqual([200, { ok: true }]);
    for (const path of ["/health/ready", "/health"]) {
      const ready = await t.request(null, "GET", path);
      expect([ready.status, await ready.json()]).toEqual([200, { ok: true, database: "ok", scheduler: "running", draining: false }]);
    }
  });

  it("is not ready when the scheduler has stopped, or while shutting down (answers then close their connection)", async () => {
    scheduler = "stopped";
    const stopped = await t.request(null, "GET", "/health/ready");
    expect([stopped.status, stopped.headers.get("retry-after"), ((await stopped.json()) as { scheduler: string }).scheduler]).toEqual([503, "5", "stopped"]);
    scheduler = "running";
    draining = true;
    const leaving = await t.request(null, "GET", "/health/ready");
    expect([leaving.status, ((await leaving.json()) as { draining: boolean }).draining, leaving.headers.get("connection")]).toEqual([503, true, "close"]);
    expect((await t.request(null, "GET", "/health/live")).status).toBe(200);
    draining = false;
    expect((await t.request(null, "GET", "/health/ready")).status).toBe(200);
  });
});

// The driver's own error once its pool is closed (CONNECTION_ENDED); restarts and stops of a real server are in test/reliability/database-outage.test.ts.
describe.skipIf(!process.env.TEST_DATABASE_URL)("requests while PostgreSQL cannot be reached", () => {
  let t: TestApp;
  let user: TestUser;
  beforeAll(async () => {
    t = await createTestApp("postgres");
    const unit = await t.unit();
    user = await t.user({ grants: [{ role: "specialist", unitId: unit.id }] });
    await t.services.database.close();
  });
  afterAll(async () => t.close());

  it("answer 503 DATABASE_UNAVAILABLE with Retry-After and a Vietnamese message, never a 500; readiness says so, liveness does not", async () => {
    for (const [method, path] of [["GET", "/api/me"], ["GET", "/api/tasks"], ["POST", "/api/instances"]] as const) {
      const res = await t.request(user, method, path, method === "POST" ? { workflow: "x", data: {} } : undefined, { "idempotency-key": "k-outage-1" });
      expect(res.status, path).toBe(503);
      expect(res.headers.get("retry-after")).toBe("5");
      const body = (await res.json()) as { error: { code: string; message: string; messageEn: string } };
      expect(body.error).toMatchObject({ code: "DATABASE_UNAVAILABLE", messageEn: "the database is unavailable; retry later" });
      expect(body.error.message).toMatch(/^Cơ sở dữ liệu tạm thời không truy cập được/);
    }
    const ready = await t.request(null, "GET", "/health/ready");
    expect([ready.status, ((await ready.json()) as { database: string }).database]).toEqual([503, "unavailable"]);
    expect((await t.request(null, "GET", "/health/live")).status).toBe(200);
  });
});

// A real scheduler held inside a tick: on PostgreSQL by a lock on the timers table, on PGlite by a
// transaction that keeps its only connection busy. Readiness must say "stalled", then recover by itself.
describe.each(databaseKinds)("a scheduler stuck in a tick on %s", (kind) => {
  let t: TestApp;
  let url: string | undefined;
  let scheduler: Scheduler;
  beforeAll(async () => {
    const database = await freshDatabase(kind);
    url = database.url;
    t = await createTestApp(kind, { database, health: { scheduler: () => scheduler.state(), draining: () => false } });
    scheduler = new Scheduler(t.services, { stallAfterMs: 300 });
  });
  afterAll(async () => {
    await scheduler.stop();
    await t.close();
  });

  it("reports stalled while no batch finishes for longer than the limit, and running again once it does", async () => {
    scheduler.start(20);
    await vi.waitFor(() => expect(scheduler.state()).toBe("running"));
    const release = await holdTimers(t, url);
    await vi.waitFor(() => expect(scheduler.state()).toBe("stalled"), { timeout: 5000, interval: 50 });
    if (kind === "postgres") {
      // PGlite's one connection is busy too, so only PostgreSQL can still answer the readiness request.
      const ready = await t.request(null, "GET", "/health/ready");
      expect([ready.status, ((await ready.json()) as { scheduler: string }).scheduler]).toEqual([503, "stalled"]);
    }
    await release();
    await vi.waitFor(() => expect(scheduler.state()).toBe("running"), { timeout: 5000, interval: 50 });
    expect((await t.request(null, "GET", "/health/ready")).status).toBe(200);
    await scheduler.stop();
    expect(scheduler.state()).toBe("stopped");
  });
});

/** Blocks the scheduler's next claim of due timers until the returned function is called. */
async function holdTimers(t: TestApp, url: string | undefined): Promise<() => Promise<void>> {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  if (url) {
    const client = postgres(url, { max: 1, onnotice: () => {} });
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holding = client.begin(async (sql) => {
      await sql`lock table timers in access exclusive mode`;
      locked();
      await gate;
    });
    await isLocked;
    return async () => {
      open();
      await holding;
      await client.end();
    };
  }
  let entered!: () => void;
  const isEntered = new Promise<void>((resolve) => (entered = resolve));
  const holding = t.services.database.db.transaction(async () => {
    entered();
    await gate;
  });
  await isEntered;
  return async () => {
    open();
    await holding;
  };
}
