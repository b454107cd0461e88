import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { requireRootAdmin } from "../auth/admin-scope";
import { requireUser } from "../auth/require-user";
import { readJson, readQuery } from "../request";
import type { FormVersion } from "../services/form-registry";

/** What clients get of a form: enough to render it with JSON Forms and to validate it in the browser. */
export function describeForm(form: FormVersion) {
  const { key, version, title, description, schema, uischema } = form;
  return { key, version, title, description: description ?? null, schema, uischema, createdAt: form.createdAt.toISOString() };
}

export const VersionQuery = z.object({ version: z.coerce.number().int().positive().optional() });

export const formRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    requireUser(c);
    const list = await c.var.services.forms.list();
    return c.json({ items: list.map(({ key, version, title, description }) => ({ key, version, title, description: description ?? null })) });
  })
  .get("/:key", async (c) => {
    requireUser(c);
    const { version } = readQuery(c, VersionQuery);
    const { forms, database } = c.var.services;
    const form = version ? await forms.get(c.req.param("key"), version, database.db) : await forms.latest(c.req.param("key"), database.db);
    return c.json(describeForm(form));
  })
  .post("/", async (c) => {
    // Workflows, forms and the calendar apply to every unit: only an admin of a root unit changes them.
    const user = await requireRootAdmin(c);
    const body = await readJson(c, z.record(z.string(), z.unknown()));
    const form = await c.var.services.forms.publish(body, user.id);
    return c.json(describeForm(form), 201);
  });
