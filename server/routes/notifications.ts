import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { requireUser } from "../auth/require-user";
import { notFound } from "../errors";
import { readQuery } from "../request";
import { isUuid } from "../services/dossiers";

export const NotificationQuery = z.object({
  unread: z.enum(["0", "1", "true", "false"]).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

/** The caller's own notifications; another user's are 404. */
export const notificationRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const user = requireUser(c);
    const q = readQuery(c, NotificationQuery);
    return c.json(await c.var.services.notifications.list(user.id, q.page, q.pageSize, q.unread === "1" || q.unread === "true"));
  })
  .post("/read-all", async (c) => {
    const user = requireUser(c);
    return c.json(await c.var.services.notifications.markAllRead(user.id));
  })
  .post("/:id/read", async (c) => {
    const user = requireUser(c);
    const id = c.req.param("id");
    if (!isUuid(id)) throw notFound("NOT_FOUND", "no such notification");
    return c.json(await c.var.services.notifications.markRead(user.id, id));
  });
