import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { requireUser } from "../auth/require-user";
import { notFound } from "../errors";
import { readJson, readQuery } from "../request";
import type { SessionUser } from "../identity";
import type { Services } from "../services";
import { summary, type InstanceRow } from "../services/dossiers";
import { canSeeDossier, visibleDossiers } from "../services/access";

export const StartBody = z.object({
  workflow: z.string().min(1).max(100),
  data: z.record(z.string(), z.unknown()).default({}),
  /** Save the start form unfinished: validated as a draft, handed in later with SUBMIT. */
  draft: z.boolean().default(false),
});
export const DraftBody = z.object({
  data: z.record(z.string(), z.unknown()),
  expectedVersion: z.number().int().positive().optional(),
});
export const EventBody = z.object({
  type: z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/, "event type must be UPPER_SNAKE_CASE"),
  data: z.record(z.string(), z.unknown()).optional(),
  expectedVersion: z.number().int().positive().optional(),
});
export const ListQuery = z.object({
  workflow: z.string().max(100).optional(),
  state: z.string().max(100).optional(),
  q: z.string().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

/** A dossier's detail view with the documents it has issued. */
async function detail(services: Services, row: InstanceRow, user: SessionUser) {
  const [view, documents] = await Promise.all([services.dossiers.view(row, user), services.documents.refs(row.id)]);
  return { ...view, documents };
}

export const instanceRoutes = new Hono<AppEnv>()
  .post("/", async (c) => {
    const user = requireUser(c);
    const body = await readJson(c, StartBody);
    const { dossiers, registry } = c.var.services;
    const row = await dossiers.start(user, body.workflow, body.data, { draft: body.draft });
    return c.json(summary(row, await registry.get(row.workflowKey, row.workflowVersion)), 201);
  })
  .get("/", async (c) => {
    const user = requireUser(c);
    const filter = readQuery(c, ListQuery);
    const { dossiers, deadlines } = c.var.services;
    const page = await dossiers.list(visibleDossiers(user), filter);
    // Each row with its legal deadline, so "my dossiers" shows the due date without a request per row.
    const due = await deadlines.forInstances(page.items.map((d) => d.id));
    return c.json({ ...page, items: page.items.map((d) => ({ ...d, deadline: due.get(d.id) ?? null })) });
  })
  .get("/:id", async (c) => {
    const user = requireUser(c);
    const { dossiers } = c.var.services;
    const row = await dossiers.find(c.req.param("id"));
    if (!row || !(await canSeeDossier(c.var.services.database.db, user, row))) throw notFound("DOSSIER_NOT_FOUND", "no such dossier");
    return c.json(await detail(c.var.services, row, user));
  })
  .post("/:id/events", async (c) => {
    const user = requireUser(c);
    const { dossiers } = c.var.services;
    const row = await dossiers.find(c.req.param("id"));
    if (!row || !(await canSeeDossier(c.var.services.database.db, user, row))) throw notFound("DOSSIER_NOT_FOUND", "no such dossier");
    const body = await readJson(c, EventBody);
    const updated = await dossiers.send(user, row.id, body, undefined, row);
    return c.json(await detail(c.var.services, updated, user));
  })
  .put("/:id/draft", async (c) => {
    const user = requireUser(c);
    const { dossiers } = c.var.services;
    const row = await dossiers.find(c.req.param("id"));
    if (!row || !(await canSeeDossier(c.var.services.database.db, user, row))) throw notFound("DOSSIER_NOT_FOUND", "no such dossier");
    const body = await readJson(c, DraftBody);
    const updated = await dossiers.saveDraft(user, row.id, body);
    return c.json(await detail(c.var.services, updated, user));
  });
