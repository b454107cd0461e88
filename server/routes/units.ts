import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { requireUser } from "../auth/require-user";
import type { UnitRow } from "../services/units";

export function unitView(unit: UnitRow) {
  return { id: unit.id, parentId: unit.parentId, kind: unit.kind, name: unit.name, code: unit.code, retiredAt: unit.retiredAt?.toISOString() ?? null, suspendedAt: unit.suspendedAt?.toISOString() ?? null, termFrom: unit.termFrom };
}

/**
 * `GET /api/units`: the organisation tree, for unit pickers (names are not secret, but sign-in is required);
 * retired units (dissolved associations) are left out — no new dossier may name them.
 */
export const unitRoutes = new Hono<AppEnv>().get("/", async (c) => {
  requireUser(c);
  return c.json({ items: (await c.var.services.units.list()).filter((u) => !u.retiredAt).map(unitView) });
});
