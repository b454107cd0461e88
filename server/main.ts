import type { Server } from "node:http";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { sql } from "drizzle-orm";
import { createApp } from "./app";
import { isClusterWorker, printsNotices, runCluster } from "./cluster";
import { ManualClock, systemClock } from "./clock";
import { openDatabase } from "./db/client";
import { users } from "./db/schema";
import { lockDataDir } from "./data-dir-lock";
import { readEnv } from "./env";
import { isDatabaseUnavailable } from "./outage-errors";
import { demoAccountLines, demoAccountsPresent, seedDemo } from "./seed";
import { Scheduler } from "./scheduler/scheduler";
import { createServices, type Services } from "./services";
import { onShutdownSignal } from "./shutdown";
import { FileBlobStorage } from "./storage/file-blob-storage";

/** Seeds a fresh embedded database with the demo world; refuses to serve production with demo accounts. */
async function demo(services: Services, env: ReturnType<typeof readEnv>) {
  if (env.NODE_ENV === "production") {
    if (await demoAccountsPresent(services)) throw new Error("Từ chối khởi động: có tài khoản demo với mật khẩu 'demo' trong môi trường production (demo accounts exist in production)");
    return;
  }
  const [count] = await services.database.db.select({ n: sql<number>`count(*)::int` }).from(users);
  if (env.HOSO_DEMO === "1" && !env.DATABASE_URL && (count?.n ?? 0) === 0) {
    await seedDemo(services);
    console.log("Đã nạp dữ liệu demo tỉnh Quảng Ngãi (demo data seeded).");
  }
  if (printsNotices() && (await demoAccountsPresent(services))) console.log(demoAccountLines().join("\n"));
}

/** `npm start`: open (and migrate) the database, build the services, seed the demo, serve HTTP, run the scheduler. */
async function main(env: ReturnType<typeof readEnv>) {
  // The embedded database is one process's: a second server on the same folder refuses to start.
  const unlock = env.DATABASE_URL ? () => {} : lockDataDir(env.HOSO_DATA_DIR);
  const database = openDatabase({ url: env.DATABASE_URL, dataDir: env.HOSO_DATA_DIR });
  const services = await createServices({
    database,
    clock: env.HOSO_FAKE_NOW ? new ManualClock(env.HOSO_FAKE_NOW) : systemClock,
    codePrefix: env.HOSO_CODE_PREFIX,
    production: env.NODE_ENV === "production",
    trustProxy: env.HOSO_TRUST_PROXY === "1",
    // Files stay under the data folder with either database kind.
    storage: new FileBlobStorage(join(env.HOSO_DATA_DIR, "files")),
    maxUploadBytes: env.HOSO_MAX_UPLOAD_MB * 1024 * 1024,
    reminderDays: env.HOSO_REMINDER_DAYS,
  });
  await demo(services, env);
  const scheduler = new Scheduler(services);
  let shutdown: { draining(): boolean } | null = null;
  const app = createApp(services, {
    scheduler: () => (env.HOSO_SCHEDULER_INTERVAL_MS > 0 ? scheduler.state() : "off"),
    draining: () => shutdown?.draining() ?? false,
  });
  // A database outage fails a tick; the next tick tries again.
  const schedulerError = (error: unknown) => (isDatabaseUnavailable(error) ? console.warn("scheduler: database unavailable, retrying on the next tick") : console.error("scheduler:", error));
  if (env.HOSO_SCHEDULER_INTERVAL_MS > 0) scheduler.start(env.HOSO_SCHEDULER_INTERVAL_MS, schedulerError);
  const server = serve({ fetch: app.fetch, port: env.PORT }, (info) => {
    const where = env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : `PGlite in ${env.HOSO_DATA_DIR}`;
    console.log(`Hoso đang chạy tại http://localhost:${info.port} — database: ${where}`);
  });
  shutdown = onShutdownSignal({
    server: server as Server,
    close: async () => {
      await scheduler.stop();
      await database.close();
      unlock();
    },
  });
}

// A driver's promise that nobody awaits, failing because the database went away, must not end the process.
process.on("unhandledRejection", (reason) => {
  if (isDatabaseUnavailable(reason)) return console.warn("database unavailable (unhandled):", (reason as Error).message);
  throw reason;
});

/** One server process, or with `HOSO_PROCESSES` > 1 on PostgreSQL a primary that migrates once and forks the servers. */
async function start() {
  const env = readEnv();
  if (env.HOSO_PROCESSES === 1 || isClusterWorker()) return main(env);
  if (!env.DATABASE_URL) {
    console.warn(`HOSO_PROCESSES=${env.HOSO_PROCESSES} bỏ qua: cơ sở dữ liệu nhúng chỉ dùng được trong một tiến trình (the embedded database serves one process; set DATABASE_URL for more)`);
    return main(env);
  }
  const url = env.DATABASE_URL;
  await runCluster(env.HOSO_PROCESSES, async () => {
    // Migrations run here once, not racing in every worker (each then finds nothing to do).
    const database = openDatabase({ url, dataDir: env.HOSO_DATA_DIR, poolSize: 1 });
    try {
      await database.migrate();
    } finally {
      await database.close();
    }
  });
}

start().catch((error) => {
  console.error(error);
  process.exit(1);
});
