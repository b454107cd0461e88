/**
 * `npx tsx scripts/explain-inbox.ts`: fills a database with 100,000 open tasks (and their dossiers) with
 * `insert … select generate_series`, then prints `EXPLAIN ANALYZE` of the `GET /api/tasks` queries for
 * the demo specialist of Sở Nội vụ. Uses DATABASE_URL when set, else an in-memory PGlite.
 *
 * Two shapes: tasks spread over 1,000 units (the usual case: an official sees a few hundred), and every
 * task in the caller's own unit (the worst case for one inbox).
 */
import { sql } from "drizzle-orm";
import { openDatabase } from "../server/db/client";
import { createServices } from "../server/services";
import { loadSessionUser, rowsOf } from "../server/services/session-user";
import { seedDemo } from "../server/seed";
import { DEMO_UNITS, DEMO_USERS } from "../server/seed/demo-world";

const TASKS = 100_000;
const database = openDatabase({ url: process.env.DATABASE_URL, dataDir: "memory://" });
const services = await createServices({ database });
await seedDemo(services);
const { db } = database;

async function fill(shape: "spread" | "one-unit") {
  await db.execute(sql`delete from tasks where instance_id in (select id from instances where title like 'Bench %')`);
  await db.execute(sql`delete from instances where title like 'Bench %'`);
  await db.execute(sql`delete from units where name like 'Bench unit %'`);
  // 999 other units under the province, plus Sở Nội vụ: task i lands in unit i mod 1000 (spread) or always in Sở Nội vụ.
  await db.execute(sql`insert into units (id, parent_id, kind, name, created_at)
    select ('10000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid, ${DEMO_UNITS.konTum}::uuid, 'commune', 'Bench unit ' || g, now()
    from generate_series(1, 999) g`);
  await db.execute(sql`insert into instances (id, code, workflow_key, workflow_version, state, status, snapshot, version, title, starter_id, unit_id, created_at, updated_at)
    select ('20000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid, 'KT-2026-B' || lpad(g::text, 6, '0'), 'association-founding', 1,
           array['committeeReview'], 'active', '{"value":"committeeReview","context":{"data":{}},"status":"active"}'::jsonb, 2,
           'Bench hội số ' || g, ${DEMO_USERS.nguoinop.id}::uuid, null, now() - (g || ' minutes')::interval, now()
    from generate_series(1, ${TASKS}) g`);
  await db.execute(sql`insert into tasks (id, instance_id, workflow_key, state, role, unit_id, visible_to_ancestors, created_at, due_at)
    select gen_random_uuid(), ('20000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid, 'association-founding', 'committeeReview', 'specialist',
           case when ${shape} = 'one-unit' or g % 1000 = 0 then ${DEMO_UNITS.soNoiVu}::uuid
                else ('10000000-0000-4000-8000-' || lpad((g % 1000)::text, 12, '0'))::uuid end,
           false, now() - (g || ' minutes')::interval, case when g % 3 = 0 then now() + ((g % 40) || ' days')::interval end
    from generate_series(1, ${TASKS}) g`);
  await db.execute(sql`analyze`);
}

const user = (await loadSessionUser(db, DEMO_USERS.chuyenvien.id))!;
for (const shape of ["spread", "one-unit"] as const) {
  await fill(shape);
  const [open] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from tasks where closed_at is null`));
  console.log(`\n=== ${shape === "spread" ? "100,000 open tasks over 1,000 units" : "100,000 open tasks, all in the caller's unit"} (open tasks in the database: ${open?.n}) ===`);
  for (const [label, filter] of [
    ["first page", { page: 1, pageSize: 20 }],
    ["text search", { page: 1, pageSize: 20, q: "B0009" }],
  ] as const) {
    const { rows, count } = services.tasks.inboxQuery(user, filter);
    for (const [part, query] of [["page", rows], ["count", count]] as const) {
      const plan = rowsOf<Record<string, string>>(await db.execute(sql`explain (analyze, costs off, timing on, summary on) ${query}`));
      console.log(`\n--- GET /api/tasks (${label}): ${part} query ---`);
      console.log(plan.map((r) => Object.values(r)[0]).join("\n"));
    }
  }
  const started = performance.now();
  const page = await services.tasks.inbox(user, { page: 1, pageSize: 20 });
  console.log(`\nGET /api/tasks through the service: ${page.items.length} items of ${page.total} in ${(performance.now() - started).toFixed(1)} ms`);
}
await database.close();
