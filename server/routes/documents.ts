import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { requireUser } from "../auth/require-user";
import { notFound } from "../errors";
import type { SessionUser } from "../identity";
import { readQuery } from "../request";
import type { Services } from "../services";
import { canSeeDossier } from "../services/access";
import { documentHtml } from "../services/document-print";
import { ONE_STOP_TYPES } from "../../workflows";
import { documentRef, documentView, type DocumentRow } from "../services/documents";

export const DocumentQuery = z.object({ instance: z.string().min(1).max(100) });

/** A document the caller may read: one of a dossier they may see; anything else is 404. */
async function visibleDocument(services: Services, user: SessionUser, id: string): Promise<DocumentRow> {
  const doc = await services.documents.find(id);
  const dossier = doc ? await services.dossierReads.find(doc.instanceId) : null;
  if (!doc || !dossier || !(await canSeeDossier(services.database.db, user, dossier))) throw notFound("DOCUMENT_NOT_FOUND", "no such document");
  return doc;
}

/** Issued, numbered documents, read under their dossier's access rule. */
export const documentRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const user = requireUser(c);
    const { instance } = readQuery(c, DocumentQuery);
    const { dossierReads, documents, database } = c.var.services;
    const dossier = await dossierReads.find(instance);
    if (!dossier || !(await canSeeDossier(database.db, user, dossier))) throw notFound("DOSSIER_NOT_FOUND", "no such dossier");
    const listed = (await documents.ofInstance(dossier.id)).map((d) => ({ ...documentRef(d), printUrl: `/api/documents/${d.id}/print` }));
    // As on the dossier: decisions and notices under `items`, the one-stop slips apart.
    return c.json({ items: listed.filter((d) => !ONE_STOP_TYPES.has(d.type)), oneStopPapers: listed.filter((d) => ONE_STOP_TYPES.has(d.type)) });
  })
  .get("/:id", async (c) => {
    const doc = await visibleDocument(c.var.services, requireUser(c), c.req.param("id"));
    return c.json(documentView(doc));
  })
  .get("/:id/print", async (c) => {
    const doc = await visibleDocument(c.var.services, requireUser(c), c.req.param("id"));
    // The page is static HTML: no script may run in it, whatever a form's text says.
    c.header("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:");
    return c.html(documentHtml(doc));
  });
