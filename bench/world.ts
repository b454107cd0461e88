import { sql } from "drizzle-orm";
import type { Db } from "../server/db/client";
import { hashPassword } from "../server/auth/passwords";
import type { Services } from "../server/services";
import { approvalDefinition } from "./approval";

export const BENCH_PASSWORD = "bench-mat-khau";
export const BENCH_PROVINCE = "b0000000-0000-4000-8000-000000000000";

/** The deterministic id of bench unit `i` (1-based). */
export const benchUnit = (i: number) => `b1000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
/** The deterministic user id of the applicant, specialist or leader of bench unit `i`. */
export const benchUserId = (role: "applicant" | "specialist" | "leader", i: number) =>
  `${{ applicant: "b2", specialist: "b3", leader: "b4" }[role]}000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
/** The three people of bench unit `i`: its applicant, specialist and leader. */
export const benchUser = (role: "applicant" | "specialist" | "leader", i: number) => `bench-${role}-${i}`;

/**
 * The benchmark world, set-based: a province with `units` communes under it, and in each an applicant,
 * a specialist and a leader (one password hash computed once, so that 300 accounts take no time), and
 * the approval workflow published.
 */
export async function seedBenchWorld(services: Services, units: number): Promise<void> {
  const { db } = services.database;
  await services.registry.publish(approvalDefinition, null, { unlessUnchanged: true });
  const hash = await hashPassword(BENCH_PASSWORD);
  await db.execute(sql`insert into units (id, parent_id, kind, name, created_at)
    values (${BENCH_PROVINCE}::uuid, null, 'province', 'Tỉnh đo hiệu năng', now()) on conflict do nothing`);
  await db.execute(sql`insert into units (id, parent_id, kind, name, created_at)
    select ('b1000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid, ${BENCH_PROVINCE}::uuid, 'commune', 'Xã đo ' || g, now()
    from generate_series(1, ${units}) g on conflict do nothing`);
  for (const [role, prefix] of [["applicant", "b2"], ["specialist", "b3"], ["leader", "b4"]] as const) {
    await db.execute(sql`insert into users (id, username, display_name, password_hash, created_at)
      select (${prefix} || '000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid, 'bench-' || ${role} || '-' || g, 'Người đo ' || g, ${hash}, now()
      from generate_series(1, ${units}) g on conflict do nothing`);
    await db.execute(sql`insert into grants (id, user_id, role, unit_id, created_at)
      select gen_random_uuid(), (${prefix} || '000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid, ${role}, ('b1000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid, now()
      from generate_series(1, ${units}) g on conflict do nothing`);
  }
}

/** Counts rows of a table (for the report). */
export async function countRows(db: Db, table: string): Promise<number> {
  const result = (await db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown;
  const rows = Array.isArray(result) ? result : (result as { rows: { n: number }[] }).rows;
  return (rows[0] as { n: number }).n;
}
