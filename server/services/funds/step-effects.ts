import { and, eq, notInArray, sql } from "drizzle-orm";
import { activeStateNames, amendmentProblems, linesOf, normaliseName, publicBeneficiary, type FundEffect, type FundLine } from "../../../workflows";
import type { Tx } from "../../db/client";
import { beneficiaries, fundLines, funds, units, type FundLineStatus } from "../../db/schema";
import { DomainError } from "../../errors";
import type { EffectApplier } from "../step-pipeline";
import { fundOfRequest } from "./request-fund";
import { refuseBeneficiaryDecider } from "./beneficiary-decider";
import type { FundLedger } from "./ledger";
import { clearancesOf, paidElsewhere, windowStart } from "./screening";
import { payoutDate } from "./ledger-limits";
import { toVietnamDate } from "../../../workflows/calendar";
import { formatDateVi, formatVnd } from "../../../forms";
import { randomUUID } from "node:crypto";

/** Lines written per statement (14 parameters each: well under PostgreSQL's 65.535). */
const LINES_PER_STATEMENT = 1000;

/** The columns a step rewrites on a line already stored. */
const UPDATED_COLUMNS = ["fundId", "fullName", "nameKey", "birthYear", "cccd", "unitId", "amount", "approvedAmount", "status", "paidOn", "paidRecordedOn", "updatedAt"] as const;

/** `set` of an upsert that takes each column from the row proposed for insertion (`excluded`). */
function excludedColumns(columns: readonly (typeof UPDATED_COLUMNS)[number][]) {
  return Object.fromEntries(columns.map((c) => [c, sql.raw(`excluded.${fundLines[c].name}`)]));
}

function statusOf(line: FundLine, active: string[]): FundLineStatus {
  if (active.includes("rejected") || active.includes("withdrawn")) return "cancelled";
  if (active.includes("payout") || active.includes("paid")) {
    if ((line.approvedAmount ?? 0) <= 0) return "cancelled";
    return line.payment ? "paid" : "approved";
  }
  return "requested";
}

/**
 * The fund side of every step of a disbursement dossier, in the step's transaction: the lines are kept in
 * `fund_lines` (what later requests are matched against). Who decides and what a leader amended are
 * checked first: a refusal rolls the whole step back.
 */
export const applyFundLines: EffectApplier<Extract<FundEffect, { kind: "fund.lines" }>> = async (effect, { instance, workflow, step, actor, at, tx: open }) => {
  refuseBeneficiaryDecider(workflow, step, actor);
  const data = step.snapshot.context.data;
  if (effect.event === "APPROVE") refuseAmendmentsNotApplied(data, effect.amounts);
  const tx = await open();
  const fund = await fundOfRequest(tx, data);
  const lines = linesOf(data).filter((l) => l.lineId);
  const active = activeStateNames(step.snapshot.value);
  // One row per line id (a request stored before ids were unique may repeat one: the last line wins, as before).
  const unique = [...new Map(lines.map((line) => [line.lineId, line])).values()];
  const rows = unique.map((line) => ({
    instanceId: instance.id,
    lineId: line.lineId,
    fundId: fund?.id ?? null,
    fullName: line.fullName,
    nameKey: normaliseName(line.fullName),
    birthYear: line.birthYear,
    cccd: line.cccd ?? null,
    unitId: line.unitId,
    amount: line.amount,
    approvedAmount: line.approvedAmount ?? null,
    status: statusOf(line, active),
    paidOn: line.payment?.paidOn ?? null,
    paidRecordedOn: line.payment ? (line.payment.recordedOn ?? line.payment.paidOn) : null,
    updatedAt: at,
  }));
  // Set-based: a few statements for the whole request, not one per line (chunks stay under the parameter limit).
  for (let i = 0; i < rows.length; i += LINES_PER_STATEMENT) {
    await tx
      .insert(fundLines)
      .values(rows.slice(i, i + LINES_PER_STATEMENT))
      .onConflictDoUpdate({ target: [fundLines.instanceId, fundLines.lineId], set: excludedColumns(UPDATED_COLUMNS) });
  }
  const kept = lines.map((l) => l.lineId);
  await tx.delete(fundLines).where(and(eq(fundLines.instanceId, instance.id), kept.length ? notInArray(fundLines.lineId, kept) : undefined));
};

/** A `PAY` writes the payout to the ledger, which refuses an overdraft and so rolls the whole step back. */
export function applyPayout(ledger: FundLedger): EffectApplier<Extract<FundEffect, { kind: "fund.payout" }>> {
  return async ({ lineId }, { instance, workflow, step, actor, at, tx: open }) => {
    const tx = await open();
    const data = step.snapshot.context.data;
    const fund = await fundOfRequest(tx, data);
    const since = windowStart(at, workflow.definition.config?.doubleBenefitWindowDays);
    await pay(tx, ledger, fund?.id ?? null, instance.id, data, lineId, actor?.id ?? null, at, since);
  };
}

/**
 * A leader's amounts are applied as asked or the approval is refused (422, one error per field): a raise,
 * a line the request does not have, or a line named twice would otherwise be recorded but not paid.
 */
function refuseAmendmentsNotApplied(data: Record<string, unknown>, amounts: unknown) {
  const problems = amendmentProblems(data, amounts);
  if (problems.length === 0) return;
  throw new DomainError("VALIDATION_FAILED", problems[0]!.message, {
    messageEn: problems[0]!.messageEn,
    fields: problems.map((p) => ({ ...p, form: "fund-approval" })),
  });
}

async function pay(tx: Tx, ledger: FundLedger, fundId: string | null, instanceId: string, data: Record<string, unknown>, lineId: string, by: string | null, at: Date, since: string) {
  if (!fundId) {
    throw new DomainError("FUND_NOT_FOUND", "Đơn vị được đề nghị chưa mở sổ Quỹ", { messageEn: "the request's fund unit keeps no fund ledger" });
  }
  const named = linesOf(data).filter((l) => l.lineId === lineId);
  // Ids are unique since the server assigns them; a request stored before that may repeat one: one payout
  // would then mark several people paid, so it is refused.
  if (named.length !== 1) {
    throw new DomainError("VALIDATION_FAILED", `Mã dòng ${lineId} dùng cho nhiều đối tượng: không ghi nhận chi trả`, {
      messageEn: `line id ${lineId} names ${named.length} lines`,
      fields: [{ path: "/lineId", code: "duplicate", message: `Mã dòng ${lineId} dùng cho nhiều đối tượng`, form: "fund-payment" }],
    });
  }
  const line = named[0]!;
  // The date is checked first: a payout dated out of bounds is refused whoever it pays.
  const dated = payoutDate(line.payment!, data, toVietnamDate(at.toISOString()));
  // The last guard against paying one person twice. Two requests verified at the same time flag nothing
  // (neither is approved yet), so the payout itself checks, holding the fund's row: a fund's payouts
  // queue there (whatever their earmarks), so the check sees every payout committed before it. A line
  // whose flag an official cleared with a reason is paid.
  await tx.select({ id: funds.id }).from(funds).where(eq(funds.id, fundId)).for("update");
  const earlier = clearancesOf(data)[lineId] ? null : await paidElsewhere(tx, instanceId, fundId, line, since);
  if (earlier) {
    const on = earlier.paidOn ? ` ngày ${formatDateVi(earlier.paidOn)}` : "";
    throw new DomainError("BENEFICIARY_ALREADY_PAID", `${line.fullName} đã được chi trả ${formatVnd(earlier.amount)} ở hồ sơ ${earlier.dossierCode}${on}: không chi lần thứ hai`, {
      messageEn: `${line.fullName} was already paid by dossier ${earlier.dossierCode}${earlier.paidOn ? ` on ${earlier.paidOn}` : ""}`,
      dossierCode: earlier.dossierCode,
      lineId,
    });
  }
  const [place] = await tx.select({ name: units.name }).from(units).where(eq(units.id, line.unitId));
  await ledger.recordPayout(tx, {
    fundId,
    earmark: typeof data.earmark === "string" ? data.earmark.trim() : "",
    amount: line.approvedAmount ?? line.amount,
    ...dated,
    method: line.payment!.method,
    receiptNumber: line.payment!.receiptNumber,
    instanceId,
    lineId,
    publicBeneficiary: publicBeneficiary(line.fullName, place?.name ?? null),
    recordedBy: by,
  });
  // A paid beneficiary joins the fund's registry ("địa chỉ nhân đạo"), once.
  const known = line.cccd
    ? await tx.select({ id: beneficiaries.id }).from(beneficiaries).where(and(eq(beneficiaries.fundId, fundId), eq(beneficiaries.cccd, line.cccd)))
    : await tx
        .select({ id: beneficiaries.id })
        .from(beneficiaries)
        .where(and(eq(beneficiaries.fundId, fundId), eq(beneficiaries.nameKey, normaliseName(line.fullName)), eq(beneficiaries.birthYear, line.birthYear), eq(beneficiaries.unitId, line.unitId)));
  if (known.length === 0) {
    await tx.insert(beneficiaries).values({
      id: randomUUID(),
      fundId,
      fullName: line.fullName,
      nameKey: normaliseName(line.fullName),
      birthYear: line.birthYear,
      cccd: line.cccd ?? null,
      unitId: line.unitId,
      category: line.category,
      circumstances: line.circumstances ?? null,
      createdBy: by,
      createdAt: at,
    });
  }
}
