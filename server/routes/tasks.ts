import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { requireUser } from "../auth/require-user";
import { readJson, readQuery } from "../request";

const flag = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

export const InboxQuery = z.object({
  workflow: z.string().max(100).optional(),
  state: z.string().max(100).optional(),
  overdue: flag.optional(),
  mine: flag.optional(),
  unclaimed: flag.optional(),
  done: flag.optional(),
  sort: z.enum(["due", "newest"]).optional(),
  q: z.string().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const DelegateBody = z.object({ userId: z.string().uuid() });

function taskView(task: { id: string; claimedBy: string | null; claimedAt: Date | null; closedAt: Date | null }) {
  return { id: task.id, claimedBy: task.claimedBy, claimedAt: task.claimedAt?.toISOString() ?? null, closed: task.closedAt !== null };
}

/** The officials' inbox and task ownership. */
export const taskRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const user = requireUser(c);
    return c.json(await c.var.services.tasks.inbox(user, readQuery(c, InboxQuery)));
  })
  // How many tasks each tab holds: the page opens on the tab that has work.
  .get("/counts", async (c) => {
    const user = requireUser(c);
    return c.json(await c.var.services.tasks.counts(user));
  })
  .post("/:id/claim", async (c) => {
    const user = requireUser(c);
    return c.json(taskView(await c.var.services.tasks.claim(user, c.req.param("id"))));
  })
  .post("/:id/release", async (c) => {
    const user = requireUser(c);
    return c.json(taskView(await c.var.services.tasks.release(user, c.req.param("id"))));
  })
  .get("/:id/candidates", async (c) => {
    const user = requireUser(c);
    return c.json(await c.var.services.tasks.delegateCandidates(user, c.req.param("id")));
  })
  .post("/:id/delegate", async (c) => {
    const user = requireUser(c);
    const body = await readJson(c, DelegateBody);
    return c.json(taskView(await c.var.services.tasks.delegate(user, c.req.param("id"), body.userId)));
  });
