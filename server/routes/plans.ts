import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { requireUser } from "../auth/require-user";
import { attachmentDisposition } from "../content-disposition";
import { DomainError } from "../errors";
import { readQuery } from "../request";
import type { PlanService } from "../services/plans";
import { summaryCsv, summaryHtml, summaryXlsx, type PlanHeading } from "../services/plan-export";
import type { InstanceRow } from "../services/dossiers";

export const RoundQuery = z.object({ round: z.string().max(40).optional() });

function heading(plan: InstanceRow): PlanHeading {
  return { code: plan.code, title: plan.title };
}

/**
 * The print's heading: once the leader approved the round's summary, the numbered report (BC) that approval
 * issued — its issuer, place and number; before that none, and the page says it is a draft.
 */
async function printHeading(plans: PlanService, plan: InstanceRow, roundKey: string | undefined): Promise<PlanHeading> {
  const report = await plans.summaryReport(plan, roundKey);
  if (!report) return heading(plan);
  const issuer = [report.body.parentIssuerName, report.body.issuerName].filter(Boolean).join("<br>");
  return { ...heading(plan), issuer, place: report.body.place, documentNumber: report.number };
}

/** The round a `?round=` names: one of the plan's own rounds (404 otherwise), or the current one when absent. */
function roundOf(plans: PlanService, plan: InstanceRow, c: Parameters<typeof readQuery>[0]): string | undefined {
  const { round } = readQuery(c, RoundQuery);
  if (round === undefined) return undefined;
  const known = plans.round(plan, round);
  if (!known) throw new DomainError("NOT_FOUND", "Kế hoạch không có đợt báo cáo này", { messageEn: "the plan has no such reporting round" });
  return known.key;
}

/** The file name of an export, built only from the plan's code and its own round key, never from the query. */
function disposition(plan: InstanceRow, round: string | undefined, ext: string): string {
  return attachmentDisposition(`bao-cao-tong-hop-${plan.code}${round ? `-${round}` : ""}.${ext}`);
}

/** Plans: the drafter's tracking of units' reports, and the compiled summary (JSON, CSV, XLSX, print). */
export const planRoutes = new Hono<AppEnv>()
  .get("/:id/tracking", async (c) => {
    const { plans } = c.var.services;
    const plan = await plans.load(requireUser(c), c.req.param("id"));
    return c.json(await plans.tracking(plan, roundOf(plans, plan, c)));
  })
  .get("/:id/summary", async (c) => {
    const { plans } = c.var.services;
    const plan = await plans.load(requireUser(c), c.req.param("id"));
    return c.json(await plans.summary(plan, roundOf(plans, plan, c)));
  })
  .get("/:id/summary.csv", async (c) => {
    const { plans } = c.var.services;
    const plan = await plans.load(requireUser(c), c.req.param("id"));
    const round = roundOf(plans, plan, c);
    const { summary } = await plans.summary(plan, round);
    c.header("content-type", "text/csv; charset=utf-8");
    c.header("content-disposition", disposition(plan, round, "csv"));
    return c.body(summaryCsv(heading(plan), summary));
  })
  .get("/:id/summary.xlsx", async (c) => {
    const { plans } = c.var.services;
    const plan = await plans.load(requireUser(c), c.req.param("id"));
    const round = roundOf(plans, plan, c);
    const { summary } = await plans.summary(plan, round);
    c.header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    c.header("content-disposition", disposition(plan, round, "xlsx"));
    return c.body(await summaryXlsx(heading(plan), summary));
  })
  .get("/:id/summary/print", async (c) => {
    const { plans } = c.var.services;
    const plan = await plans.load(requireUser(c), c.req.param("id"));
    const round = roundOf(plans, plan, c);
    const { summary } = await plans.summary(plan, round);
    return c.html(summaryHtml(await printHeading(plans, plan, round), summary));
  });
