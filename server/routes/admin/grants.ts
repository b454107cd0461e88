import { Hono } from "hono";
import { z } from "zod";
import { Role } from "../../../workflows";
import type { AppEnv } from "../../app-env";
import { requireRole } from "../../auth/require-user";
import { readJson, readQuery } from "../../request";

export const GrantBody = z.object({ userId: z.string().uuid(), role: Role, unitId: z.string().uuid() }).strict();
export const GrantQuery = z.object({ userId: z.string().uuid().optional(), unitId: z.string().uuid().optional() });

/** Admin: who holds which role in which unit. */
export const adminGrantRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    requireRole(c, "admin");
    return c.json({ items: await c.var.services.people.listGrants(readQuery(c, GrantQuery)) });
  })
  .post("/", async (c) => {
    requireRole(c, "admin");
    const body = await readJson(c, GrantBody);
    const grant = await c.var.services.people.grant(body.userId, body.role, body.unitId);
    return c.json({ id: grant.id, userId: grant.userId, role: grant.role, unitId: grant.unitId }, 201);
  })
  .delete("/:id", async (c) => {
    requireRole(c, "admin");
    await c.var.services.people.revokeGrant(c.req.param("id"));
    return c.body(null, 204);
  });
