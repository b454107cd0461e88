import type { Role } from "../workflows";

/** A role a user holds in an organisation unit. */
export type Grant = { role: Role; unitId: string; unitName: string };

/** The signed-in person, as every route sees them. */
export type SessionUser = {
  id: string;
  username: string;
  displayName: string;
  grants: Grant[];
  /** Per role, the units strictly below a unit where the user holds it (tasks `visibleToAncestors`). */
  below: Partial<Record<Role, string[]>>;
};

/** The grants that make someone an official (everything but `applicant`). */
export function officialGrants(user: SessionUser): Grant[] {
  return user.grants.filter((g) => g.role !== "applicant");
}

/** True when `user` holds `role` in `unitId`, or above it when `viaAncestors`. */
export function holdsRole(user: SessionUser, role: Role, unitId: string | null, viaAncestors: boolean): boolean {
  if (!unitId) return false;
  if (user.grants.some((g) => g.role === role && g.unitId === unitId)) return true;
  return viaAncestors && (user.below[role] ?? []).includes(unitId);
}
