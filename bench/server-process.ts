import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** A real `server/main.ts` process (what `npm start` runs, without the web build) on a port. */
export type ServerProcess = { child: ChildProcess; url: URL; startMs: number; stop(): Promise<void>; kill(): Promise<void>; output(): string };

/** A TCP port nobody listens on now (other servers may share this machine). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/**
 * Starts the server with `env` on `port` (a free one when 0) and resolves once `GET /health` answers `{ ok: true }`;
 * `startMs` is the time from spawn to that answer. `nodeFlags` e.g. `--cpu-prof`.
 */
export async function startServer(port: number, env: Record<string, string>, nodeFlags: string[] = []): Promise<ServerProcess> {
  if (port === 0) port = await freePort();
  const started = performance.now();
  let log = "";
  const child = spawn(process.execPath, [...nodeFlags, "--import", "tsx", "server/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: "", NODE_ENV: "development", ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = new URL(`http://127.0.0.1:${port}`);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${log}`);
    // Only our child's answer counts: it prints where it listens once it does.
    if (!log.includes(`localhost:${port}`)) {
      await new Promise((r) => setTimeout(r, 20));
      continue;
    }
    try {
      const res = await fetch(new URL("/health", url));
      if (res.ok && ((await res.json()) as { ok?: boolean }).ok) break;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const startMs = performance.now() - started;
  return {
    child,
    url,
    startMs,
    output: () => log,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
    kill: async () => {
      if (child.exitCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}

/** The pids of a process's direct children (Linux `/proc`): the workers of `HOSO_PROCESSES`. */
export function childrenOf(pid: number): number[] {
  const text = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
  return text ? text.split(/\s+/).map(Number) : [];
}

/** Resident memory of a process in MiB (Linux `/proc`). */
export function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:"));
  return line ? Number(line.replace(/\D+/g, "")) / 1024 : NaN;
}

/** CPU time (user + system) a process has used so far, in milliseconds (Linux `/proc`, 100 ticks/s). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * CPU time all `postgres` processes of this machine have used so far, in milliseconds, with what their
 * ended children used (the postmaster reaps each connection's process, whose time then counts as its
 * children's): the difference over a run is what the database spent on it, connections closed during
 * the run included. NaN when no `postgres` process is visible (a server in a container or elsewhere).
 */
export function postgresCpuMs(): number {
  let total = 0;
  let seen = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (!stat.includes("(postgres)")) continue;
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      total += (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * 10;
      seen++;
    } catch {
      // the process ended while we read
    }
  }
  return seen ? total : NaN;
}
