import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../server/app";
import { PUBLIC_LIMIT } from "../../server/auth/public-rate-limit";
import { ManualClock } from "../../server/clock";
import { openDatabase, type Database } from "../../server/db/client";
import { createServices } from "../../server/services";
import { databaseKinds, freshDatabase } from "../support/databases";

/**
 * Two server processes, as far as the limit can tell: two apps with services of their own, each with its
 * own connection pool on PostgreSQL, on one database. The public look-up limit is counted there, not per process.
 */
describe.each(databaseKinds)("the public look-up limit across two processes on %s", (kind) => {
  let database: Database & { dispose(): Promise<void>; url?: string };
  let second: Database;
  let apps: App[];
  const clock = new ManualClock("2026-11-24T03:00:00Z");
  beforeAll(async () => {
    database = await freshDatabase(kind);
    second = database.url ? openDatabase({ url: database.url, dataDir: "unused" }) : database;
    apps = [createApp(await createServices({ database, clock })), createApp(await createServices({ database: second, clock }))];
  });
  afterAll(async () => {
    if (second !== database) await second.close();
    await database.dispose();
  });

  const lookup = (app: App, address: string) =>
    Promise.resolve(app.request("/api/public/dossiers/KT-2026-AAAAAA", {}, { incoming: { socket: { remoteAddress: address, remotePort: 40000, remoteFamily: "IPv4" } } }));

  it(`lets exactly ${PUBLIC_LIMIT} look-ups a minute from one address through, whichever process answers, even all at once`, async () => {
    const address = "198.51.100.20";
    const answers = await Promise.all(Array.from({ length: PUBLIC_LIMIT * 2 }, (_, i) => lookup(apps[i % 2]!, address)));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 404)).toHaveLength(PUBLIC_LIMIT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(PUBLIC_LIMIT);
    const refused = answers.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ error: { code: "RATE_LIMITED" } });
    // Another address is not affected; the next window starts afresh on both.
    expect((await lookup(apps[1]!, "198.51.100.21")).status).toBe(404);
    clock.advance(60_000);
    expect((await lookup(apps[0]!, address)).status).toBe(404);
    expect((await lookup(apps[1]!, address)).status).toBe(404);
  });
});
