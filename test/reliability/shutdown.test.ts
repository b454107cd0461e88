import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient, type Session } from "../../bench/http-client";
import { freePort, startServer, type ServerProcess } from "../../bench/server-process";
import { ManualClock } from "../../server/clock";
import { LOCK_FILE } from "../../server/data-dir-lock";
import { openDatabase, type Database } from "../../server/db/client";
import { createServices } from "../../server/services";
import { databaseKinds, freshDatabase, type DatabaseKind } from "../support/databases";
import { crashDefinition } from "./crash-workflow";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const T0 = "2026-11-23T02:00:00Z";
const PASSWORD = "mat-khau-thu-dung-may";
/** Requests the server has begun (it answered `100 Continue` to their headers) when SIGTERM arrives. */
const IN_FLIGHT = 12;

/** The data folder (PGlite's files with the embedded kind) and, for PostgreSQL, a fresh database; with the dossiers to act on. */
async function prepare(kind: DatabaseKind) {
  const dir = mkdtempSync(join(tmpdir(), "hoso-shutdown-"));
  const pg = kind === "postgres" ? await freshDatabase("postgres") : null;
  const open = (): Database => (pg ? openDatabase({ url: pg.url!, dataDir: "unused" }) : openDatabase({ dataDir: dir }));
  const database = open();
  const services = await createServices({ database, clock: new ManualClock(T0) });
  await services.registry.publish(crashDefinition, null);
  const unit = await services.units.create({ kind: "office", name: "Phòng thử dừng máy", parentId: null, code: null });
  const starter = await services.people.create({ username: "nguoinop-dung", displayName: "Người nộp", password: PASSWORD, grants: [{ role: "applicant", unitId: unit.id }] });
  await services.people.create({ username: "canbo-dung", displayName: "Cán bộ", password: PASSWORD, grants: [{ role: "specialist", unitId: unit.id }, { role: "leader", unitId: unit.id }] });
  const user = { id: starter.id, username: starter.username, displayName: starter.displayName, grants: [{ role: "applicant" as const, unitId: unit.id, unitName: unit.name }], below: {} };
  const ids: string[] = [];
  for (let i = 0; i < IN_FLIGHT; i++) ids.push((await services.dossiers.start(user, crashDefinition.key, { name: `Hồ sơ ${i}` })).id);
  await database.close();
  const env = { HOSO_DATA_DIR: dir, HOSO_DEMO: "0", HOSO_FAKE_NOW: T0, HOSO_SCHEDULER_INTERVAL_MS: "100", ...(pg ? { DATABASE_URL: pg.url! } : {}) };
  return { dir, env, ids, open, dispose: async () => (await pg?.dispose(), rmSync(dir, { recursive: true, force: true })) };
}

/** A POST whose headers the server has read (it said `100 Continue`); `send` delivers the body and resolves with the answer. */
function begin(url: URL, path: string, session: Session, body: unknown): Promise<{ send(): Promise<{ status: number; body: any } | "cut"> }> {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method: "POST", path, agent: false, headers: { "content-type": "application/json", "content-length": payload.length, expect: "100-continue", cookie: session.cookie, "x-csrf-token": session.csrf } });
    const answer = new Promise<{ status: number; body: any } | "cut">((done) => {
      req.on("response", (res) => {
        let text = "";
        res.on("data", (c) => (text += c));
        res.on("end", () => done({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      });
      req.on("error", () => done("cut"));
    });
    req.once("error", reject);
    req.on("continue", () => resolve({ send: () => (req.end(payload), answer) }));
  });
}

const exitOf = (server: ServerProcess) => new Promise<number | null>((resolve) => (server.child.exitCode !== null ? resolve(server.child.exitCode) : server.child.once("exit", (code) => resolve(code))));

const kinds: DatabaseKind[] = process.env.SOAK ? databaseKinds : process.env.TEST_DATABASE_URL ? ["postgres"] : ["pglite"];

describe.each(kinds)("SIGTERM with requests in flight (%s)", (kind) => {
  let setup: Awaited<ReturnType<typeof prepare>>;
  const answers: ({ status: number; body: any } | "cut")[] = [];
  let exitCode: number | null = null;
  let output = "";

  beforeAll(async () => {
    setup = await prepare(kind);
    const server = await startServer(0, setup.env);
    const http = new HttpClient(server.url, 1);
    const official = await http.login("canbo-dung", PASSWORD);
    http.close();
    const started = await Promise.all(setup.ids.map((id) => begin(server.url, `/api/instances/${id}/events`, official, { type: "PROPOSE", expectedVersion: 1 })));
    server.child.kill("SIGTERM");
    // The bodies go once the server has begun to stop (or has exited, which cuts them): the requests outlive the signal.
    while (!server.output().includes("SIGTERM: đang dừng") && server.child.exitCode === null) await new Promise((r) => setTimeout(r, 10));
    answers.push(...(await Promise.all(started.map((r) => r.send()))));
    exitCode = await exitOf(server);
    output = server.output();
    console.info(`shutdown (${kind}): ${IN_FLIGHT} requests in flight at SIGTERM; answers ${answers.map((a) => (a === "cut" ? "cut" : `${a.status} ${a.body?.error?.code ?? ""}`)).join(",")}; exit code ${exitCode}`);
  });
  afterAll(async () => setup?.dispose());

  it("answered every request in flight, then exited 0", () => {
    expect(answers.map((a) => (a === "cut" ? "cut" : a.status))).toEqual(setup.ids.map(() => 200));
    expect(exitCode, output.slice(-2000)).toBe(0);
    expect(output).toMatch(/đã dừng \(stopped\)/);
  });

  it("kept every answered event, and released the data folder", async () => {
    const database = setup.open();
    const services = await createServices({ database, clock: new ManualClock(T0) });
    for (const id of setup.ids) expect((await services.dossierReads.history(id)).map((h) => h.type)).toContain("PROPOSE");
    await database.close();
    expect(existsSync(join(setup.dir, LOCK_FILE))).toBe(false);
  });
});

describe("the embedded data folder belongs to one process", () => {
  let setup: Awaited<ReturnType<typeof prepare>>;
  beforeAll(async () => (setup = await prepare("pglite")));
  afterAll(async () => setup?.dispose());

  it("a second server on the same folder refuses with a clear message, and the first one keeps working", async () => {
    const first = await startServer(0, setup.env);
    await expect(startServer(0, setup.env)).rejects.toThrow(/đang được tiến trình Hoso khác dùng \(pid \d+\)/);
    expect((await fetch(new URL("/health/ready", first.url))).status).toBe(200);
    await first.stop();
  });

  it("a lock left by a process that no longer runs is taken over", async () => {
    const gone = spawn(process.execPath, ["-e", ""]);
    await new Promise((resolve) => gone.once("exit", resolve));
    writeFileSync(join(setup.dir, LOCK_FILE), `${gone.pid}\n`);
    const server = await startServer(0, setup.env);
    expect(readFileSync(join(setup.dir, LOCK_FILE), "utf8").trim()).toBe(String(server.child.pid));
    await server.stop();
  });

  it("`npm start` hands SIGTERM to the server: no server is left running", async () => {
    const port = await freePort();
    const npm = spawn("npm", ["start", "--ignore-scripts"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: "", NODE_ENV: "development", ...setup.env, PORT: String(port) }, stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    npm.stdout.on("data", (d) => (log += d));
    npm.stderr.on("data", (d) => (log += d));
    const exited = new Promise<number | null>((resolve) => npm.once("exit", (code) => resolve(code)));
    while (!log.includes(`localhost:${port}`)) {
      if (npm.exitCode !== null) throw new Error(log);
      await new Promise((r) => setTimeout(r, 20));
    }
    const serverPid = Number(readFileSync(join(setup.dir, LOCK_FILE), "utf8"));
    npm.kill("SIGTERM");
    expect(await exited, log).toBe(0);
    expect(() => process.kill(serverPid, 0)).toThrow();
    expect(existsSync(join(setup.dir, LOCK_FILE))).toBe(false);
  });
});
