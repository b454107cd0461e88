import { Hono } from "hono";
import { z } from "zod";
import { Role } from "../../../workflows";
import type { AppEnv } from "../../app-env";
import { requireAdmin, requireUnitInScope } from "../../auth/admin-scope";
import { DomainError } from "../../errors";
import { readJson, readQuery } from "../../request";

/** `position`: the holder's title in the unit ("Giám đốc", "Phó Chủ tịch"), printed where he signs. */
export const GrantBody = z.object({ userId: z.string().uuid(), role: Role, unitId: z.string().uuid(), position: z.string().trim().min(1).max(100).optional() }).strict();
export const GrantQuery = z.object({ userId: z.string().uuid().optional(), unitId: z.string().uuid().optional() });

/** Admin: who holds which role in which unit, within the admin's subtree. */
export const adminGrantRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const scope = requireAdmin(c);
    return c.json({ items: await c.var.services.people.listGrants(readQuery(c, GrantQuery), scope.units) });
  })
  .post("/", async (c) => {
    const scope = requireAdmin(c);
    const body = await readJson(c, GrantBody);
    const { people, units } = c.var.services;
    const unit = await units.get(body.unitId);
    requireUnitInScope(scope, body.unitId, "/unitId");
    if (unit.retiredAt) {
      const message = "Đơn vị này đã giải thể, không giao vai trò được nữa";
      throw new DomainError("VALIDATION_FAILED", message, { messageEn: "the unit has been dissolved", fields: [{ path: "/unitId", message }] });
    }
    const grant = await people.grant(body.userId, body.role, body.unitId, scope.units, body.position ?? null);
    return c.json({ id: grant.id, userId: grant.userId, role: grant.role, unitId: grant.unitId, position: grant.position }, 201);
  })
  .delete("/:id", async (c) => {
    const scope = requireAdmin(c);
    await c.var.services.people.revokeGrant(c.req.param("id"), scope.units);
    return c.body(null, 204);
  });
