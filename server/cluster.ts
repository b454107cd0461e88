import cluster, { type Worker } from "node:cluster";
import { DRAIN_MS } from "./shutdown";

/** A worker that dies after serving is replaced after this pause (a crash loop cannot spin the CPU). */
const RESTART_DELAY_MS = 1000;
/** After SIGTERM, workers that have not exited by then (their own drain bound plus closing) are killed. */
const STOP_BOUND_MS = DRAIN_MS + 15_000;

/**
 * `HOSO_PROCESSES=N` with PostgreSQL: this (primary) process prepares the database once, then runs N
 * copies of the server as `node:cluster` workers sharing one port (the primary hands connections out in
 * turn). Everything they share lives in PostgreSQL — sessions, limits, idempotency keys, timers claimed
 * with SKIP LOCKED — so any worker can answer any request. A worker that dies after it listened is
 * replaced; one that dies before it ever listened (bad configuration, no database) ends the whole start
 * with its exit code, rather than restarting forever. SIGTERM / SIGINT go to every worker, which drains
 * as a single process does; the primary exits 0 when all of them did.
 */
export async function runCluster(processes: number, prepare: () => Promise<void>, log: (line: string) => void = (l) => console.log(l)): Promise<void> {
  await prepare();
  const workers = new Set<Worker>();
  let stopping = false;
  let failed = false;

  const fork = () => {
    const worker = cluster.fork({ HOSO_CLUSTER_WORKER: "1" });
    let listened = false;
    workers.add(worker);
    worker.once("listening", () => (listened = true));
    worker.once("exit", (code, signal) => {
      workers.delete(worker);
      if (stopping) {
        // A worker still starting has no requests to finish: the signal ending it is a clean stop too.
        const clean = code === 0 || (!listened && (signal === "SIGTERM" || signal === "SIGINT"));
        if (!clean) {
          failed = true;
          log(`tiến trình ${worker.process.pid} dừng với mã ${code ?? signal} (a worker did not stop cleanly)`);
        }
        if (workers.size === 0) process.exit(failed ? 1 : 0);
        return;
      }
      if (!listened) {
        log(`tiến trình ${worker.process.pid} dừng khi khởi động (code ${code ?? signal}): dừng tất cả (a worker failed to start: stopping)`);
        stop("SIGTERM", code || 1);
        return;
      }
      log(`tiến trình ${worker.process.pid} đã dừng (${code ?? signal}); khởi động lại sau ${RESTART_DELAY_MS / 1000} s (worker died: restarting)`);
      setTimeout(() => !stopping && fork(), RESTART_DELAY_MS);
    });
  };

  const stop = (signal: NodeJS.Signals, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    if (exitCode !== 0) failed = true;
    if (workers.size === 0) process.exit(failed ? 1 : 0);
    for (const worker of workers) worker.process.kill(signal);
    setTimeout(() => {
      for (const worker of workers) worker.process.kill("SIGKILL");
      process.exit(1);
    }, STOP_BOUND_MS).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));

  log(`Hoso: ${processes} tiến trình phục vụ trên một cổng (${processes} server processes on one port)`);
  for (let i = 0; i < processes; i++) fork();
}

/** True in a worker forked by `runCluster` (it skips what the primary already did once). */
export const isClusterWorker = () => cluster.isWorker;

/** The one process of a cluster (or the only process) that prints start-up notices. */
export const printsNotices = () => !cluster.isWorker || cluster.worker?.id === 1;
