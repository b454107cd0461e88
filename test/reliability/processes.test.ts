import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient } from "../../bench/http-client";
import { childrenOf, cpuMs, startServer, type ServerProcess } from "../../bench/server-process";
import { ManualClock } from "../../server/clock";
import { openDatabase } from "../../server/db/client";
import { createServices } from "../../server/services";
import { freshDatabase } from "../support/databases";
import { seedCrashWorld } from "./crash-world";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const T0 = "2026-11-23T02:00:00Z";
const PASSWORD = "mat-khau-thu-nhieu-tien-trinh";
const DOSSIERS = 40;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
async function until(check: () => boolean, what: string, ms = 20_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
const exitOf = (server: ServerProcess) => new Promise<number | null>((resolve) => (server.child.exitCode !== null ? resolve(server.child.exitCode) : server.child.once("exit", (code) => resolve(code))));

describe.skipIf(!process.env.TEST_DATABASE_URL)("HOSO_PROCESSES=2 on PostgreSQL", () => {
  let pg: Awaited<ReturnType<typeof freshDatabase>>;
  let server: ServerProcess;
  const ids: string[] = [];
  beforeAll(async () => {
    pg = await freshDatabase("postgres");
    ids.push(...(await seedCrashWorld(pg.url!, "cum", PASSWORD, DOSSIERS, T0)));
    server = await startServer(0, { DATABASE_URL: pg.url!, HOSO_PROCESSES: "2", HOSO_DEMO: "0", HOSO_FAKE_NOW: T0, HOSO_SCHEDULER_INTERVAL_MS: "100" });
    await until(() => childrenOf(server.child.pid!).length === 2, "two workers");
  });
  afterAll(async () => {
    if (server?.child.exitCode === null) await server.kill();
    await pg?.dispose();
  });

  it("two workers share the port and the work: every event answered once, each worker served some", async () => {
    const workers = childrenOf(server.child.pid!);
    const before = workers.map(cpuMs);
    const http = new HttpClient(server.url, 8);
    const official = await http.login("cum-canbo", PASSWORD);
    const answers = await Promise.all(ids.map((id) => http.call("POST", `/api/instances/${id}/events`, official, { type: "PROPOSE", expectedVersion: 1 })));
    http.close();
    expect(answers.map((a) => a.status)).toEqual(ids.map(() => 200));
    // The primary hands connections out in turn: both workers did some of the work.
    workers.forEach((pid, i) => expect(cpuMs(pid) - before[i]!, `worker ${pid}`).toBeGreaterThan(0));
  });

  it("a worker killed with -9 is replaced while the other keeps answering; SIGTERM stops all with exit 0", async () => {
    // Both workers up and listening before one is killed (a replacement still starting would leave none);
    // if a worker died on its own meanwhile, say so with the server's log.
    await until(() => childrenOf(server.child.pid!).length === 2 && server.output().split("Hoso đang chạy tại").length - 1 >= 2, "two listening workers");
    expect(server.output(), server.output().slice(-2000)).not.toContain("đã dừng");
    const [victim, survivor] = childrenOf(server.child.pid!);
    process.kill(victim!, "SIGKILL");
    await until(() => server.output().includes(`tiến trình ${victim} đã dừng`), "the primary to notice");
    const http = new HttpClient(server.url, 4);
    const official = await http.login("cum-canbo", PASSWORD);
    const answers = await Promise.all(Array.from({ length: 20 }, () => http.call("GET", "/api/me", official)));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    http.close();
    await until(() => childrenOf(server.child.pid!).length === 2 && !childrenOf(server.child.pid!).includes(victim!), "a replacement worker");
    await until(() => server.output().split("Hoso đang chạy tại").length - 1 === 3, "the replacement to listen");
    const workers = childrenOf(server.child.pid!);
    expect(workers).toContain(survivor);
    server.child.kill("SIGTERM");
    expect(await exitOf(server), server.output().slice(-2000)).toBe(0);
    for (const pid of workers) expect(alive(pid), `worker ${pid} left running`).toBe(false);
  });

  it("a worker that cannot start (its port is taken) ends the start with an error instead of restarting forever", async () => {
    const taken = createServer().listen(0, "0.0.0.0");
    await new Promise((r) => taken.once("listening", r));
    const port = (taken.address() as AddressInfo).port;
    const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: pg.url!, HOSO_PROCESSES: "2", HOSO_DEMO: "0", HOSO_FAKE_NOW: T0, NODE_ENV: "development", PORT: String(port) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let log = "";
    child.stdout.on("data", (d) => (log += d));
    child.stderr.on("data", (d) => (log += d));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    taken.close();
    expect(code, log).toBe(1);
    expect(log).toMatch(/dừng khi khởi động/);
  });

  it("kept every answered event", async () => {
    const database = openDatabase({ url: pg.url!, dataDir: "unused", poolSize: 1 });
    const services = await createServices({ database, clock: new ManualClock(T0) });
    for (const id of ids) expect((await services.dossierReads.history(id)).filter((h) => h.type === "PROPOSE")).toHaveLength(1);
    await database.close();
  });
});

describe("HOSO_PROCESSES with the embedded database", () => {
  it("runs one process and says why", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hoso-processes-"));
    try {
      const server = await startServer(0, { HOSO_DATA_DIR: dir, HOSO_PROCESSES: "2", HOSO_DEMO: "0", HOSO_FAKE_NOW: T0 });
      expect(server.output()).toMatch(/HOSO_PROCESSES=2 bỏ qua: cơ sở dữ liệu nhúng chỉ dùng được trong một tiến trình/);
      expect(childrenOf(server.child.pid!)).toEqual([]);
      await server.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
