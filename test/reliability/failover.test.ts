import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient } from "../../bench/http-client";
import { startServer, type ServerProcess } from "../../bench/server-process";
import { openDatabase } from "../../server/db/client";
import { createTestApp, type TestApp } from "../support/harness";
import { expectInvariants } from "../support/invariants";
import { postgresBinaries, startReplicatedPair, type ReplicatedPair } from "../support/pg-cluster";
import { seedCrashWorld } from "./crash-world";

/** Events answered 200 before the kill, and again after the promotion, before the run ends. */
const ACKS_PER_PHASE = 40;
const CLIENTS = 8;
const DOSSIERS = 16;
const T0 = "2026-11-23T02:00:00Z";
const PASSWORD = "mat-khau-thu-chuyen-may";

type Ack = { dossierId: string; version: number; type: string };
const until = async (done: () => boolean, what: string, ms = 60_000) => {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

const bin = postgresBinaries();
if (!bin) console.warn("failover: skipped — no PostgreSQL binaries under /usr/lib/postgresql/*/bin (apt install postgresql)");

/**
 * A primary with a synchronous standby; Hoso is given both hosts (`target_session_attrs=read-write`). Under
 * load the primary is killed with -9 and the standby promoted: Hoso goes on without a restart, and every
 * event it acknowledged (a commit the standby had flushed) is on the new primary. Clients retry with their
 * `Idempotency-Key` after a 503 or a cut connection, as the web does.
 */
describe.skipIf(!bin)("failover to a synchronous standby under load", () => {
  let pair: ReplicatedPair;
  let server: ServerProcess;
  let dataDir: string;
  let after: TestApp;
  const ids: string[] = [];
  const acks: Ack[] = [];
  const statuses: Record<number, number> = {};
  let dropped = 0;
  let exitedDuringRun: number | null = null;
  let acksBeforeKill = 0;
  let resumeMs = 0;
  let syncState: string[] = [];

  beforeAll(async () => {
    pair = await startReplicatedPair();
    dataDir = mkdtempSync(join(tmpdir(), "hoso-failover-"));
    ids.push(...(await seedCrashWorld(pair.url, "chuyen", PASSWORD, DOSSIERS, T0)));

    server = await startServer(0, { DATABASE_URL: pair.url, HOSO_DATA_DIR: dataDir, HOSO_DEMO: "0", HOSO_FAKE_NOW: T0, HOSO_SCHEDULER_INTERVAL_MS: "100" });
    server.child.once("exit", (code) => (exitedDuringRun = code ?? -1));
    const http = new HttpClient(server.url, CLIENTS);
    const official = await http.login("chuyen-canbo", PASSWORD);
    let stop = false;
    const clients = Array.from({ length: CLIENTS }, async (_, c) => {
      for (let round = 0; !stop; round++) {
        const id = ids[(c * 2 + round) % DOSSIERS]!;
        const seen = await http.call("GET", `/api/instances/${id}`, official).catch(() => null);
        if (seen?.status !== 200) {
          if (seen) statuses[seen.status] = (statuses[seen.status] ?? 0) + 1;
          else dropped++;
          await new Promise((r) => setTimeout(r, 50));
          continue;
        }
        const type = seen.body.state === "review" ? "PROPOSE" : "RETURN";
        const key = `failover-${c}-${round}`;
        for (;;) {
          const res = await http.call("POST", `/api/instances/${id}/events`, official, { type, expectedVersion: seen.body.version }, { "idempotency-key": key }).catch(() => null);
          if (!res) dropped++;
          else statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          const again = !res || res.status === 503 || (res.status === 409 && res.body?.error?.code === "IDEMPOTENCY_IN_PROGRESS");
          if (!again) {
            if (res.status === 200) acks.push({ dossierId: id, version: res.body.version, type });
            break;
          }
          if (stop) break;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    });

    await until(() => acks.length >= ACKS_PER_PHASE || exitedDuringRun !== null, "load before the kill");
    const primary = postgres(pair.primaryUrl, { max: 1, onnotice: () => {} });
    syncState = (await primary`select application_name, sync_state from pg_stat_replication`).map((r) => `${r.application_name}:${r.sync_state}`);
    await primary.end();
    await pair.killPrimary();
    acksBeforeKill = acks.length;
    // The primary is gone and the standby not yet writable: clients meet 503s meanwhile.
    await until(() => (statuses[503] ?? 0) > 0 || exitedDuringRun !== null, "a 503 while no primary");
    await pair.promoteStandby();
    const promotedAt = performance.now();
    const atPromotion = acks.length;
    await until(() => acks.length > atPromotion || exitedDuringRun !== null, "the first event on the new primary");
    resumeMs = performance.now() - promotedAt;
    await until(() => acks.length >= atPromotion + ACKS_PER_PHASE || exitedDuringRun !== null, "load after the promotion");
    stop = true;
    await Promise.all(clients);
    http.close();
    console.info(
      `failover: ${CLIENTS} clients, kill -9 of the primary after ${acksBeforeKill} events acknowledged, standby promoted; first event ${Math.round(resumeMs)} ms after the promotion; ` +
        `${acks.length} events acknowledged in all; answers ${JSON.stringify(statuses)}, dropped connections ${dropped}`,
    );
    after = await createTestApp("postgres", { database: { ...openDatabase({ url: pair.url, dataDir: "unused" }), dispose: async () => {} }, now: T0 });
  }, 240_000);

  afterAll(async () => {
    await server?.stop();
    await after?.services.database.close();
    await pair?.dispose();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("went on without a restart, answering 200, 409 or 503 (never a 500)", () => {
    expect(exitedDuringRun, server.output().slice(-3000)).toBeNull();
    expect(Object.keys(statuses).map(Number).filter((s) => ![200, 409, 503].includes(s)), JSON.stringify(statuses)).toEqual([]);
  });

  it("ran with the standby synchronous: a commit is acknowledged only once the standby has it", () => {
    expect(syncState).toEqual(["standby1:sync"]);
  });

  it("has every event acknowledged before and after the kill on the promoted standby, each once", async () => {
    expect(acksBeforeKill).toBeGreaterThanOrEqual(ACKS_PER_PHASE);
    for (const ack of acks) {
      const history = await after.services.dossierReads.history(ack.dossierId);
      expect(history.find((h) => h.seq === ack.version)?.type, `${ack.dossierId} v${ack.version}`).toBe(ack.type);
    }
    await expectInvariants(after);
  });
});
