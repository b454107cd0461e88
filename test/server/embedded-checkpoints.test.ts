import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keepRecoveryShort } from "../../server/db/embedded-checkpoints";

/** WAL written since the last checkpoint: what a start after `kill -9` would replay. */
async function walSinceCheckpoint(client: PGlite): Promise<number> {
  const { rows } = await client.query<{ bytes: string }>("select (pg_current_wal_insert_lsn() - redo_lsn)::text as bytes from pg_control_checkpoint()");
  return Number(rows[0]!.bytes);
}

describe("the embedded database checkpoints by itself (PGlite has no checkpointer)", () => {
  let dir: string;
  let client: PGlite;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "hoso-checkpoints-"));
    client = new PGlite(dir);
    await client.waitReady;
    await client.exec("create table t (id serial primary key, v text)");
  });
  afterAll(async () => {
    await client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("leaves the WAL to grow without it, and checkpoints once more than the threshold was written", async () => {
    const keeper = keepRecoveryShort(client, { intervalMs: 3_600_000, afterBytes: 1024 * 1024 });
    try {
      expect(await keeper.check()).toBe(false); // nothing written yet
      await client.exec("insert into t (v) select repeat(md5(g::text), 30) from generate_series(1, 3000) g");
      const before = await walSinceCheckpoint(client);
      expect(before).toBeGreaterThan(1024 * 1024); // single-user PostgreSQL did not checkpoint on its own
      expect(await keeper.check()).toBe(true);
      expect(await walSinceCheckpoint(client)).toBeLessThan(64 * 1024);
      expect(await client.query("select count(*)::int as n from t")).toMatchObject({ rows: [{ n: 3000 }] });
    } finally {
      await keeper.stop();
    }
  });

  it("checks on its interval, and does nothing once stopped", async () => {
    const keeper = keepRecoveryShort(client, { intervalMs: 20, afterBytes: 256 * 1024 });
    await client.exec("insert into t (v) select repeat(md5(g::text), 30) from generate_series(1, 1000) g");
    for (let i = 0; i < 200 && (await walSinceCheckpoint(client)) > 256 * 1024; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await walSinceCheckpoint(client)).toBeLessThan(256 * 1024);
    await keeper.stop();
    await client.exec("insert into t (v) select repeat(md5(g::text), 30) from generate_series(1, 1000) g");
    expect(await keeper.check()).toBe(false);
    await new Promise((r) => setTimeout(r, 100));
    expect(await walSinceCheckpoint(client)).toBeGreaterThan(256 * 1024);
  });
});
