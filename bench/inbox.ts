import { sql } from "drizzle-orm";
import type { Db } from "../server/db/client";
import { rowsOf } from "../server/services/session-user";
import { APPROVAL_KEY } from "./approval";
import { HttpClient } from "./http-client";
import { percentiles } from "./stats";
import { BENCH_PASSWORD, benchUser } from "./world";

export const INBOX_UNITS = 100;

/**
 * A production-sized database, set-based (`insert … select generate_series`): `1,000,000 × scale`
 * dossiers over the first 100 bench units, of which `100,000 × scale` wait in review with an open
 * specialist task (a third with a due date) and the rest are approved, each with its closed task.
 * History rows are not made: neither the inbox nor the status lookup reads them.
 */
export async function seedInbox(db: Db, scale: number): Promise<{ dossiers: number; openTasks: number; seconds: number }> {
  const started = performance.now();
  const dossiers = Math.round(1_000_000 * scale);
  const open = Math.round(100_000 * scale);
  const [wf] = rowsOf<{ version: number }>(await db.execute(sql`select max(version)::int as version from workflow_definitions where key = ${APPROVAL_KEY}`));
  const version = wf!.version;
  const id = (prefix: string) => sql.raw(`('${prefix}' || lpad(to_hex(g), 12, '0'))::uuid`);
  await db.execute(sql`insert into instances (id, code, workflow_key, workflow_version, state, status, snapshot, version, title, starter_id, starter_unit_id, unit_id, created_at, updated_at)
    select ${id("c0000000-0000-4000-8000-")}, 'KT-2026-S' || lpad(g::text, 7, '0'), ${APPROVAL_KEY}, ${version},
           case when g <= ${open} then array['review'] else array['approved'] end,
           case when g <= ${open} then 'active' else 'done' end,
           jsonb_build_object('value', case when g <= ${open} then 'review' else 'approved' end, 'context', jsonb_build_object('data', jsonb_build_object('name', 'Hồ sơ số ' || g)),
                              'status', case when g <= ${open} then 'active' else 'done' end),
           case when g <= ${open} then 2 else 4 end, 'Hồ sơ số ' || g,
           ('b2000000-0000-4000-8000-' || lpad((g % ${INBOX_UNITS} + 1)::text, 12, '0'))::uuid,
           ('b1000000-0000-4000-8000-' || lpad((g % ${INBOX_UNITS} + 1)::text, 12, '0'))::uuid,
           ('b1000000-0000-4000-8000-' || lpad((g % ${INBOX_UNITS} + 1)::text, 12, '0'))::uuid,
           now() - (g || ' seconds')::interval, now()
    from generate_series(1, ${dossiers}) g`);
  await db.execute(sql`insert into tasks (id, instance_id, workflow_key, state, role, unit_id, visible_to_ancestors, created_at, due_at, closed_at)
    select gen_random_uuid(), ${id("c0000000-0000-4000-8000-")}, ${APPROVAL_KEY},
           case when g <= ${open} then 'review' else 'decision' end,
           case when g <= ${open} then 'specialist' else 'leader' end,
           ('b1000000-0000-4000-8000-' || lpad((g % ${INBOX_UNITS} + 1)::text, 12, '0'))::uuid, false,
           now() - (g || ' seconds')::interval,
           case when g % 3 = 0 then now() + ((g % 40) || ' days')::interval end,
           case when g <= ${open} then null else now() end
    from generate_series(1, ${dossiers}) g`);
  await db.execute(sql`analyze`);
  return { dossiers, openTasks: open, seconds: (performance.now() - started) / 1000 };
}

/**
 * `GET /api/tasks` (first page, the default) as the specialists of the inbox units, one request at a
 * time (the latency of one inbox, not the throughput), `requests` in all after a warm-up.
 */
export async function benchInbox(base: URL, requests: number): Promise<ReturnType<typeof percentiles> & { itemsSeen: number; totalPerInbox: number }> {
  const http = new HttpClient(base, 1);
  const sessions = [];
  for (let i = 1; i <= 10; i++) sessions.push(await http.login(benchUser("specialist", i * 10), BENCH_PASSWORD));
  let totalPerInbox = 0;
  let itemsSeen = 0;
  for (const s of sessions) await http.call("GET", "/api/tasks", s); // warm-up
  const latencies: number[] = [];
  for (let r = 0; r < requests; r++) {
    const t0 = performance.now();
    const res = await http.call("GET", "/api/tasks", sessions[r % sessions.length]!);
    latencies.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`GET /api/tasks: ${res.status} ${JSON.stringify(res.body)}`);
    itemsSeen = res.body.items.length;
    totalPerInbox = res.body.total;
  }
  http.close();
  return { ...percentiles(latencies), itemsSeen, totalPerInbox };
}
