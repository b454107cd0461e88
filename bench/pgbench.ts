import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { postgresCpuMs } from "./server-process";

const PGBENCH = ["/usr/lib/postgresql/15/bin/pgbench", "/usr/bin/pgbench"].find((p) => existsSync(p)) ?? "pgbench";

/**
 * PostgreSQL's own limit on this machine: `pgbench -N` (simple update: three statements and one commit per
 * transaction) with `clients` clients for `seconds`, on a database created for it next to `url`'s and
 * dropped afterwards. Returns TPS without connection time.
 */
export async function runPgbench(url: string, clients: number, seconds: number): Promise<{ tps: number; database: string; dbCpuMsPerTransaction: number }> {
  const postgres = (await import("postgres")).default;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  const name = `hoso_pgbench_${process.pid}`;
  await admin.unsafe(`drop database if exists ${name}`);
  await admin.unsafe(`create database ${name}`);
  try {
    const target = new URL(url);
    target.pathname = `/${name}`;
    const conn = target.toString();
    execFileSync(PGBENCH, ["-i", "-q", "-s", "10", conn], { stdio: "pipe" });
    const cpuBefore = postgresCpuMs();
    const out = execFileSync(PGBENCH, ["-N", "-c", String(clients), "-j", "2", "-T", String(seconds), conn], { encoding: "utf8", stdio: "pipe" });
    const dbCpuMs = postgresCpuMs() - cpuBefore;
    const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1]);
    if (!Number.isFinite(tps)) throw new Error(`pgbench said:\n${out}`);
    const transactions = Number(/number of transactions actually processed: (\d+)/.exec(out)?.[1]);
    return { tps, database: name, dbCpuMsPerTransaction: dbCpuMs / transactions };
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
