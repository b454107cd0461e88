/**
 * PGlite alone: how long opening a folder takes after `kill -9`, against how much WAL was written since
 * the last checkpoint (issue 21, item 5). A child process writes about `MB` MiB of rows (with
 * `CKPT=n`, a `CHECKPOINT` after every n batches, as `server/db/embedded-checkpoints.ts` does by WAL size)
 * and SIGKILLs itself; the parent times opening the folder again.
 *
 *   npx tsx bench/pglite-wal-replay.ts 100          (no checkpoints: all the WAL is replayed)
 *   CKPT=50 npx tsx bench/pglite-wal-replay.ts 100  (checkpoints while writing)
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";

const [mode, dir, mb] = process.argv[2] === "child" ? process.argv.slice(2) : ["parent", "", process.argv[2] ?? "100"];

if (mode === "child") {
  const pg = new PGlite(dir!);
  await pg.waitReady;
  await pg.exec("create table if not exists t (id serial primary key, v text, j jsonb)");
  const checkpoints: number[] = [];
  const rows = (Number(mb) * 1024) / 2;
  for (let i = 0; i < rows; i += 100) {
    await pg.exec(`begin; insert into t (v, j) select repeat(md5(g::text), 20), jsonb_build_object('a', g) from generate_series(1, 100) g;
      update t set j = j || '{"b":1}' where id % 50 = ${i % 50}; commit;`);
    if (process.env.CKPT && (i / 100) % Number(process.env.CKPT) === 0) {
      const c0 = performance.now();
      await pg.exec("checkpoint");
      checkpoints.push(performance.now() - c0);
    }
  }
  const segments = readdirSync(join(dir!, "pg_wal")).filter((f) => /^[0-9A-F]{24}$/.test(f)).length;
  const average = checkpoints.reduce((a, b) => a + b, 0) / Math.max(1, checkpoints.length);
  console.log(`child: WAL segments ${segments}; ${checkpoints.length} checkpoints, average ${average.toFixed(0)} ms, longest ${Math.max(0, ...checkpoints).toFixed(0)} ms`);
  process.kill(process.pid, "SIGKILL");
} else {
  const folder = mkdtempSync(join(tmpdir(), "hoso-wal-replay-"));
  const open = async () => {
    const t = performance.now();
    const pg = new PGlite(folder);
    await pg.waitReady;
    return { pg, ms: performance.now() - t };
  };
  await (await open()).pg.close();
  const clean = await open();
  await clean.pg.close();
  const t = performance.now();
  const child = spawnSync(process.execPath, ["--import", "tsx", process.argv[1]!, "child", folder, mb!], { stdio: "inherit" });
  const wrote = performance.now() - t;
  const recovered = await open();
  const { rows } = await recovered.pg.query<{ n: number }>("select count(*)::int as n from t");
  await recovered.pg.close();
  rmSync(folder, { recursive: true, force: true });
  console.log(`open after a clean close ${clean.ms.toFixed(0)} ms; writing ${wrote.toFixed(0)} ms (${child.signal}); open after kill -9 ${recovered.ms.toFixed(0)} ms; ${rows[0]!.n} rows`);
}
