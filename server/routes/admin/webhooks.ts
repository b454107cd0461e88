import { Hono } from "hono";
import type { AppEnv } from "../../app-env";
import { requireAdmin, requireUnitInScope } from "../../auth/admin-scope";
import { notFound } from "../../errors";
import { isUuid } from "../../ids";
import { readJson, readQuery } from "../../request";
import { DeliveryQuery, WebhookBody } from "../../services/webhooks";

const webhookId = (id: string) => {
  if (!isUuid(id)) throw notFound("NOT_FOUND", "no such webhook");
  return id;
};

/** Admin: signed webhooks of the units in the admin's subtree, their deliveries and the dead ones' retry. */
export const adminWebhookRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const scope = requireAdmin(c);
    return c.json({ items: await c.var.services.webhooks.list(scope.units) });
  })
  .post("/", async (c) => {
    const scope = requireAdmin(c);
    const body = await readJson(c, WebhookBody);
    await c.var.services.units.get(body.unitId);
    requireUnitInScope(scope, body.unitId, "/unitId");
    const { webhook, secret } = await c.var.services.webhooks.create(scope.user, body);
    return c.json({ ...webhook, secret }, 201);
  })
  .delete("/:id", async (c) => {
    const scope = requireAdmin(c);
    await c.var.services.webhooks.revoke(webhookId(c.req.param("id")), scope.units);
    return c.body(null, 204);
  })
  .get("/:id/deliveries", async (c) => {
    const scope = requireAdmin(c);
    const { status } = readQuery(c, DeliveryQuery);
    return c.json({ items: await c.var.services.webhooks.deliveries(webhookId(c.req.param("id")), scope.units, status) });
  })
  .post("/deliveries/:deliveryId/retry", async (c) => {
    const scope = requireAdmin(c);
    const id = Number(c.req.param("deliveryId"));
    if (!Number.isSafeInteger(id) || id < 1) throw notFound("NOT_FOUND", "no such delivery");
    return c.json(await c.var.services.webhooks.retry(id, scope.units));
  });
