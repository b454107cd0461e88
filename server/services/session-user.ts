import { sql, type SQL } from "drizzle-orm";
import type { Role } from "../../workflows";
import type { Db } from "../db/client";
import { apiKeys, grants, sessions, units, users } from "../db/schema";
import type { SessionUser } from "../identity";

type UserRow = { id: string; username: string; displayName: string; disabled: boolean; grants: unknown; below: unknown };

/**
 * What every request needs to know about its caller: the user, their grants with unit names, and per
 * role the units below each granted unit (for tasks visible to ancestor units), for the user `which`
 * selects, with the `extra` columns. One query, since every request pays for it: round trips to the
 * database are what a transition's time is made of.
 */
function userQuery(which: SQL, extra: SQL = sql``, grantFilter: SQL = sql``) {
  return sql`
    select u.id, u.username, u.display_name as "displayName", u.disabled${extra},
      coalesce((select json_agg(json_build_object('role', g.role, 'unitId', g.unit_id, 'unitName', un.name) order by g.created_at, g.role)
                  from ${grants} g join ${units} un on un.id = g.unit_id where g.user_id = u.id${grantFilter}), '[]') as grants,
      coalesce((with recursive down(role, id) as (
                  select g.role, c.id from ${grants} g join ${units} c on c.parent_id = g.unit_id
                   where g.user_id = u.id and g.role <> 'applicant'${grantFilter}
                  union
                  select down.role, c.id from down join ${units} c on c.parent_id = down.id
                )
                select json_agg(json_build_object('role', role, 'id', id)) from down), '[]') as below
      from ${which}`;
}

function sessionUserOf(row: UserRow | undefined): SessionUser | null {
  if (!row || row.disabled) return null;
  const held = json<SessionUser["grants"]>(row.grants);
  const below: Partial<Record<Role, string[]>> = {};
  for (const r of json<{ role: Role; id: string }[]>(row.below)) (below[r.role] ??= []).push(r.id);
  return { id: row.id, username: row.username, displayName: row.displayName, grants: held, below };
}

/** Loads a user as a request's caller (null when unknown or disabled). */
export async function loadSessionUser(db: Db, userId: string): Promise<SessionUser | null> {
  const result = await db.execute(userQuery(sql`${users} u where u.id = ${userId}`));
  return sessionUserOf(rowsOf<UserRow>(result)[0]);
}

/**
 * The live session with this token hash and its enabled user, in the same single query (the session
 * lookup and the caller's grants are one round trip per request, not two).
 */
export async function loadSession(db: Db, tokenHash: string, now: Date): Promise<{ user: SessionUser; csrfToken: string } | null> {
  const result = await db.execute(
    userQuery(
      sql`${sessions} s join ${users} u on u.id = s.user_id where s.token_hash = ${tokenHash} and s.expires_at > ${now.toISOString()}::timestamptz`,
      sql`, s.csrf_token as "csrfToken"`,
    ),
  );
  const row = rowsOf<UserRow & { csrfToken: string }>(result)[0];
  const user = sessionUserOf(row);
  return user && row ? { user, csrfToken: row.csrfToken } : null;
}

/** What an API key lets its caller do, besides acting as its user in its unit. */
export type ApiKeyLimits = { id: string; scope: "read" | "write"; routes: string[]; lastUsedAt: Date | null };

/**
 * The live (not revoked, not expired) API key with this token hash, and its enabled user holding only his
 * grants in the key's unit (and what lies below them), in one query like a session's.
 */
export async function loadApiKey(db: Db, tokenHash: string, now: Date): Promise<{ user: SessionUser; key: ApiKeyLimits } | null> {
  const result = await db.execute(
    userQuery(
      sql`${apiKeys} k join ${users} u on u.id = k.user_id where k.token_hash = ${tokenHash} and k.revoked_at is null and (k.expires_at is null or k.expires_at > ${now.toISOString()}::timestamptz)`,
      sql`, k.id as "keyId", k.scope, k.routes, k.last_used_at as "lastUsedAt"`,
      sql` and g.unit_id = k.unit_id`,
    ),
  );
  const row = rowsOf<UserRow & { keyId: string; scope: "read" | "write"; routes: string[] | string; lastUsedAt: string | Date | null }>(result)[0];
  const user = sessionUserOf(row);
  if (!user || !row) return null;
  // The drivers return a text[] as an array (postgres.js) or its literal (PGlite via execute): accept both.
  const routes = Array.isArray(row.routes) ? row.routes : row.routes.replace(/^\{|\}$/g, "").split(",").filter(Boolean);
  return { user, key: { id: row.keyId, scope: row.scope, routes, lastUsedAt: row.lastUsedAt ? new Date(row.lastUsedAt) : null } };
}

/** A `json` column as parsed by the driver (both parse it; a string is parsed here to be sure). */
function json<T>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}

/** `db.execute` answers with an array (postgres.js) or `{ rows }` (PGlite). */
export function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}
