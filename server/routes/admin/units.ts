import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../../app-env";
import { requireRole } from "../../auth/require-user";
import { UNIT_KINDS } from "../../db/schema";
import { readJson } from "../../request";
import { unitView } from "../units";

export const UnitBody = z
  .object({
    parentId: z.string().uuid().nullable().optional(),
    kind: z.enum(UNIT_KINDS),
    name: z.string().trim().min(1).max(200),
    code: z.string().trim().min(1).max(30).nullable().optional(),
  })
  .strict();
export const UnitPatch = UnitBody.partial().strict();

/** Admin: the organisation tree. */
export const adminUnitRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    requireRole(c, "admin");
    return c.json({ items: (await c.var.services.units.list()).map(unitView) });
  })
  .post("/", async (c) => {
    requireRole(c, "admin");
    const body = await readJson(c, UnitBody);
    return c.json(unitView(await c.var.services.units.create(body)), 201);
  })
  .patch("/:id", async (c) => {
    requireRole(c, "admin");
    const body = await readJson(c, UnitPatch);
    return c.json(unitView(await c.var.services.units.update(c.req.param("id"), body)));
  })
  .delete("/:id", async (c) => {
    requireRole(c, "admin");
    await c.var.services.units.remove(c.req.param("id"));
    return c.body(null, 204);
  });
