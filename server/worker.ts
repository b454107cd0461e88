import { ManualClock, systemClock } from "./clock";
import { openDatabase } from "./db/client";
import { readEnv } from "./env";
import { Scheduler, type TickResult } from "./scheduler/scheduler";
import { createServices } from "./services";

/**
 * `npm run worker`: the scheduler alone, as a separate process (any number of them, next to `npm start`,
 * on one PostgreSQL). Options: `--drain` fires what is due and exits.
 *
 * Started by `child_process.fork` (an IPC channel exists), it says `{ ready }` once migrated, waits for
 * `{ go }` and reports `{ done, fired }` — so a test can start two workers at the same moment.
 */
async function main() {
  const env = readEnv();
  const drain = process.argv.includes("--drain");
  const database = openDatabase({ url: env.DATABASE_URL, dataDir: env.HOSO_DATA_DIR });
  const services = await createServices({
    database,
    clock: env.HOSO_FAKE_NOW ? new ManualClock(env.HOSO_FAKE_NOW) : systemClock,
    codePrefix: env.HOSO_CODE_PREFIX,
    production: env.NODE_ENV === "production",
    reminderDays: env.HOSO_REMINDER_DAYS,
  });
  const scheduler = new Scheduler(services, { batchSize: 25 });
  if (process.send) {
    process.send({ ready: true });
    await new Promise<void>((resolve) => process.once("message", () => resolve()));
  }
  if (drain) {
    const fired: string[] = [];
    let pass: TickResult;
    do {
      pass = await scheduler.runDue();
      fired.push(...pass.fired);
    } while (pass.claimed > 0 || pass.dispatched > 0);
    await database.close();
    if (process.send) process.send({ done: true, fired }, () => process.exit(0));
    else console.log(JSON.stringify({ fired: fired.length }));
    return;
  }
  scheduler.start(Math.max(1000, env.HOSO_SCHEDULER_INTERVAL_MS || 10_000));
  console.log("Hoso worker: scheduler running");
  const stop = async () => {
    await scheduler.stop();
    await database.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
