import type { Context } from "hono";
import { and, inArray, isNull } from "drizzle-orm";
import type { AppEnv } from "../app-env";
import { units } from "../db/schema";
import { DomainError } from "../errors";
import type { SessionUser } from "../identity";
import { requireRole } from "./require-user";

/**
 * What an admin may manage: the units where they hold `admin` and every unit below them. An admin of a
 * commune manages the commune's subtree, not the province (README, "Admins and their units").
 */
export type AdminScope = {
  user: SessionUser;
  /** The units of the admin's subtrees. */
  units: ReadonlySet<string>;
  /** The units where the admin role itself is granted (the tops of the subtrees). */
  tops: ReadonlySet<string>;
};

/** The signed-in admin and their subtree, or 403. */
export function requireAdmin(c: Context<AppEnv>): AdminScope {
  const user = requireRole(c, "admin");
  const tops = new Set(user.grants.filter((g) => g.role === "admin").map((g) => g.unitId));
  return { user, tops, units: new Set([...tops, ...(user.below.admin ?? [])]) };
}

/** Refuses a unit outside the admin's subtree (units are public, so saying so leaks nothing). */
export function requireUnitInScope(scope: AdminScope, unitId: string, path?: string): void {
  if (scope.units.has(unitId)) return;
  const message = "Đơn vị này nằm ngoài phạm vi quản trị của bạn";
  throw new DomainError("ADMIN_OUT_OF_SCOPE", message, {
    messageEn: "the unit is outside the units you administer",
    ...(path ? { fields: [{ path, message }] } : {}),
  });
}

/**
 * The parent under which a unit is created or moved, or the parent of a unit moved or deleted, must be in
 * the subtree: an admin reorganises the units below his own, never his own unit's place in the tree. No
 * parent (a root unit) only for an admin of a root unit.
 */
export async function requireParentInScope(c: Context<AppEnv>, scope: AdminScope, parentId: string | null, path?: string): Promise<void> {
  if (parentId !== null) return requireUnitInScope(scope, parentId, path);
  await requireRootAdmin(c, scope);
}

/**
 * The signed-in admin of a root unit (one without a parent), or 403: workflows, forms and the calendar
 * apply to the whole organisation.
 */
export async function requireRootAdmin(c: Context<AppEnv>, scope: AdminScope = requireAdmin(c)): Promise<SessionUser> {
  const roots = scope.tops.size
    ? await c.var.services.database.db
        .select({ id: units.id })
        .from(units)
        .where(and(inArray(units.id, [...scope.tops]), isNull(units.parentId)))
        .limit(1)
    : [];
  if (roots.length === 0) {
    throw new DomainError("ROOT_ADMIN_REQUIRED", "Chỉ quản trị viên cấp cao nhất (tỉnh) được thực hiện thao tác này", {
      messageEn: "requires the admin role in a root unit",
    });
  }
  return scope.user;
}
