import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { readQuery } from "../request";
import { publicLedgerCsv } from "../services/funds/public-ledger";
import { MonthQuery } from "./funds";

/** No login: each fund's receipts and payouts month by month, with totals and balance, and its relief campaigns; nothing personal. */
export const publicFundRoutes = new Hono<AppEnv>()
  .get("/", async (c) => c.json({ items: await c.var.services.funds.publicFunds() }))
  // Relief campaigns (Nghị định 93/2021/NĐ-CP): what each received and distributed, and when it was published.
  .get("/campaigns/:campaignId", async (c) => c.json(await c.var.services.funds.publicCampaign(c.req.param("campaignId"))))
  .get("/:id/campaigns", async (c) => c.json({ items: await c.var.services.funds.publicCampaigns(c.req.param("id")) }))
  .get("/:id/ledger", async (c) => c.json(await c.var.services.funds.publicLedger(c.req.param("id"), readQuery(c, MonthQuery).month)))
  .get("/:id/ledger.csv", async (c) => {
    const { month } = readQuery(c, MonthQuery);
    const ledger = await c.var.services.funds.publicLedger(c.req.param("id"), month);
    c.header("content-type", "text/csv; charset=utf-8");
    c.header("content-disposition", `attachment; filename="so-quy-${month ?? "tat-ca"}.csv"`);
    return c.body(publicLedgerCsv(ledger.entries));
  });
