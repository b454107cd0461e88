import { Hono } from "hono";
import { z } from "zod";
import { Role } from "../../../workflows";
import type { AppEnv } from "../../app-env";
import { requireAdmin, requireUnitInScope } from "../../auth/admin-scope";
import { DomainError } from "../../errors";
import { readJson, readQuery } from "../../request";
import { publicUser } from "../../services/people";

const Password = z.string().min(8, "at least 8 characters").max(200);
export const UserBody = z
  .object({
    username: z.string().trim().regex(/^[a-z0-9][a-z0-9._-]{1,62}$/i, "letters, digits, dot, dash, underscore"),
    displayName: z.string().trim().min(1).max(200),
    password: Password,
    grants: z.array(z.object({ role: Role, unitId: z.string().uuid(), position: z.string().trim().min(1).max(100).optional() })).max(50).optional(),
  })
  .strict();
export const UserPatch = z
  .object({
    displayName: z.string().trim().min(1).max(200).optional(),
    password: Password.optional(),
    disabled: z.boolean().optional(),
    /** The open tasks only this user can act on, as the admin was shown them before disabling him. */
    acknowledgedTasks: z.array(z.string().uuid()).max(500).optional(),
  })
  .strict();

/**
 * Admin: user accounts. An admin manages the users holding no grant outside his subtree (or none at all);
 * anyone else is 404 to him.
 */
export const adminUserRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const scope = requireAdmin(c);
    const { q } = readQuery(c, z.object({ q: z.string().max(100).optional() }));
    return c.json({ items: (await c.var.services.people.list(q, scope.units)).map(publicUser) });
  })
  .get("/:id", async (c) => {
    const scope = requireAdmin(c);
    const { people } = c.var.services;
    const user = await people.manageable(c.req.param("id"), scope.units);
    return c.json({ ...publicUser(user), grants: await people.listGrants({ userId: user.id }) });
  })
  .post("/", async (c) => {
    const scope = requireAdmin(c);
    const body = await readJson(c, UserBody);
    const { people, units } = c.var.services;
    for (const [i, g] of (body.grants ?? []).entries()) {
      await units.get(g.unitId);
      requireUnitInScope(scope, g.unitId, `/grants/${i}/unitId`);
    }
    return c.json(publicUser(await people.create(body)), 201);
  })
  .get("/:id/sole-tasks", async (c) => {
    const scope = requireAdmin(c);
    return c.json({ items: await c.var.services.people.soleTasks(c.req.param("id"), scope.units) });
  })
  .patch("/:id", async (c) => {
    const scope = requireAdmin(c);
    const body = await readJson(c, UserPatch);
    if (body.disabled === true && c.req.param("id") === scope.user.id) {
      // Whoever disables himself is signed out at once and may leave nobody to enable him again.
      throw new DomainError("CANNOT_DISABLE_SELF", "Bạn không thể tự vô hiệu hóa tài khoản của mình", { messageEn: "you cannot disable your own account" });
    }
    return c.json(publicUser(await c.var.services.people.update(c.req.param("id"), body, scope.units)));
  });
