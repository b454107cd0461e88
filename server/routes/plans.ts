import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { requireUser } from "../auth/require-user";
import { readQuery } from "../request";
import { summaryCsv, summaryHtml, summaryXlsx, type PlanHeading } from "../services/plan-export";
import type { InstanceRow } from "../services/dossiers";

export const RoundQuery = z.object({ round: z.string().max(40).optional() });

function heading(plan: InstanceRow): PlanHeading {
  return { code: plan.code, title: plan.title };
}

/** The file name of an export: the plan's code and the round. */
function fileName(plan: InstanceRow, round: string | undefined, ext: string): string {
  return `bao-cao-tong-hop-${plan.code}${round ? `-${round}` : ""}.${ext}`;
}

/** Plans: the drafter's tracking of units' reports, and the compiled summary (JSON, CSV, XLSX, print). */
export const planRoutes = new Hono<AppEnv>()
  .get("/:id/tracking", async (c) => {
    const { plans } = c.var.services;
    const plan = await plans.load(requireUser(c), c.req.param("id"));
    return c.json(await plans.tracking(plan, readQuery(c, RoundQuery).round));
  })
  .get("/:id/summary", async (c) => {
    const { plans } = c.var.services;
    const plan = await plans.load(requireUser(c), c.req.param("id"));
    return c.json(await plans.summary(plan, readQuery(c, RoundQuery).round));
  })
  .get("/:id/summary.csv", async (c) => {
    const { plans } = c.var.services;
    const plan = await plans.load(requireUser(c), c.req.param("id"));
    const { round } = readQuery(c, RoundQuery);
    const { summary } = await plans.summary(plan, round);
    c.header("content-type", "text/csv; charset=utf-8");
    c.header("content-disposition", `attachment; filename="${fileName(plan, round, "csv")}"`);
    return c.body(summaryCsv(heading(plan), summary));
  })
  .get("/:id/summary.xlsx", async (c) => {
    const { plans } = c.var.services;
    const plan = await plans.load(requireUser(c), c.req.param("id"));
    const { round } = readQuery(c, RoundQuery);
    const { summary } = await plans.summary(plan, round);
    c.header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    c.header("content-disposition", `attachment; filename="${fileName(plan, round, "xlsx")}"`);
    return c.body(await summaryXlsx(heading(plan), summary));
  })
  .get("/:id/summary/print", async (c) => {
    const { plans } = c.var.services;
    const plan = await plans.load(requireUser(c), c.req.param("id"));
    const { summary } = await plans.summary(plan, readQuery(c, RoundQuery).round);
    return c.html(summaryHtml(heading(plan), summary));
  });
