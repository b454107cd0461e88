import { execFile } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { freePort } from "../../bench/server-process";

const run = promisify(execFile);

/** A throwaway PostgreSQL cluster of its own (Debian's `initdb` / `pg_ctl`), which a test may stop and restart. */
export type PgCluster = {
  url: string;
  /** `pg_ctl restart -m fast`: every connection is cut (57P01 admin_shutdown), then the server comes back. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
  dispose(): Promise<void>;
};

/** The folder of Debian's PostgreSQL binaries (the newest version installed), or null when there is none. */
export function postgresBinaries(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, "bin", "initdb")) && existsSync(join(root, v, "bin", "pg_ctl")))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0]!, "bin") : null;
}

/** `initdb` refuses root: as root, the cluster belongs to the `postgres` account. */
const asRoot = userInfo().uid === 0;
function command(bin: string, args: string[]) {
  return asRoot ? run("runuser", ["-u", "postgres", "--", bin, ...args]) : run(bin, args);
}

/** Creates and starts a cluster in a temporary folder on a free port (trust authentication, local only). */
export async function startPgCluster(): Promise<PgCluster> {
  const bin = postgresBinaries();
  if (!bin) throw new Error("no PostgreSQL binaries under /usr/lib/postgresql/*/bin");
  const dir = mkdtempSync(join(tmpdir(), "hoso-pg-"));
  if (asRoot) {
    const { stdout } = await run("id", ["-u", "postgres"]);
    const { stdout: gid } = await run("id", ["-g", "postgres"]);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const data = join(dir, "data");
  const port = await freePort();
  await command(join(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8", "--locale", "C"]);
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off -c max_connections=60`;
  const ctl = (...args: string[]) => command(join(bin, "pg_ctl"), ["-D", data, "-l", join(dir, "log"), "-o", options, "-w", "-t", "60", ...args]);
  await ctl("start");
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart: async () => void (await ctl("restart", "-m", "fast")),
    stop: async () => void (await ctl("stop", "-m", "fast")),
    start: async () => void (await ctl("start")),
    dispose: async () => {
      await ctl("stop", "-m", "immediate").catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A primary with one synchronous streaming standby (Debian's binaries), for failover tests. */
export type ReplicatedPair = {
  /** Both hosts, the writable one chosen by the driver: `…@127.0.0.1:P1,127.0.0.1:P2/postgres?target_session_attrs=read-write`. */
  url: string;
  /** The primary alone. */
  primaryUrl: string;
  /** `kill -9` of the primary's postmaster (its backends follow): no shutdown checkpoint, no goodbye to clients. */
  killPrimary(): Promise<void>;
  /** `pg_ctl promote` of the standby: it becomes a writable primary. */
  promoteStandby(): Promise<void>;
  dispose(): Promise<void>;
};

/**
 * Starts a primary whose every commit waits until the standby has flushed it (`synchronous_standby_names`,
 * `synchronous_commit = on`), and that standby, cloned with `pg_basebackup -R` and streaming from it.
 */
export async function startReplicatedPair(): Promise<ReplicatedPair> {
  const bin = postgresBinaries();
  if (!bin) throw new Error("no PostgreSQL binaries under /usr/lib/postgresql/*/bin");
  const dir = mkdtempSync(join(tmpdir(), "hoso-pg-pair-"));
  if (asRoot) {
    const { stdout } = await run("id", ["-u", "postgres"]);
    const { stdout: gid } = await run("id", ["-g", "postgres"]);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const [primaryPort, standbyPort] = [await freePort(), await freePort()];
  const primaryData = join(dir, "primary");
  const standbyData = join(dir, "standby");
  const common = `-c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off -c max_connections=60`;
  const ctl = (data: string, port: number, extra: string, ...args: string[]) =>
    command(join(bin, "pg_ctl"), ["-D", data, "-l", `${data}.log`, "-o", `-p ${port} ${common} ${extra}`, "-w", "-t", "60", ...args]);
  await command(join(bin, "initdb"), ["-D", primaryData, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8", "--locale", "C"]);
  await ctl(primaryData, primaryPort, "-c wal_level=replica -c max_wal_senders=4 -c synchronous_standby_names=standby1 -c synchronous_commit=on", "start");
  await command(join(bin, "pg_basebackup"), ["-h", "127.0.0.1", "-p", String(primaryPort), "-U", "postgres", "-D", standbyData, "-R", "-X", "stream", "--no-sync"]);
  // `-R` wrote primary_conninfo without a name; the primary waits for the standby called standby1.
  await command("sh", ["-c", `echo "primary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=postgres application_name=standby1'" >> ${join(standbyData, "postgresql.auto.conf")}`]);
  await ctl(standbyData, standbyPort, "", "start");
  const url = `postgres://postgres@127.0.0.1:${primaryPort},127.0.0.1:${standbyPort}/postgres?target_session_attrs=read-write`;
  return {
    url,
    primaryUrl: `postgres://postgres@127.0.0.1:${primaryPort}/postgres`,
    killPrimary: async () => {
      const pid = Number(readFileSync(join(primaryData, "postmaster.pid"), "utf8").split("\n")[0]);
      process.kill(pid, "SIGKILL");
    },
    promoteStandby: async () => void (await command(join(bin, "pg_ctl"), ["-D", standbyData, "-w", "-t", "60", "promote"])),
    dispose: async () => {
      for (const [data, port] of [[primaryData, primaryPort], [standbyData, standbyPort]] as const) await ctl(data, port, "", "stop", "-m", "immediate").catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
