/**
 * `npm run bench`: the benchmarks of issue 10, each beside its baseline measured in the same run.
 * Against PostgreSQL when DATABASE_URL is set (a database of its own is created next to it and
 * dropped), else against a file-backed PGlite in a temporary folder.
 *
 *   npm run bench -- --clients 32 --seconds 20 --scale 1     (defaults)
 *   npm run bench -- --scale 0.05 --seconds 5                (a quick run)
 *   npm run bench -- --cpu-prof                              (profile the server: ./bench/profiles)
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { openDatabase, type Database } from "../server/db/client";
import { createServices } from "../server/services";
import { benchCore } from "./core";
import { benchHttp } from "./http-load";
import { benchInbox, INBOX_UNITS, seedInbox } from "./inbox";
import { benchInProcess } from "./in-process";
import { benchPeer } from "./peer";
import { runPgbench } from "./pgbench";
import { childrenOf, cpuMs, postgresCpuMs, rssMiB, startServer } from "./server-process";
import { countStatements } from "./statements";
import { fmt } from "./stats";
import { benchPublicLookup } from "./public-lookup";
import { seedBenchWorld } from "./world";

const { values: args } = parseArgs({
  options: {
    clients: { type: "string", default: "32" },
    seconds: { type: "string", default: "20" },
    scale: { type: "string", default: "1" },
    port: { type: "string", default: "0" },
    "inbox-requests": { type: "string", default: "1000" },
    "cpu-prof": { type: "boolean", default: false },
    only: { type: "string" },
  },
});
const clients = Number(args.clients);
const seconds = Number(args.seconds);
const scale = Number(args.scale);
const port = Number(args.port);
const only = args.only ? new Set(args.only.split(",")) : null;
const wants = (part: string) => !only || only.has(part);
const databaseUrl = process.env.DATABASE_URL || undefined;
const kind = databaseUrl ? "PostgreSQL" : "PGlite";
const nodeFlags = args["cpu-prof"] ? ["--cpu-prof", "--cpu-prof-dir", join(import.meta.dirname, "profiles")] : [];

type Row = { measure: string; hoso: string; baseline: string; ratio: string; target: string; met: string };
/** Rows are printed in the order of the issue's list, whatever order they were measured in. */
const ORDER = ["http", "http-processes", "latency", "cpu", "db-cpu", "statements", "core", "peer", "peer-in-process", "inbox", "lookup", "startup", "rss-fresh", "rss-load"] as const;
const slots = new Map<(typeof ORDER)[number], Row>();
const put = (slot: (typeof ORDER)[number], row: Row) => slots.set(slot, row);
const results: Record<string, unknown> = {};
const log = (line: string) => console.error(`[bench] ${line}`);
const loadNow = () => loadavg().map((l) => l.toFixed(2)).join(" ");

const machine = {
  cpus: `${cpus().length} × ${cpus()[0]?.model ?? "?"}`,
  memoryGiB: +(totalmem() / 2 ** 30).toFixed(1),
  node: process.version,
  database: kind,
  loadBefore: loadNow(),
  at: new Date().toISOString(),
};
log(`${machine.cpus}, ${machine.memoryGiB} GiB, Node ${machine.node}, ${kind}; load ${machine.loadBefore}`);

/** The bench's own database: a fresh PostgreSQL database next to DATABASE_URL, or a PGlite folder. */
async function benchDatabase(): Promise<{ env: Record<string, string>; open(): Database; drop(): Promise<void> }> {
  if (databaseUrl) {
    const name = `hoso_bench_${process.pid}`;
    const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(databaseUrl);
    url.pathname = `/${name}`;
    const files = mkdtempSync(join(tmpdir(), "hoso-bench-files-"));
    return {
      env: { DATABASE_URL: url.toString(), HOSO_DATA_DIR: files },
      open: () => openDatabase({ url: url.toString(), dataDir: "unused", poolSize: clients }),
      drop: async () => {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
        rmSync(files, { recursive: true, force: true });
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "hoso-bench-"));
  return { env: { HOSO_DATA_DIR: dir }, open: () => openDatabase({ dataDir: dir }), drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

async function withDatabase<T>(open: () => Database, run: (database: Database) => Promise<T>): Promise<T> {
  const database = open();
  try {
    return await run(database);
  } finally {
    await database.close();
  }
}

// 5. Start-up: a fresh data folder (embedded PGlite: created, migrated, demo seeded) to /health; then a restart on it.
if (wants("startup")) {
  const dir = mkdtempSync(join(tmpdir(), "hoso-fresh-"));
  const fresh = await startServer(port, { HOSO_DATA_DIR: dir, HOSO_DEMO: "1" });
  await new Promise((r) => setTimeout(r, 2000));
  const idleFresh = rssMiB(fresh.child.pid!);
  await fresh.stop();
  const again = await startServer(port, { HOSO_DATA_DIR: dir, HOSO_DEMO: "1" });
  await again.stop();
  rmSync(dir, { recursive: true, force: true });
  results.startup = { freshMs: fresh.startMs, restartMs: again.startMs, idleRssMiB: idleFresh };
  put("startup", { measure: "start-up, fresh data folder → /health (PGlite, migrate + demo seed)", hoso: `${fmt(fresh.startMs)} ms`, baseline: `restart ${fmt(again.startMs)} ms`, ratio: "", target: "", met: "" });
  put("rss-fresh", { measure: "RSS idle after fresh start (PGlite in-process)", hoso: `${fmt(idleFresh)} MiB`, baseline: "", ratio: "", target: "", met: "" });
  log(`start-up ${fmt(fresh.startMs)} ms, restart ${fmt(again.startMs)} ms, idle RSS ${fmt(idleFresh)} MiB`);
}

const bench = await benchDatabase();
try {
  await withDatabase(bench.open, async (database) => seedBenchWorld(await createServices({ database }), Math.max(clients, INBOX_UNITS)));
  const serverEnv = { ...bench.env, HOSO_DEMO: "0" };

  // 1. Durable transitions over HTTP, and the server's memory idle and under that load.
  let httpTps = NaN;
  if (wants("http")) {
    const server = await startServer(port, serverEnv, nodeFlags);
    await new Promise((r) => setTimeout(r, 1000));
    const idle = rssMiB(server.child.pid!);
    let peak = idle;
    log(`HTTP: ${clients} clients for ${seconds} s…`);
    let cpuBefore = 0;
    let dbCpuBefore = NaN;
    const http = await benchHttp(server.url, clients, seconds, {
      onStart: () => {
        cpuBefore = cpuMs(server.child.pid!);
        dbCpuBefore = databaseUrl ? postgresCpuMs() : NaN;
      },
      onTick: () => (peak = Math.max(peak, rssMiB(server.child.pid!))),
    });
    // CPU the server spent per transition: unlike throughput, hardly moved by other load on the machine.
    const answered = http.latency.n - http.failures;
    const cpuPerTransition = (cpuMs(server.child.pid!) - cpuBefore) / answered;
    const dbCpuPerTransition = (postgresCpuMs() - dbCpuBefore) / answered;
    await server.stop();
    if (http.failures) log(`HTTP failures: ${http.failures}; first: ${http.firstFailure}`);
    httpTps = http.transitionsPerSecond;
    results.http = { ...http, idleRssMiB: idle, loadRssMiB: peak, cpuMsPerTransition: cpuPerTransition, dbCpuMsPerTransition: dbCpuPerTransition };
    log(`HTTP ${fmt(httpTps)} transitions/s, p50 ${fmt(http.latency.p50, 1)} p95 ${fmt(http.latency.p95, 1)} p99 ${fmt(http.latency.p99, 1)} ms`);
    put("cpu", { measure: "  server CPU per transition", hoso: `${fmt(cpuPerTransition, 2)} ms`, baseline: "", ratio: "", target: "", met: "" });
    put("rss-load", { measure: "RSS of the server: idle / under the HTTP load (peak)", hoso: `${fmt(idle)} / ${fmt(peak)} MiB`, baseline: "", ratio: "", target: "", met: "" });
    if (databaseUrl) {
      log(`pgbench -N, ${clients} clients for ${seconds} s…`);
      const pg = await runPgbench(databaseUrl, clients, seconds);
      results.pgbench = pg;
      const ratio = httpTps / pg.tps;
      // What the database itself spends per transaction, in both runs: how far it alone bounds the ratio.
      const dbShare = pg.dbCpuMsPerTransaction / dbCpuPerTransition;
      put("db-cpu", {
        measure: "  database CPU per transition (all postgres processes)",
        hoso: `${fmt(dbCpuPerTransition, 2)} ms`,
        baseline: `pgbench -N ${fmt(pg.dbCpuMsPerTransaction, 2)} ms`,
        ratio: Number.isFinite(dbShare) ? `bound ${fmt(dbShare, 2)}` : "",
        target: "",
        met: "",
      });
      const counts = await countStatements(bench.env.DATABASE_URL!);
      results.statements = counts.map(({ request, statements }) => ({ request, statements }));
      put("statements", {
        measure: `  SQL statements per request: ${counts.map((c) => c.request).join(" / ")}`,
        hoso: counts.map((c) => c.statements).join(" / "),
        baseline: "pgbench -N: 5",
        ratio: "",
        target: "",
        met: "",
      });
      put("http", {
        measure: `durable transitions/s over HTTP (${clients} clients)`,
        hoso: fmt(httpTps),
        baseline: `pgbench -N ${fmt(pg.tps)} TPS`,
        ratio: fmt(ratio, 2),
        target: "≥ 0.5",
        met: ratio >= 0.5 ? "yes" : "NO",
      });
    } else {
      put("http", { measure: `durable transitions/s over HTTP (${clients} clients)`, hoso: fmt(httpTps), baseline: "pgbench: n/a on PGlite", ratio: "", target: "≥ 0.5 × pgbench (PostgreSQL)", met: "" });
    }
    put("latency", {
      measure: "  latency per transition p50 / p95 / p99",
      hoso: `${fmt(http.latency.p50, 1)} / ${fmt(http.latency.p95, 1)} / ${fmt(http.latency.p99, 1)} ms`,
      baseline: `${http.latency.n} requests, ${http.failures} failed`,
      ratio: "",
      target: "",
      met: "",
    });
  }

  // 1b. The same load on two server processes (HOSO_PROCESSES=2, PostgreSQL only), beside one and pgbench.
  if (wants("processes") && databaseUrl) {
    const server = await startServer(port, { ...serverEnv, HOSO_PROCESSES: "2" }, nodeFlags);
    while (childrenOf(server.child.pid!).length < 2) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 1000));
    log(`HTTP on 2 processes: ${clients} clients for ${seconds} s…`);
    const workers = childrenOf(server.child.pid!);
    let cpuBefore = 0;
    const http = await benchHttp(server.url, clients, seconds, { onStart: () => (cpuBefore = workers.reduce((sum, pid) => sum + cpuMs(pid), 0)) });
    const cpuPerTransition = (workers.reduce((sum, pid) => sum + cpuMs(pid), 0) - cpuBefore) / (http.latency.n - http.failures);
    await server.stop();
    if (http.failures) log(`HTTP (2 processes) failures: ${http.failures}; first: ${http.firstFailure}`);
    const pgTps = (results.pgbench as { tps: number } | undefined)?.tps;
    results.httpTwoProcesses = { ...http, cpuMsPerTransition: cpuPerTransition };
    log(`HTTP on 2 processes ${fmt(http.transitionsPerSecond)} transitions/s`);
    put("http-processes", {
      measure: `  with HOSO_PROCESSES=2 (server CPU ${fmt(cpuPerTransition, 2)} ms per transition)`,
      hoso: fmt(http.transitionsPerSecond),
      baseline: `1 process ${fmt(httpTps)}${pgTps ? `, pgbench ${fmt(pgTps)}` : ""}`,
      ratio: `${fmt(http.transitionsPerSecond / httpTps, 2)}${pgTps ? ` / ${fmt(http.transitionsPerSecond / pgTps, 2)}` : ""}`,
      target: "",
      met: "",
    });
  }

  // 2. The pure core in-process: the engine's ceiling.
  if (wants("core")) {
    log(`core for ${Math.min(seconds, 10)} s…`);
    const core = benchCore(Math.min(seconds, 10));
    results.core = core;
    put("core", {
      measure: "pure core in-process, transitions/s (1 thread)",
      hoso: fmt(core.transitionsPerSecond),
      baseline: Number.isFinite(httpTps) ? `HTTP ${fmt(httpTps)}` : "",
      ratio: Number.isFinite(httpTps) ? `HTTP = ${fmt((100 * httpTps) / core.transitionsPerSecond, 1)} %` : "",
      target: "",
      met: "",
    });
  }

  // 3. The peer: bpmn-engine, stateless, on the same database.
  if (wants("peer")) {
    log(`peer (bpmn-engine) ${clients} clients for ${seconds} s…`);
    const peer = await withDatabase(bench.open, (database) => benchPeer(database.db, clients, seconds));
    results.peer = peer;
    const hosoDossiers = (results.http as { dossiersPerSecond?: number } | undefined)?.dossiersPerSecond;
    const ratio = hosoDossiers ? hosoDossiers / peer.dossiersPerSecond : NaN;
    put("peer", {
      measure: `dossiers/s: Hoso over HTTP vs bpmn-engine stateless (${clients} clients)`,
      hoso: fmt(hosoDossiers, 1),
      baseline: `bpmn-engine ${fmt(peer.dossiersPerSecond, 1)}`,
      ratio: `${fmt(ratio, 1)}×`,
      target: "≥ 10×",
      met: Number.isFinite(ratio) ? (ratio >= 10 ? "yes" : "NO") : "",
    });
    // The same harness for both: in-process, same database, same clients — engine and persistence, no HTTP.
    log(`Hoso in-process ${clients} clients for ${seconds} s…`);
    const inProcess = await withDatabase(bench.open, async (database) => benchInProcess(await createServices({ database }), clients, seconds));
    results.inProcess = inProcess;
    const sameHarness = inProcess.dossiersPerSecond / peer.dossiersPerSecond;
    put("peer-in-process", {
      measure: `dossiers/s: Hoso in-process vs bpmn-engine, same harness (${clients} clients)`,
      hoso: fmt(inProcess.dossiersPerSecond, 1),
      baseline: `bpmn-engine ${fmt(peer.dossiersPerSecond, 1)}`,
      ratio: `${fmt(sameHarness, 1)}×`,
      target: "≥ 10×",
      met: sameHarness >= 10 ? "yes" : "NO",
    });
  }

  // 4. The inbox (and the public status lookup) on a production-sized database.
  if (wants("inbox")) {
    log(`seeding ${fmt(1_000_000 * scale)} dossiers, ${fmt(100_000 * scale)} open tasks…`);
    const seeded = await withDatabase(bench.open, (database) => seedInbox(database.db, scale));
    log(`seeded in ${fmt(seeded.seconds, 1)} s`);
    const server = await startServer(port, serverEnv, nodeFlags);
    const requests = Number(args["inbox-requests"]);
    const inbox = await benchInbox(server.url, requests);
    const lookup = await benchPublicLookup(server.url, requests, seeded.dossiers);
    await server.stop();
    results.inbox = { seeded, inbox, lookup };
    const size = `${fmt(seeded.dossiers)} dossiers, ${fmt(seeded.openTasks)} open tasks / ${INBOX_UNITS} units`;
    put("inbox", {
      measure: `GET /api/tasks p50 / p95 (${size})`,
      hoso: `${fmt(inbox.p50, 1)} / ${fmt(inbox.p95, 1)} ms`,
      baseline: `seeded in ${fmt(seeded.seconds)} s; ${inbox.totalPerInbox} open per inbox`,
      ratio: "",
      target: "p95 < 20 ms",
      met: inbox.p95 < 20 ? "yes" : "NO",
    });
    put(
      "lookup",
      lookup
        ? { measure: "GET /api/public/dossiers/:code p50 / p95", hoso: `${fmt(lookup.p50, 1)} / ${fmt(lookup.p95, 1)} ms`, baseline: `${lookup.n} answered from ${lookup.addresses} addresses, ${lookup.limited} rate-limited (429)`, ratio: "", target: "p95 < 20 ms", met: lookup.p95 < 20 ? "yes" : "NO" }
        : { measure: "GET /api/public/dossiers/:code", hoso: "not served yet", baseline: "", ratio: "", target: "p95 < 20 ms", met: "n/a" },
    );
  }
} finally {
  await bench.drop();
}

machine.loadBefore += ` → after ${loadNow()}`;
const rows = ORDER.flatMap((slot) => (slots.has(slot) ? [slots.get(slot)!] : []));
const widths = (["measure", "hoso", "baseline", "ratio", "target", "met"] as const).map((k) => Math.max(k.length, ...rows.map((r) => r[k].length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
console.log(`\nHoso benchmarks — ${kind}, ${machine.cpus}, ${machine.memoryGiB} GiB, Node ${machine.node}, load (1/5/15 min) ${machine.loadBefore}\n`);
console.log(line(["measure", "Hoso", "baseline (same run)", "ratio", "target", "met"]));
console.log(line(widths.map((w) => "-".repeat(w))));
for (const r of rows) console.log(line([r.measure, r.hoso, r.baseline, r.ratio, r.target, r.met]));
writeFileSync(join(import.meta.dirname, `last-results-${databaseUrl ? "postgres" : "pglite"}.json`), JSON.stringify({ machine, args, results, rows }, null, 2));
process.exit(0);
