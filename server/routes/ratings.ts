import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { requireUser } from "../auth/require-user";
import { notFound } from "../errors";
import { isUuid } from "../ids";
import { readJson } from "../request";
import { RatingBody } from "../services/ratings";

/** `/api/instances/:id/rating`: the applicant rates his finished dossier once; whoever sees the dossier reads it. */
export const ratingRoutes = new Hono<AppEnv>()
  .get("/:id/rating", async (c) => {
    const user = requireUser(c);
    const id = c.req.param("id");
    if (!isUuid(id)) throw notFound("DOSSIER_NOT_FOUND", "no such dossier");
    return c.json({ rating: await c.var.services.ratings.get(user, id) });
  })
  .post("/:id/rating", async (c) => {
    const user = requireUser(c);
    const id = c.req.param("id");
    if (!isUuid(id)) throw notFound("DOSSIER_NOT_FOUND", "no such dossier");
    const body = await readJson(c, RatingBody);
    return c.json({ rating: await c.var.services.ratings.rate(user, id, body) }, 201);
  });
