import { Hono } from "hono";
import type { AppEnv } from "../../app-env";
import { requireAdmin, requireUnitInScope } from "../../auth/admin-scope";
import { ApiKeyBody } from "../../auth/api-keys";
import { notFound } from "../../errors";
import { isUuid } from "../../ids";
import { readJson } from "../../request";

/** Admin: API keys of the units in the admin's subtree; the token is shown once, in the creation's answer. */
export const adminApiKeyRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const scope = requireAdmin(c);
    return c.json({ items: await c.var.services.apiKeys.list(scope.units) });
  })
  .post("/", async (c) => {
    const scope = requireAdmin(c);
    const body = await readJson(c, ApiKeyBody);
    await c.var.services.units.get(body.unitId);
    requireUnitInScope(scope, body.unitId, "/unitId");
    const { key, token } = await c.var.services.apiKeys.create(scope.user, body);
    return c.json({ ...key, token }, 201);
  })
  .delete("/:id", async (c) => {
    const scope = requireAdmin(c);
    const id = c.req.param("id");
    if (!isUuid(id)) throw notFound("NOT_FOUND", "no such API key");
    await c.var.services.apiKeys.revoke(id, scope.units);
    return c.body(null, 204);
  });
