import { asc, eq, sql } from "drizzle-orm";
import type { Role } from "../../workflows";
import type { Db } from "../db/client";
import { grants, units, users } from "../db/schema";
import type { SessionUser } from "../identity";

/**
 * Loads what every request needs to know about its caller: the user, their grants with unit names, and
 * per role the units below each granted unit (for tasks visible to ancestor units).
 */
export async function loadSessionUser(db: Db, userId: string): Promise<SessionUser | null> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user || user.disabled) return null;
  const held = await db
    .select({ role: grants.role, unitId: grants.unitId, unitName: units.name })
    .from(grants)
    .innerJoin(units, eq(units.id, grants.unitId))
    .where(eq(grants.userId, userId))
    .orderBy(asc(grants.createdAt), asc(grants.role));
  const below: Partial<Record<Role, string[]>> = {};
  if (held.some((g) => g.role !== "applicant")) {
    const rows = await db.execute(sql`
      with recursive down(role, id) as (
        select g.role, u.id from ${grants} g join ${units} u on u.parent_id = g.unit_id
         where g.user_id = ${userId} and g.role <> 'applicant'
        union
        select down.role, u.id from down join ${units} u on u.parent_id = down.id
      )
      select role, id from down`);
    for (const row of rowsOf<{ role: Role; id: string }>(rows)) (below[row.role] ??= []).push(row.id);
  }
  return { id: user.id, username: user.username, displayName: user.displayName, grants: held, below };
}

/** `db.execute` answers with an array (postgres.js) or `{ rows }` (PGlite). */
export function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}
