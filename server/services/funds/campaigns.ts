import { and, asc, eq, sql } from "drizzle-orm";
import { formatDateVi } from "../../../forms";
import {
  CAMPAIGN_WORKFLOW,
  campaignEarmark,
  campaignEffects,
  receivingPeriod,
  type CampaignEffect,
  type DossierSnapshot,
  type Publication,
} from "../../../workflows";
import type { Db, Tx } from "../../db/client";
import { fundBalances, instances, type funds } from "../../db/schema";
import { DomainError, notFound } from "../../errors";
import { holdsRole, type SessionUser } from "../../identity";
import { isUuid } from "../../ids";
import type { DomainPack } from "../domain-packs";
import { packApplier, type EffectApplier } from "../step-pipeline";
import type { WorkflowVersion } from "../workflow-registry";
import type { EntryRow } from "./ledger";
import { publicLedger, type PublicEntry } from "./public-ledger";
import { fundOfRequest } from "./request-fund";

type FundRow = typeof funds.$inferSelect;
type InstanceRow = typeof instances.$inferSelect;

const dataOf = (row: InstanceRow) => (row.snapshot as DossierSnapshot).context.data;

/**
 * Only an official of the fund opens its campaign (a specialist of the fund's unit or above it), and its
 * receiving period is at most the definition's `maxReceivingDays`: refused at start, before a dossier
 * exists (the SUBMIT guard judges the same rule after a draft was edited).
 */
async function mayStart(tx: Tx, user: SessionUser, data: Record<string, unknown>, workflow: WorkflowVersion): Promise<void> {
  const fund = await fundOfRequest(tx, data);
  if (typeof data.fundUnit === "string" && !fund) {
    throw new DomainError("VALIDATION_FAILED", "Đơn vị này chưa mở sổ Quỹ", {
      messageEn: "this unit keeps no fund ledger",
      fields: [{ path: "/fundUnit", code: "FUND_NOT_FOUND", message: "Đơn vị này chưa mở sổ Quỹ", messageEn: "this unit keeps no fund ledger", form: "relief-campaign" }],
    });
  }
  if (fund && !holdsRole(user, "specialist", fund.unitId, true)) {
    throw new DomainError("FORBIDDEN", "Chỉ cán bộ của Quỹ được mở cuộc vận động của Quỹ", { messageEn: "only the fund's specialists open its campaigns" });
  }
  await refuseSharedAccount(tx, data, null);
  const period = receivingPeriod(data);
  const max = workflow.definition.config?.maxReceivingDays;
  if (period && typeof max === "number" && period.days > max) {
    const message = `Thời gian tiếp nhận đóng góp không được quá ${max} ngày (đã chọn ${period.days} ngày, từ ${formatDateVi(period.start)} đến ${formatDateVi(period.end)})`;
    throw new DomainError("VALIDATION_FAILED", message, {
      messageEn: `the receiving period is at most ${max} days (${period.days} given)`,
      fields: [{ path: "/receivingEnd", code: "RECEIVING_PERIOD_TOO_LONG", message, messageEn: `at most ${max} days`, form: "relief-campaign" }],
    });
  }
}

/**
 * One account per campaign: an account number another opened, unfinished campaign receives on is
 * refused (422 at the field), at start and again at approval (a draft may have been edited meanwhile).
 */
export async function refuseSharedAccount(via: Db | Tx, data: Record<string, unknown>, self: string | null): Promise<void> {
  const account = (data.bankAccount as { accountNumber?: unknown } | undefined)?.accountNumber;
  if (typeof account !== "string" || !account) return;
  const [other] = await via
    .select({ id: instances.id, code: instances.code, title: instances.title })
    .from(instances)
    .where(
      and(
        eq(instances.workflowKey, CAMPAIGN_WORKFLOW),
        eq(instances.status, "active"),
        sql`${instances.snapshot} #>> '{context,data,earmark}' is not null`,
        sql`${instances.snapshot} #>> '{context,data,bankAccount,accountNumber}' = ${account}`,
      ),
    )
    .limit(2)
    .then((rows) => rows.filter((r) => r.id !== self));
  if (!other) return;
  const message = `Tài khoản ${account} đang dùng cho cuộc vận động "${other.title}" (${other.code}): mỗi cuộc vận động có một tài khoản tiếp nhận riêng`;
  throw new DomainError("VALIDATION_FAILED", message, {
    messageEn: `account ${account} already receives for campaign ${other.code}; one account per campaign`,
    fields: [{ path: "/bankAccount/accountNumber", code: "ACCOUNT_IN_USE", message, messageEn: "one account per campaign", form: "relief-campaign" }],
  });
}

/** The campaign of a fund that receives on `earmark` (approved campaigns only have one). */
export async function campaignOfEarmark(via: Db | Tx, fund: FundRow, earmark: string): Promise<InstanceRow | null> {
  if (!earmark) return null;
  const [row] = await via
    .select()
    .from(instances)
    .where(
      and(
        eq(instances.workflowKey, CAMPAIGN_WORKFLOW),
        sql`${instances.snapshot} #>> '{context,data,earmark}' = ${earmark}`,
        sql`${instances.snapshot} #>> '{context,data,fundUnit}' = ${fund.unitId}`,
      ),
    )
    .limit(1);
  return row ?? null;
}

/**
 * A receipt on a campaign's earmark must be dated within its receiving period (Nghị định 93/2021/NĐ-CP:
 * the campaign receives only during the period it announced), else 422 naming the period.
 */
export async function refuseReceiptOutsideCampaign(tx: Tx, fund: FundRow, earmark: string, date: string): Promise<void> {
  const campaign = await campaignOfEarmark(tx, fund, earmark);
  if (!campaign) return;
  const period = receivingPeriod(dataOf(campaign));
  if (!period || (date >= period.start && date <= period.end)) return;
  const when = date < period.start ? "chưa bắt đầu" : "đã kết thúc";
  const message = `Cuộc vận động "${campaign.title}" chỉ tiếp nhận từ ${formatDateVi(period.start)} đến hết ${formatDateVi(period.end)}: ngày ${formatDateVi(date)} thời gian tiếp nhận ${when}`;
  throw new DomainError("CAMPAIGN_NOT_RECEIVING", message, {
    messageEn: `the campaign receives from ${period.start} to ${period.end} only`,
    campaignId: campaign.id,
    receivingStart: period.start,
    receivingEnd: period.end,
    fields: [{ path: "/date", code: "CAMPAIGN_NOT_RECEIVING", message, messageEn: `outside ${period.start}…${period.end}` }],
  });
}

/** The approval opens the campaign's earmark: a balance row of 0, so the fund lists it before the first receipt. */
function openEarmark(): EffectApplier<CampaignEffect> {
  return async ({ earmark }, { step, instance, tx: open }) => {
    const tx = await open();
    const fund = await fundOfRequest(tx, step.snapshot.context.data);
    if (!fund) throw new DomainError("FUND_NOT_FOUND", "Đơn vị tiếp nhận chưa mở sổ Quỹ", { messageEn: "the campaign's unit keeps no fund ledger" });
    await refuseSharedAccount(tx, step.snapshot.context.data, instance.id);
    await tx.insert(fundBalances).values({ fundId: fund.id, earmark, balance: 0 }).onConflictDoNothing();
  };
}

/** Relief campaigns as a domain pack: who opens them, their window and earmark computed by the server, the earmark opened on approval. */
export function campaignPack(): DomainPack {
  return {
    name: "campaign",
    workflows: [CAMPAIGN_WORKFLOW],
    starter: mayStart,
    computations: {
      campaignWindow: async (_tx, row) => receivingPeriod(dataOf(row)) ?? { start: null, end: null, days: null },
      campaignEarmark: async (_tx, row) => campaignEarmark(String(dataOf(row).name ?? row.title), row.code),
    },
    effects: (_wf, step) => campaignEffects(step),
    appliers: { "campaign.earmark": packApplier(openEarmark()) },
  };
}

/** What anyone may read of a campaign: what it is for, its account, its dates, publications and its ledger lines. */
export type PublicCampaign = {
  id: string;
  code: string;
  name: string;
  disaster: string;
  fundId: string;
  fundName: string;
  earmark: string;
  bankAccount: unknown;
  receivingStart: string | null;
  receivingEnd: string | null;
  distributionDue: string | null;
  state: string;
  distributionFinishedOn: string | null;
  /** The latest "published on" record per duty; null while not published. */
  published: Record<"receipts" | "distribution", { publishedOn: string; channel: string; link: string | null; dueBy: string | null; late: boolean } | null>;
  totals: { receipts: number; payouts: number };
  balance: number;
};

/** The campaigns a fund opened (approved ones: those with an earmark), newest first. */
export async function openedCampaigns(db: Db, fund: FundRow): Promise<InstanceRow[]> {
  const rows = await db
    .select()
    .from(instances)
    .where(and(eq(instances.workflowKey, CAMPAIGN_WORKFLOW), sql`${instances.snapshot} #>> '{context,data,fundUnit}' = ${fund.unitId}`, sql`${instances.snapshot} #>> '{context,data,earmark}' is not null`))
    .orderBy(asc(instances.createdAt));
  return rows.reverse();
}

/** An opened campaign by id with its fund; 404 for anything else (a draft, another procedure). */
export async function openedCampaign(db: Db, id: string): Promise<{ row: InstanceRow; fund: FundRow }> {
  const [row] = isUuid(id) ? await db.select().from(instances).where(and(eq(instances.id, id), eq(instances.workflowKey, CAMPAIGN_WORKFLOW))) : [];
  const fund = row && typeof dataOf(row).earmark === "string" ? await fundOfRequest(db, dataOf(row)) : undefined;
  if (!row || !fund) throw notFound("DOSSIER_NOT_FOUND", "no such campaign");
  return { row, fund };
}

/** One campaign as the public reads it, from the fund's entries (`codes`: dossier codes of payouts). */
export function publicCampaign(row: InstanceRow, fund: FundRow, all: EntryRow[], codes: Map<string, string>): PublicCampaign & { entries: PublicEntry[] } {
  const data = dataOf(row);
  const earmark = String(data.earmark);
  // The campaign's lines are the fund's entries on its earmark, shown exactly as the fund's public ledger shows them.
  const mine = all.filter((e) => e.earmark === earmark);
  const { totals, balance, entries } = publicLedger(mine, codes);
  const publications = Array.isArray(data.$publications) ? (data.$publications as Publication[]) : [];
  const latest = (duty: Publication["duty"]) => {
    const p = publications.filter((x) => x.duty === duty).at(-1);
    return p ? { publishedOn: p.publishedOn, channel: p.channel, link: p.link, dueBy: p.dueBy, late: p.late } : null;
  };
  const period = receivingPeriod(data);
  const distribution = data.$distribution as { finishedOn?: string | null } | undefined;
  return {
    id: row.id,
    code: row.code,
    name: String(data.name ?? row.title),
    disaster: String(data.disaster ?? ""),
    fundId: fund.id,
    fundName: fund.name,
    earmark,
    bankAccount: data.bankAccount ?? null,
    receivingStart: period?.start ?? null,
    receivingEnd: period?.end ?? null,
    distributionDue: typeof data.dueDate === "string" ? data.dueDate : null,
    state: row.state[0] ?? "",
    distributionFinishedOn: distribution?.finishedOn ?? null,
    published: { receipts: latest("receipts"), distribution: latest("distribution") },
    totals,
    balance,
    entries,
  };
}
