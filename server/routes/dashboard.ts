import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { requireUser } from "../auth/require-user";

/** The dashboard's figures, counted by the server over what the caller may see. */
export const dashboardRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const user = requireUser(c);
  return c.json(await c.var.services.dashboard.figures(user));
});
