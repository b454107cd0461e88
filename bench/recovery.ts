/**
 * Recovery of the embedded database (issue 21, item 5): how long `server/main.ts` takes to answer
 * `/health/ready` again after a `kill -9` under load, beside a restart after a clean stop, and where
 * that time goes.
 *
 *   npx tsx bench/recovery.ts                       (defaults: 12 clients, 40 s of load, 2 rounds)
 *   npx tsx bench/recovery.ts --seconds 20 --rounds 1
 *
 * Each round: a fresh data folder with the demo seeded (as `npm start` makes it), a crash workflow
 * and its officials added, 12 clients moving dossiers back and forth for `--seconds` (every entry into
 * review plans a timer: the scheduler runs as in production), `kill -9`, then
 *   1. the crashed folder copied twice, before anything opens it;
 *   2. `server/main.ts` restarted on it: spawn → `/health/ready` 200 ("restart after kill -9");
 *   3. on the copy, the start-up's stages timed one by one in this process (PGlite opening, which is
 *      where crash recovery runs; migrations; built-in forms, calendar and definitions; the demo check);
 *   4. the restarted server stopped with SIGTERM, started again ("restart after a clean stop");
 * and every event answered 200 before the kill is checked to be in its history.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { ManualClock } from "../server/clock";
import { openDatabase } from "../server/db/client";
import * as schema from "../server/db/schema";
import { Scheduler } from "../server/scheduler/scheduler";
import { createServices } from "../server/services";
import { demoAccountsPresent } from "../server/seed";
import { crashDefinition } from "../test/reliability/crash-workflow";
import { HttpClient } from "./http-client";
import { cpuMs, startServer } from "./server-process";

const { values: args } = parseArgs({
  options: {
    clients: { type: "string", default: "12" },
    seconds: { type: "string", default: "40" },
    rounds: { type: "string", default: "2" },
    dossiers: { type: "string", default: "48" },
  },
});
const CLIENTS = Number(args.clients);
const SECONDS = Number(args.seconds);
const ROUNDS = Number(args.rounds);
const DOSSIERS = Number(args.dossiers);
const T0 = "2026-11-23T02:00:00Z";
const PASSWORD = "mat-khau-do-phuc-hoi";
const log = (line: string) => console.error(`[recovery] ${line}`);
const load = () => loadavg().map((l) => l.toFixed(1)).join(" ");
const ms = (n: number) => `${(n / 1000).toFixed(1)} s`;

/** Bytes under a folder (what a restart has to read). */
function bytesUnder(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? bytesUnder(path) : statSync(path).size;
  }
  return total;
}
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/** The start-up's stages on `dir`, timed one by one in this process (what `main.ts` does before it listens). */
async function stages(dir: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    out[name] = now - t;
    t = now;
  };
  // The redo point of the last checkpoint before the crash (pg_control, offset 40); after recovery's own
  // checkpoint the redo point is the end of the WAL: the difference is what recovery replayed.
  const redo = readFileSync(join(dir, "global", "pg_control")).readBigUInt64LE(40);
  const lsn = `${(redo >> 32n).toString(16)}/${(redo & 0xffffffffn).toString(16)}`;
  const client = new PGlite(dir);
  await client.waitReady;
  lap("open PGlite (crash recovery runs here)");
  const { rows } = await client.query<{ bytes: string }>(`select (redo_lsn - '${lsn}'::pg_lsn)::text as bytes from pg_control_checkpoint()`);
  out["WAL replayed, MiB"] = Number(rows[0]!.bytes) / 1024 / 1024;
  t = performance.now();
  const db = drizzle({ client, schema });
  await migrate(db, { migrationsFolder: new URL("../server/db/migrations", import.meta.url).pathname });
  lap("migrations check");
  // createServices migrates again (a no-op now, ~the same cost as above) and installs the built-ins.
  const database = { db: db as never, kind: "pglite" as const, migrate: async () => {}, close: () => client.close() };
  const services = await createServices({ database, clock: new ManualClock(T0) });
  lap("built-in forms, calendar, definitions");
  await services.database.db.select({ n: sql<number>`count(*)::int` }).from(schema.users);
  await demoAccountsPresent(services);
  lap("demo check");
  // The scheduler's first tick runs as the server starts listening and shares PGlite's one connection
  // with readiness's `select 1`: the outbox left undispatched by the kill is worked through here.
  const [pending] = await services.database.db.select({ n: sql<number>`count(*)::int` }).from(schema.outbox).where(sql`processed_at is null`);
  out["outbox rows pending"] = pending?.n ?? 0;
  t = performance.now();
  await new Scheduler(services).runDue();
  lap("first scheduler tick");
  await client.close();
  lap("close (checkpoint)");
  return out;
}

type Round = { events: number; walBytes: number; dataBytes: number; killRestartMs: number; killRestartCpuMs: number; cleanRestartMs: number; cleanRestartCpuMs: number; stages: Record<string, number>; lost: number; loadAtKill: string };

async function round(n: number): Promise<Round> {
  const dir = mkdtempSync(join(tmpdir(), "hoso-recovery-"));
  const copies: string[] = [];
  try {
    // A fresh folder with the demo seeded, as `npm start` leaves it.
    const first = await startServer(0, { HOSO_DATA_DIR: dir, HOSO_DEMO: "1", HOSO_FAKE_NOW: T0 });
    await first.stop();
    // The crash workflow and its people, added offline.
    const ids: string[] = [];
    {
      const database = openDatabase({ dataDir: dir });
      const services = await createServices({ database, clock: new ManualClock(T0) });
      await services.registry.publish(crashDefinition, null, { unlessUnchanged: true });
      const unit = await services.units.create({ kind: "office", name: "Phòng đo phục hồi", parentId: null, code: null });
      const starter = await services.people.create({ username: "nguoinop-phuc-hoi", displayName: "Người nộp", password: PASSWORD, grants: [{ role: "applicant", unitId: unit.id }] });
      await services.people.create({ username: "canbo-phuc-hoi", displayName: "Cán bộ", password: PASSWORD, grants: [{ role: "specialist", unitId: unit.id }, { role: "leader", unitId: unit.id }] });
      const user = { id: starter.id, username: starter.username, displayName: starter.displayName, grants: [{ role: "applicant" as const, unitId: unit.id, unitName: unit.name }], below: {} };
      for (let i = 0; i < DOSSIERS; i++) ids.push((await services.dossiers.start(user, crashDefinition.key, { name: `Hồ sơ ${i}` })).id);
      await database.close();
    }

    // Load, with the scheduler on as in production, then kill -9.
    const server = await startServer(0, { HOSO_DATA_DIR: dir, HOSO_DEMO: "1", HOSO_FAKE_NOW: T0, HOSO_SCHEDULER_INTERVAL_MS: "1000" });
    const http = new HttpClient(server.url, CLIENTS);
    const official = await http.login("canbo-phuc-hoi", PASSWORD);
    const acks: { id: string; version: number; type: string }[] = [];
    const until = performance.now() + SECONDS * 1000;
    let killed = false;
    const clients = Array.from({ length: CLIENTS }, async (_, c) => {
      for (let r = 0; !killed; r++) {
        const id = ids[(c * 4 + r) % ids.length]!;
        const seen = await http.call("GET", `/api/instances/${id}`, official).catch(() => null);
        if (!seen || seen.status !== 200 || killed) return;
        const type = seen.body.state === "review" ? "PROPOSE" : "RETURN";
        const res = await http.call("POST", `/api/instances/${id}/events`, official, { type, expectedVersion: seen.body.version }).catch(() => null);
        if (!res) return;
        if (res.status === 200) acks.push({ id, version: res.body.version, type });
      }
    });
    while (performance.now() < until) await new Promise((r) => setTimeout(r, 100));
    killed = true;
    const loadAtKill = load();
    await server.kill();
    await Promise.all(clients);
    http.close();
    const walBytes = bytesUnder(join(dir, "pg_wal"));
    const dataBytes = bytesUnder(dir);
    log(`round ${n}: ${acks.length} events answered 200 in ${SECONDS} s, killed (load ${loadAtKill}); pg_wal ${mib(walBytes)}, folder ${mib(dataBytes)}`);

    // The same crashed folder for the stage timings, copied before anything opens it.
    const copy = mkdtempSync(join(tmpdir(), "hoso-recovery-copy-"));
    copies.push(copy);
    cpSync(dir, copy, { recursive: true });

    const again = await startServer(0, { HOSO_DATA_DIR: dir, HOSO_DEMO: "1", HOSO_FAKE_NOW: T0, HOSO_SCHEDULER_INTERVAL_MS: "1000" });
    const killRestartMs = again.startMs;
    // CPU time the process spent to get ready: unlike wall time, barely moved by other processes' load.
    const killRestartCpuMs = cpuMs(again.child.pid!);
    log(`round ${n}: restart after kill -9 → ready in ${ms(killRestartMs)}, ${ms(killRestartCpuMs)} of CPU (load ${load()})`);
    // Every acknowledged event is there.
    const check = new HttpClient(again.url, 4);
    const me = await check.login("canbo-phuc-hoi", PASSWORD);
    let lost = 0;
    for (const id of new Set(acks.map((a) => a.id))) {
      const res = await check.call("GET", `/api/instances/${id}`, me);
      const history = res.body.history as { seq: number; type: string }[];
      for (const ack of acks.filter((a) => a.id === id)) if (history.find((h) => h.seq === ack.version)?.type !== ack.type) lost++;
    }
    check.close();
    await again.stop();
    const clean = await startServer(0, { HOSO_DATA_DIR: dir, HOSO_DEMO: "1", HOSO_FAKE_NOW: T0, HOSO_SCHEDULER_INTERVAL_MS: "1000" });
    const cleanRestartMs = clean.startMs;
    const cleanRestartCpuMs = cpuMs(clean.child.pid!);
    await clean.stop();
    log(`round ${n}: restart after a clean stop → ready in ${ms(cleanRestartMs)}, ${ms(cleanRestartCpuMs)} of CPU; lost ${lost}`);

    const timed = await stages(copy);
    log(`round ${n}: stages on the crashed copy: ${Object.entries(timed).map(([k, v]) => (k.includes("MiB") || k.includes("rows") ? `${k} ${v.toFixed(1)}` : `${k} ${ms(v)}`)).join(", ")}`);
    return { events: acks.length, walBytes, dataBytes, killRestartMs, killRestartCpuMs, cleanRestartMs, cleanRestartCpuMs, stages: timed, lost, loadAtKill };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    for (const c of copies) rmSync(c, { recursive: true, force: true });
  }
}

log(`${cpus().length} cores, load ${load()}; ${CLIENTS} clients × ${SECONDS} s, ${ROUNDS} round(s)`);
const rounds: Round[] = [];
for (let n = 1; n <= ROUNDS; n++) rounds.push(await round(n));
console.log(JSON.stringify({ clients: CLIENTS, seconds: SECONDS, rounds }, null, 2));
