import type { Server } from "node:http";

/** In-flight requests get this long to finish after SIGTERM/SIGINT before their connections are cut. */
export const DRAIN_MS = 10_000;

/**
 * A clean stop on SIGTERM or SIGINT: readiness turns 503 at once (`draining`), the port stops accepting,
 * requests already in flight finish (answers carry `Connection: close`, idle keep-alive connections are
 * closed), for at most `drainMs`; then the scheduler stops (its tick commits or rolls back), the database
 * closes, the data folder's lock is released, and the process exits 0. A repeated signal changes nothing
 * (Ctrl-C under `npm start` reaches the server twice: from the terminal and forwarded by npm).
 */
export function onShutdownSignal(options: {
  server: Server;
  /** Stops the scheduler, closes the database, releases the lock, in that order. */
  close: () => Promise<void>;
  drainMs?: number;
  log?: (line: string) => void;
}): { draining: () => boolean } {
  const { server, close, drainMs = DRAIN_MS, log = (line) => console.log(line) } = options;
  let draining = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (draining) return;
    draining = true;
    log(`${signal}: đang dừng — hoàn tất các yêu cầu đang xử lý (stopping: finishing requests in flight, at most ${drainMs / 1000} s)`);
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Keep-alive connections with no request in flight would hold `close` open: close them as they go idle.
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    let cut = false;
    const deadline = new Promise<void>((resolve) =>
      setTimeout(() => {
        cut = true;
        resolve();
      }, drainMs).unref(),
    );
    await Promise.race([closed, deadline]);
    clearInterval(idle);
    if (cut) {
      log(`còn yêu cầu chưa xong sau ${drainMs / 1000} s: cắt kết nối (requests still running after the bound: connections cut)`);
      server.closeAllConnections();
    }
    try {
      await close();
      log("đã dừng (stopped)");
      process.exit(0);
    } catch (error) {
      console.error("shutdown:", error);
      process.exit(1);
    }
  };
  process.on("SIGTERM", (s) => void stop(s));
  process.on("SIGINT", (s) => void stop(s));
  return { draining: () => draining };
}
