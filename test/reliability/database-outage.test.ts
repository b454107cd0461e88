import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient } from "../../bench/http-client";
import { startServer, type ServerProcess } from "../../bench/server-process";
import { openDatabase } from "../../server/db/client";
import { createTestApp, type TestApp } from "../support/harness";
import { expectInvariants } from "../support/invariants";
import { postgresBinaries, startPgCluster, type PgCluster } from "../support/pg-cluster";
import { seedCrashWorld } from "./crash-world";

/** `pg_ctl restart -m fast` under load, this many times; `npm run soak` restarts more. */
const RESTARTS = Number(process.env.OUTAGE_RESTARTS ?? 2);
/** Answers 200 to collect between faults: load before each fault, and proof that service resumed by itself after it. */
const ACKS_PER_PHASE = 40;
const CLIENTS = 8;
const DOSSIERS = 16;
const T0 = "2026-11-23T02:00:00Z";
const PASSWORD = "mat-khau-thu-mat-csdl";

type Ack = { dossierId: string; version: number; type: string; retried?: number };
const until = async (done: () => boolean) => {
  while (!done()) await new Promise((r) => setTimeout(r, 20));
};

const bin = postgresBinaries();
if (!bin) console.warn("database-outage: skipped — no PostgreSQL binaries under /usr/lib/postgresql/*/bin (apt install postgresql)");

describe.skipIf(!bin)("PostgreSQL restarted and stopped under load: the server stays up, answers 503, resumes by itself", () => {
  let cluster: PgCluster;
  let server: ServerProcess;
  let dataDir: string;
  let after: TestApp;
  const ids: string[] = [];
  const acks: Ack[] = [];
  const statuses: Record<number, number> = {};
  const unavailable: { code: string; retryAfter: unknown; message: string }[] = [];
  const live: Record<number, number> = {};
  const ready: Record<number, number> = {};
  let dropped = 0;
  /** Retries answered 409 IDEMPOTENCY_IN_PROGRESS: a key left reserved by a request the outage failed. */
  let inProgress = 0;
  let exitedDuringRun: number | null = null;
  let acksAfterLastFault = 0;
  /** From `pg_ctl start` returning to the first event answered 200 (measured, not asserted). */
  let resumeMs = 0;

  beforeAll(async () => {
    cluster = await startPgCluster();
    dataDir = mkdtempSync(join(tmpdir(), "hoso-outage-"));
    ids.push(...(await seedCrashWorld(cluster.url, "mat-csdl", PASSWORD, DOSSIERS, T0)));

    server = await startServer(0, { DATABASE_URL: cluster.url, HOSO_DATA_DIR: dataDir, HOSO_DEMO: "0", HOSO_FAKE_NOW: T0, HOSO_SCHEDULER_INTERVAL_MS: "100" });
    server.child.once("exit", (code) => (exitedDuringRun = code ?? -1));
    const http = new HttpClient(server.url, CLIENTS);
    const official = await http.login("mat-csdl-canbo", PASSWORD);
    let stop = false;
    const count = (into: Record<number, number>, status: number) => (into[status] = (into[status] ?? 0) + 1);

    const clients = Array.from({ length: CLIENTS }, async (_, c) => {
      for (let round = 0; !stop; round++) {
        const id = ids[(c * 2 + round) % DOSSIERS]!;
        const calls = [await http.call("GET", `/api/instances/${id}`, official).catch(() => null)];
        const seen = calls[0];
        let type = "";
        if (seen?.status === 200) {
          type = seen.body.state === "review" ? "PROPOSE" : "RETURN";
          // A client that retries after a 503 with the same Idempotency-Key, as the web does, until the answer is final.
          const key = `outage-${c}-${round}`;
          for (;;) {
            const res = await http.call("POST", `/api/instances/${id}/events`, official, { type, expectedVersion: seen.body.version }, { "idempotency-key": key }).catch(() => null);
            calls.push(res);
            if (res?.status === 409 && res.body?.error?.code === "IDEMPOTENCY_IN_PROGRESS") inProgress++;
            const retry = res && (res.status === 503 || (res.status === 409 && res.body?.error?.code === "IDEMPOTENCY_IN_PROGRESS"));
            if (!retry || stop) break;
            await new Promise((r) => setTimeout(r, 50));
          }
        }
        for (const res of calls) {
          if (!res) {
            dropped++;
            continue;
          }
          count(statuses, res.status);
          if (res.status === 503) unavailable.push({ code: res.body?.error?.code, retryAfter: res.headers["retry-after"], message: res.body?.error?.message });
        }
        const event = calls.at(-1);
        if (event?.status === 200) acks.push({ dossierId: id, version: event.body.version, type });
        if (calls.length > 1 && event?.status === 200) acks.at(-1)!.retried = calls.length - 2;
        if (calls.some((r) => !r || r.status === 503)) await new Promise((r) => setTimeout(r, 50));
      }
    });
    // Liveness and readiness, polled all along.
    const probes = (async () => {
      while (!stop) {
        for (const [path, into] of [["/health/live", live], ["/health/ready", ready]] as const) {
          const res = await fetch(new URL(path, server.url)).catch(() => null);
          count(into, res?.status ?? 0);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    })();

    const moreAcks = async () => {
      const from = acks.length;
      await until(() => acks.length - from >= ACKS_PER_PHASE || exitedDuringRun !== null);
    };
    await moreAcks();
    for (let i = 0; i < RESTARTS && exitedDuringRun === null; i++) {
      await cluster.restart();
      await moreAcks();
    }
    // A longer outage: the database stays down until clients and readiness have seen it.
    await cluster.stop();
    const seen503 = unavailable.length;
    const ready503 = ready[503] ?? 0;
    await until(() => (unavailable.length - seen503 >= 20 && (ready[503] ?? 0) > ready503) || exitedDuringRun !== null);
    await cluster.start();
    const beforeResume = acks.length;
    const startedAt = performance.now();
    await until(() => acks.length > beforeResume || exitedDuringRun !== null);
    resumeMs = performance.now() - startedAt;
    await moreAcks();
    acksAfterLastFault = acks.length - beforeResume;
    stop = true;
    await Promise.all([...clients, probes]);
    http.close();
    console.info(
      `database outage: ${RESTARTS} × pg_ctl restart -m fast + 1 stop/start under ${CLIENTS} clients; ${acks.length} events answered 200; ` +
        `first event ${Math.round(resumeMs)} ms after the database was back; answers ${JSON.stringify(statuses)} (${inProgress} of the 409s IDEMPOTENCY_IN_PROGRESS), ${acks.filter((a) => a.retried).length} events answered 200 on a retry, dropped ${dropped}; /health/live ${JSON.stringify(live)}; /health/ready ${JSON.stringify(ready)}`,
    );
    after = await createTestApp("postgres", { database: { ...openDatabase({ url: cluster.url, dataDir: "unused" }), dispose: async () => {} }, now: T0 });
  });

  afterAll(async () => {
    await server?.stop();
    await after?.services.database.close();
    await cluster?.dispose();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("kept the server process up through every fault", () => {
    expect(exitedDuringRun, server.output().slice(-3000)).toBeNull();
    expect(server.child.exitCode).toBeNull();
  });

  it("answered every request: 200 or 409 when it could, 503 DATABASE_UNAVAILABLE with Retry-After when not, never a 500 or a cut connection", () => {
    expect(Object.keys(statuses).map(Number).filter((s) => ![200, 409, 503].includes(s)), JSON.stringify(statuses)).toEqual([]);
    expect(dropped).toBe(0);
    expect(unavailable.length).toBeGreaterThanOrEqual(20);
    for (const u of unavailable) {
      expect(u.code).toBe("DATABASE_UNAVAILABLE");
      expect(u.retryAfter).toBe("5");
      expect(u.message).toMatch(/Cơ sở dữ liệu/);
    }
  });

  it("told readiness about the outage while liveness stayed 200, and resumed by itself", () => {
    expect(Object.keys(live)).toEqual(["200"]);
    expect(ready[503]).toBeGreaterThan(0);
    expect(ready[200]).toBeGreaterThan(0);
    expect(acksAfterLastFault).toBeGreaterThanOrEqual(ACKS_PER_PHASE);
  });

  it("lost no event that was answered 200, and half-applied nothing", async () => {
    expect(acks.length).toBeGreaterThanOrEqual(ACKS_PER_PHASE * (RESTARTS + 2));
    for (const ack of acks) {
      const history = await after.services.dossierReads.history(ack.dossierId);
      expect(history.find((h) => h.seq === ack.version)?.type, `${ack.dossierId} v${ack.version}`).toBe(ack.type);
    }
    await expectInvariants(after);
  });
});
