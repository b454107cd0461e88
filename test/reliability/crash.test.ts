import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type ServerProcess } from "../../bench/server-process";
import { HttpClient, type Session } from "../../bench/http-client";
import { openDatabase, type Database } from "../../server/db/client";
import { ManualClock } from "../../server/clock";
import { createServices, type Services } from "../../server/services";
import { databaseKinds, freshDatabase, type DatabaseKind } from "../support/databases";
import { createTestApp, type TestApp } from "../support/harness";
import { expectInvariants } from "../support/invariants";
import { crashDefinition } from "./crash-workflow";

/** How many kill-and-restart cycles; `npm run soak` runs more. */
const CYCLES = Number(process.env.CRASH_CYCLES ?? 1);
const CLIENTS = 12;
const DOSSIERS = 24;
/** Answers to collect before the kill, so that the kill lands in the middle of steady load. */
const ACKS_BEFORE_KILL = 150;
const T0 = "2026-11-23T02:00:00Z";
const PASSWORD = "mat-khau-thu-su-co";

type Ack = { dossierId: string; version: number; type: string };

/** A database the server process and the test can both open in turn: PostgreSQL, or PGlite in a folder. */
async function durableDatabase(kind: DatabaseKind): Promise<{ env: Record<string, string>; open(): Database; dispose(): Promise<void> }> {
  // The data folder holds PGlite's files, and the attachments with either kind.
  const dir = mkdtempSync(join(tmpdir(), "hoso-crash-"));
  const removeDir = async () => rmSync(dir, { recursive: true, force: true });
  if (kind === "postgres") {
    const database = await freshDatabase("postgres");
    const url = database.url!;
    return {
      env: { DATABASE_URL: url, HOSO_DATA_DIR: dir },
      open: () => openDatabase({ url, dataDir: "unused" }),
      dispose: async () => {
        await database.dispose();
        await removeDir();
      },
    };
  }
  return { env: { HOSO_DATA_DIR: dir }, open: () => openDatabase({ dataDir: dir }), dispose: removeDir };
}

/**
 * PostgreSQL when TEST_DATABASE_URL is set (CI), else PGlite in a folder; both under `npm run soak`.
 * (Two real server processes per run make this the slowest reliability test: one database kind is enough per suite run.)
 */
const kinds: DatabaseKind[] = process.env.SOAK ? databaseKinds : process.env.TEST_DATABASE_URL ? ["postgres"] : ["pglite"];

describe.each(kinds)("the server SIGKILLed under load and restarted on the same %s database", (kind) => {
  let db: Awaited<ReturnType<typeof durableDatabase>>;
  let ids: string[] = [];
  const acks: Ack[] = [];
  let reviewAtKill: string[] = [];
  let after: TestApp;
  let inFlightAtKill = 0;

  /** Opens the database in this process (the server is stopped), runs `work`, closes it. */
  async function offline<T>(work: (services: Services, database: Database) => Promise<T>, now = T0): Promise<T> {
    const database = db.open();
    try {
      return await work(await createServices({ database, clock: new ManualClock(now) }), database);
    } finally {
      await database.close();
    }
  }

  beforeAll(async () => {
    db = await durableDatabase(kind);
    const people = await offline(async (services) => {
      await services.registry.publish(crashDefinition, null);
      const unit = await services.units.create({ kind: "office", name: "Phòng thử sự cố", parentId: null, code: null });
      const starter = await services.people.create({ username: "nguoinop-su-co", displayName: "Người nộp", password: PASSWORD, grants: [{ role: "applicant", unitId: unit.id }] });
      await services.people.create({ username: "canbo-su-co", displayName: "Cán bộ", password: PASSWORD, grants: [{ role: "specialist", unitId: unit.id }, { role: "leader", unitId: unit.id }] });
      const user = { id: starter.id, username: starter.username, displayName: starter.displayName, grants: [{ role: "applicant" as const, unitId: unit.id, unitName: unit.name }], below: {} };
      for (let i = 0; i < DOSSIERS; i++) ids.push((await services.dossiers.start(user, crashDefinition.key, { name: `Hồ sơ ${i}` })).id);
      return null;
    });
    void people;

    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const server = await startServer(0, { ...db.env, HOSO_DEMO: "0", HOSO_FAKE_NOW: T0, HOSO_SCHEDULER_INTERVAL_MS: "0" });
      const http = new HttpClient(server.url, CLIENTS);
      const official = await http.login("canbo-su-co", PASSWORD);
      let killed = false;
      const acked = acks.length;
      const killing = new Promise<void>((resolve) => {
        const check = setInterval(() => {
          if (acks.length - acked >= ACKS_BEFORE_KILL) {
            clearInterval(check);
            killed = true;
            resolve();
          }
        }, 5);
      });
      let inFlight = 0;
      const clients = Array.from({ length: CLIENTS }, async (_, c) => {
        for (let round = 0; !killed; round++) {
          const id = ids[(c * 2 + round) % DOSSIERS]!;
          const seen = await http.call("GET", `/api/instances/${id}`, official).catch(() => null);
          if (!seen || seen.status !== 200 || killed) return;
          const type = seen.body.state === "review" ? "PROPOSE" : "RETURN";
          inFlight++;
          const res = await http.call("POST", `/api/instances/${id}/events`, official, { type, expectedVersion: seen.body.version }).catch(() => null);
          inFlight--;
          if (!res) return; // the connection died with the server: this event's outcome is unknown, and may be either
          if (res.status === 200) acks.push({ dossierId: id, version: res.body.version, type });
          else expect(res.status, JSON.stringify(res.body)).toBe(409);
        }
      });
      await killing;
      inFlightAtKill += inFlight;
      await server.kill();
      await Promise.all(clients);
      http.close();
    }

    // Restart on the same database three days later, with the scheduler running: the timers must fire.
    reviewAtKill = await offline(async (services) => {
      const rows = await Promise.all(ids.map((id) => services.dossierReads.find(id)));
      return rows.filter((r) => r!.state.includes("review")).map((r) => r!.id);
    });
    const later = "2026-11-26T02:00:00Z";
    const server: ServerProcess = await startServer(0, { ...db.env, HOSO_DEMO: "0", HOSO_FAKE_NOW: later, HOSO_SCHEDULER_INTERVAL_MS: "50" });
    const http = new HttpClient(server.url, 1);
    const official: Session = await http.login("canbo-su-co", PASSWORD);
    for (let tries = 0; tries < 400; tries++) {
      const states = await Promise.all(reviewAtKill.map(async (id) => (await http.call("GET", `/api/instances/${id}`, official)).body.state));
      if (states.every((s) => s === "expired")) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    http.close();
    await server.stop();
    after = await createTestApp(kind, { database: { ...db.open(), dispose: db.dispose }, now: later });
    console.info(`crash (${kind}): ${CYCLES} SIGKILL(s), ${acks.length} events answered 200 before the kills, ${inFlightAtKill} in flight at the kills, ${reviewAtKill.length} timers due after the restart`);
  });
  afterAll(async () => after?.close());

  it("lost no event that was answered 2xx", async () => {
    expect(acks.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL * CYCLES);
    for (const ack of acks) {
      const history = await after.services.dossierReads.history(ack.dossierId);
      expect(history.find((h) => h.seq === ack.version)?.type, `${ack.dossierId} v${ack.version}`).toBe(ack.type);
    }
  });

  it("half-applied nothing: histories gapless, replay = snapshot, open tasks only for the current state", async () => {
    await expectInvariants(after);
    for (const id of ids) {
      const row = (await after.services.dossierReads.find(id))!;
      const open = (await after.services.database.db.query.tasks.findMany({ where: (t, { and, eq, isNull }) => and(eq(t.instanceId, id), isNull(t.closedAt)) })).map((t) => t.state);
      expect(open, `${row.code} in ${row.state.join(",")}`).toEqual(row.status === "done" ? [] : row.state);
    }
  });

  it("resumed the timers: every dossier left in review expired after the restart, and no timer is overdue", async () => {
    expect(reviewAtKill.length).toBeGreaterThan(0);
    for (const id of reviewAtKill) {
      const history = await after.services.dossierReads.history(id);
      expect(history.at(-1)?.type, id).toBe("EXPIRE");
    }
    const overdue = await after.services.database.db.query.timers.findMany({
      where: (t, { and, isNull, lt }) => and(isNull(t.firedAt), isNull(t.cancelledAt), lt(t.fireAt, new Date("2026-11-26T02:00:00Z"))),
    });
    expect(overdue).toEqual([]);
  });
});
