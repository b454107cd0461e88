import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { requireUser } from "../auth/require-user";
import { readQuery } from "../request";
import { currentVietnamYear } from "../services/vietnam-time";

export const DashboardQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

/** The dashboard's figures, counted by the server over what the caller may see; `procedures` for one year (default: this one). */
export const dashboardRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const user = requireUser(c);
  const { year = currentVietnamYear(c.var.services.clock) } = readQuery(c, DashboardQuery);
  const [figures, procedures] = await Promise.all([c.var.services.dashboard.figures(user), c.var.services.procedures.of(user, year)]);
  return c.json({ ...figures, year, procedures });
});
