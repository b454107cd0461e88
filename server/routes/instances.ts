import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { requireUser } from "../auth/require-user";
import { notFound } from "../errors";
import { readJson, readQuery } from "../request";
import type { SessionUser } from "../identity";
import type { Db, Tx } from "../db/client";
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

/** The dossier `id` if `user` may see it; else 404, whether it exists or not. */
async function visibleRow(services: Services, user: SessionUser, id: string): Promise<InstanceRow> {
  const row = await services.dossierReads.find(id);
  if (!row || !(await canSeeDossier(services.database.db, user, row))) throw notFound("DOSSIER_NOT_FOUND", "no such dossier");
  return row;
}

/** A dossier's detail view with the documents it has issued, read through `via` (a transaction sends the reads together). */
async function detail(services: Services, row: InstanceRow, user: SessionUser, via: Db | Tx) {
  const [view, issued] = await Promise.all([services.dossierReads.view(row, user, via), services.documents.refs(row.id, via)]);
  return { ...view, ...issued };
}

export const instanceRoutes = new Hono<AppEnv>()
  .post("/", async (c) => {
    const user = requireUser(c);
    const body = await readJson(c, StartBody);
    const { dossiers, registry } = c.var.services;
    let answer: ReturnType<typeof summary> | undefined;
    // With an Idempotency-Key, the answer is stored in the start's own transaction.
    const row = await dossiers.start(user, body.workflow, body.data, {
      draft: body.draft,
      inTransaction: async (tx, started) => {
        answer = summary(started, await registry.get(started.workflowKey, started.workflowVersion, tx));
        await c.var.idempotency?.storeIn(tx, 201, answer);
      },
    });
    return c.json(answer ?? summary(row, await registry.get(row.workflowKey, row.workflowVersion, c.var.services.database.db)), 201);
  })
  .get("/", async (c) => {
    const user = requireUser(c);
    const filter = readQuery(c, ListQuery);
    const { dossierReads, deadlines } = c.var.services;
    const page = await dossierReads.list(visibleDossiers(user), filter);
    // Each row with its legal deadline, so "my dossiers" shows the due date without a request per row.
    const due = await deadlines.forInstances(page.items.map((d) => d.id));
    return c.json({ ...page, items: page.items.map((d) => ({ ...d, deadline: due.get(d.id) ?? null })) });
  })
  .get("/:id", async (c) => {
    const user = requireUser(c);
    const row = await visibleRow(c.var.services, user, c.req.param("id"));
    return c.json(await detail(c.var.services, row, user, c.var.services.database.db));
  })
  .post("/:id/events", async (c) => {
    const user = requireUser(c);
    const id = c.req.param("id");
    // Visibility is checked in the step's own first round trip; a body refused before the step still
    // answers 404 for a dossier the caller cannot see, as every other route does.
    const body = await readJson(c, EventBody).catch(async (error: unknown) => {
      await visibleRow(c.var.services, user, id);
      throw error;
    });
    const { services } = c.var;
    // The answer is read in the step's transaction: on its connection, in one round trip, showing this step.
    const answer = await services.database.db.transaction(async (tx) => {
      const updated = await services.dossiers.send(user, id, body, { tx, mustSee: true });
      const shown = await detail(services, updated, user, tx);
      // With an Idempotency-Key, the answer is stored in the step's transaction: both commit or neither.
      await c.var.idempotency?.storeIn(tx, 200, shown);
      return shown;
    });
    return c.json(answer);
  })
  .put("/:id/draft", async (c) => {
    const user = requireUser(c);
    const { dossiers } = c.var.services;
    const row = await visibleRow(c.var.services, user, c.req.param("id"));
    const body = await readJson(c, DraftBody);
    const updated = await dossiers.saveDraft(user, row.id, body);
    return c.json(await detail(c.var.services, updated, user, c.var.services.database.db));
  });
