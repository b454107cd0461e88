import { sql } from "drizzle-orm";
import type { Role } from "../../workflows";
import type { Db } from "../db/client";
import { grants, units, users } from "../db/schema";
import type { SessionUser } from "../identity";

/**
 * Loads what every request needs to know about its caller: the user, their grants with unit names, and
 * per role the units below each granted unit (for tasks visible to ancestor units). One query, since
 * every request pays for it: round trips to the database are what a transition's time is made of.
 */
export async function loadSessionUser(db: Db, userId: string): Promise<SessionUser | null> {
  const result = await db.execute(sql`
    select u.id, u.username, u.display_name as "displayName", u.disabled,
      coalesce((select json_agg(json_build_object('role', g.role, 'unitId', g.unit_id, 'unitName', un.name) order by g.created_at, g.role)
                  from ${grants} g join ${units} un on un.id = g.unit_id where g.user_id = u.id), '[]') as grants,
      coalesce((with recursive down(role, id) as (
                  select g.role, c.id from ${grants} g join ${units} c on c.parent_id = g.unit_id
                   where g.user_id = u.id and g.role <> 'applicant'
                  union
                  select down.role, c.id from down join ${units} c on c.parent_id = down.id
                )
                select json_agg(json_build_object('role', role, 'id', id)) from down), '[]') as below
      from ${users} u where u.id = ${userId}`);
  const [user] = rowsOf<{ id: string; username: string; displayName: string; disabled: boolean; grants: unknown; below: unknown }>(result);
  if (!user || user.disabled) return null;
  const held = json<SessionUser["grants"]>(user.grants);
  const below: Partial<Record<Role, string[]>> = {};
  for (const row of json<{ role: Role; id: string }[]>(user.below)) (below[row.role] ??= []).push(row.id);
  return { id: user.id, username: user.username, displayName: user.displayName, grants: held, below };
}

/** A `json` column as parsed by the driver (both parse it; a string is parsed here to be sure). */
function json<T>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}

/** `db.execute` answers with an array (postgres.js) or `{ rows }` (PGlite). */
export function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}
