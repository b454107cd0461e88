import { randomUUID } from "node:crypto";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { formatDateVi, formatVnd } from "../../../forms";
import { toVietnamDate } from "../../../workflows/calendar";
import type { Clock } from "../../clock";
import type { Db, Tx } from "../../db/client";
import { fundBalances, fundEntries, fundLines, funds, type EntryKind } from "../../db/schema";
import { DomainError, notFound } from "../../errors";
import type { SessionUser } from "../../identity";
import { isUniqueViolation, isUuid } from "../dossiers";
import { fundFor, type FundRow } from "./access";
import { refuseReceiptOutsideCampaign } from "./campaigns";
import { entryDate, MAX_FUND_BALANCE, MAX_VND_AMOUNT } from "./ledger-limits";

export type EntryRow = typeof fundEntries.$inferSelect;

/** A receipt as the accountant records it. */
export type ReceiptInput = {
  donorName: string;
  donorPublic: "named" | "anonymous";
  amount: number;
  /** The day the money came in; today when absent. An earlier day needs `backdateReason`. */
  date?: string | undefined;
  backdateReason?: string | undefined;
  earmark?: string | undefined;
  receiptNumber: string;
  attachmentId?: string | undefined;
  note?: string | undefined;
};

/** A payout of one approved beneficiary line of a disbursement dossier. */
export type PayoutInput = {
  fundId: string;
  earmark: string;
  amount: number;
  date: string;
  backdateReason: string | null;
  method: string;
  receiptNumber: string;
  instanceId: string;
  lineId: string;
  publicBeneficiary: string;
  recordedBy: string | null;
};

/** What replaces a reversed entry, when the correction is not a plain cancellation. */
export type Replacement = { amount: number; date?: string | undefined; receiptNumber?: string | undefined; method?: string | undefined };

type NewEntry = Omit<typeof fundEntries.$inferInsert, "id" | "seq" | "recordedAt">;

/**
 * The fund ledger: immutable entries and a balance per fund and earmark. Every write locks the balance
 * row it changes (`SELECT … FOR UPDATE`) in the caller's transaction and refuses to take it below zero,
 * so two payouts racing for the last money are serialised and the second is refused.
 */
export class FundLedger {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Today in Vietnam, the default date of an entry. */
  today(): string {
    return toVietnamDate(this.clock.now().toISOString());
  }

  /**
   * Writes one entry and moves its balance; refuses an overdraft (`FUND_INSUFFICIENT`), an amount over
   * the cap and a balance over `MAX_FUND_BALANCE` (money coming in holds the fund's row, so that two
   * receipts to different earmarks cannot together pass the fund's limit).
   */
  async post(tx: Tx, entry: NewEntry): Promise<EntryRow> {
    if (!Number.isSafeInteger(entry.delta) || Math.abs(entry.delta) > MAX_VND_AMOUNT) {
      throw new DomainError("AMOUNT_TOO_LARGE", `Số tiền vượt mức tối đa ${formatVnd(MAX_VND_AMOUNT)} cho một bút toán`, { messageEn: `at most ${MAX_VND_AMOUNT} per entry` });
    }
    if (entry.delta > 0) {
      await tx.select({ id: funds.id }).from(funds).where(eq(funds.id, entry.fundId)).for("update");
      const [sum] = await tx.select({ total: sql<string>`coalesce(sum(${fundBalances.balance}), 0)` }).from(fundBalances).where(eq(fundBalances.fundId, entry.fundId));
      if (Number(sum!.total) + entry.delta > MAX_FUND_BALANCE) {
        throw new DomainError("FUND_BALANCE_LIMIT", `Số dư Quỹ sẽ vượt mức tối đa ${formatVnd(MAX_FUND_BALANCE)}`, { messageEn: `a fund's balance is limited to ${MAX_FUND_BALANCE}` });
      }
    }
    const key = and(eq(fundBalances.fundId, entry.fundId), eq(fundBalances.earmark, entry.earmark));
    await tx.insert(fundBalances).values({ fundId: entry.fundId, earmark: entry.earmark, balance: 0 }).onConflictDoNothing();
    const [row] = await tx.select().from(fundBalances).where(key).for("update");
    const next = row!.balance + entry.delta;
    if (next < 0) {
      const source = entry.earmark ? `nguồn chỉ định "${entry.earmark}"` : "Quỹ";
      throw new DomainError("FUND_INSUFFICIENT", `Số dư ${source} không đủ: còn ${formatVnd(row!.balance)}, cần chi ${formatVnd(-entry.delta)}`, {
        messageEn: `the balance (${row!.balance}) does not cover ${-entry.delta}`,
        balance: row!.balance,
        needed: -entry.delta,
      });
    }
    await tx.update(fundBalances).set({ balance: next }).where(key);
    const [written] = await tx.insert(fundEntries).values({ ...entry, id: randomUUID(), recordedAt: this.clock.now() }).returning();
    return written!;
  }

  /**
   * Records a receipt, once per receipt number: the same receipt sent again (a double-click, a retry)
   * answers the entry already recorded; another receipt under a number in use is refused, naming it.
   */
  async recordReceipt(user: SessionUser, fundId: string, input: ReceiptInput, inTransaction?: (tx: Tx, entry: EntryRow) => Promise<void>): Promise<EntryRow> {
    const receiptNumber = input.receiptNumber.trim();
    const write = () =>
      this.db.transaction(async (tx) => {
        const fund = await fundFor(tx, user, fundId, ["accountant"]);
        const dated = entryDate({ date: input.date, reason: input.backdateReason }, this.today(), { date: "/date", reason: "/backdateReason" });
        const entry = {
          fundId: fund.id,
          kind: "receipt" as const,
          delta: input.amount,
          earmark: input.earmark?.trim() ?? "",
          ...dated,
          receiptNumber,
          donorName: input.donorName,
          donorPublic: input.donorPublic,
          attachmentId: input.attachmentId ?? null,
          note: input.note ?? null,
          recordedBy: user.id,
        };
        // Receipts of a fund queue on its row, so the look-up below sees every receipt recorded before.
        await tx.select({ id: funds.id }).from(funds).where(eq(funds.id, fund.id)).for("update");
        // A relief campaign's earmark takes money only within its receiving period (Nghị định 93/2021).
        await refuseReceiptOutsideCampaign(tx, fund, entry.earmark, entry.entryDate);
        const [existing] = await tx
          .select()
          .from(fundEntries)
          .where(and(eq(fundEntries.fundId, fund.id), eq(fundEntries.kind, "receipt"), isNull(fundEntries.correctsId), eq(fundEntries.receiptNumber, receiptNumber)));
        if (existing) {
          const same = existing.delta === entry.delta && existing.earmark === entry.earmark && existing.entryDate === entry.entryDate && existing.donorName === entry.donorName && existing.donorPublic === entry.donorPublic;
          if (!same) throw receiptNumberTaken(existing);
          await inTransaction?.(tx, existing);
          return existing;
        }
        const written = await this.post(tx, entry);
        await inTransaction?.(tx, written);
        return written;
      });
    try {
      return await write();
    } catch (error) {
      // Only a database without the fund's row lock could get here; the second try sees the first receipt.
      if (isUniqueViolation(error, "fund_entries_receipt_number")) return write();
      throw error;
    }
  }

  /** A payout of a dossier line, inside the dossier step's transaction. */
  async recordPayout(tx: Tx, input: PayoutInput): Promise<EntryRow> {
    return this.post(tx, {
      fundId: input.fundId,
      kind: "payout",
      delta: -input.amount,
      earmark: input.earmark,
      entryDate: input.date,
      backdateReason: input.backdateReason,
      receiptNumber: input.receiptNumber,
      method: input.method,
      instanceId: input.instanceId,
      lineId: input.lineId,
      publicBeneficiary: input.publicBeneficiary,
      recordedBy: input.recordedBy,
    });
  }

  /**
   * Corrects an entry the only way the ledger allows: a reversing entry (the opposite amount, naming the
   * entry), then, when given, the corrected entry in its place. A reversed payout's line no longer counts
   * as paid for double-benefit checks unless it is replaced.
   */
  async reverse(
    user: SessionUser,
    fundId: string,
    entryId: string,
    input: { reason: string; replacement?: Replacement | undefined },
    inTransaction?: (tx: Tx, result: { reversal: EntryRow; replacement: EntryRow | null }) => Promise<void>,
  ) {
    return this.db.transaction(async (tx) => {
      const fund = await fundFor(tx, user, fundId, ["accountant"]);
      const [original] = isUuid(entryId)
        ? await tx.select().from(fundEntries).where(and(eq(fundEntries.id, entryId), eq(fundEntries.fundId, fund.id))).for("update")
        : [];
      if (!original) throw notFound("ENTRY_NOT_FOUND", "no such ledger entry");
      if (original.kind === "reversal") {
        throw new DomainError("ENTRY_NOT_REVERSIBLE", "Không thể đảo một bút toán đảo", { messageEn: "a reversal cannot be reversed" });
      }
      const [already] = await tx.select({ id: fundEntries.id }).from(fundEntries).where(eq(fundEntries.reversesId, original.id));
      if (already) throw new DomainError("ENTRY_ALREADY_REVERSED", "Bút toán này đã được đảo", { messageEn: "this entry is already reversed" });
      const { id: _id, seq: _seq, recordedAt: _at, backdateReason: _why, correctsId: _corrects, ...copy } = original;
      const today = this.today();
      const reversal = await this.post(tx, {
        ...copy,
        kind: "reversal",
        delta: -original.delta,
        entryDate: today,
        reversesId: original.id,
        note: input.reason,
        recordedBy: user.id,
      });
      let replacement: EntryRow | null = null;
      if (input.replacement) {
        const sign = Math.sign(original.delta);
        // The corrected entry may carry the original's earlier date, within the open months, for the correction's reason.
        const dated = entryDate({ date: input.replacement.date, reason: input.reason }, today, { date: "/replacement/date", reason: "/reason" });
        if (original.kind === "receipt") await refuseReceiptOutsideCampaign(tx, fund, original.earmark, dated.entryDate);
        replacement = await this.post(tx, {
          ...copy,
          delta: sign * input.replacement.amount,
          ...dated,
          correctsId: original.id,
          receiptNumber: input.replacement.receiptNumber ?? original.receiptNumber,
          method: input.replacement.method ?? original.method,
          note: `Thay cho bút toán đã đảo (${input.reason})`,
          recordedBy: user.id,
        });
      }
      if (original.kind === "payout" && original.instanceId && original.lineId) {
        await tx
          .update(fundLines)
          .set(replacement ? { paidOn: replacement.entryDate, paidRecordedOn: today } : { status: "cancelled" })
          .where(and(eq(fundLines.instanceId, original.instanceId), eq(fundLines.lineId, original.lineId)));
      }
      await inTransaction?.(tx, { reversal, replacement });
      return { reversal, replacement };
    });
  }

  /** Balances per earmark and in total. */
  async balances(via: Db | Tx, fund: FundRow) {
    const rows = await via.select().from(fundBalances).where(eq(fundBalances.fundId, fund.id)).orderBy(asc(fundBalances.earmark));
    return { total: rows.reduce((s, r) => s + r.balance, 0), byEarmark: rows.map((r) => ({ earmark: r.earmark, balance: r.balance })) };
  }

  /** The fund's entries in recording order, optionally of one month (`YYYY-MM`). */
  async entries(via: Db | Tx, fund: FundRow, month?: string): Promise<EntryRow[]> {
    return via
      .select()
      .from(fundEntries)
      .where(and(eq(fundEntries.fundId, fund.id), month ? sql`to_char(${fundEntries.entryDate}, 'YYYY-MM') = ${month}` : undefined))
      .orderBy(asc(fundEntries.entryDate), asc(fundEntries.seq));
  }

  /** The entries of one dossier (its payouts and their corrections). */
  async entriesOfDossier(via: Db | Tx, instanceId: string): Promise<EntryRow[]> {
    return via.select().from(fundEntries).where(eq(fundEntries.instanceId, instanceId)).orderBy(asc(fundEntries.seq));
  }
}

/** 409: another receipt of the fund has this number. */
function receiptNumberTaken(existing: EntryRow): DomainError {
  return new DomainError(
    "RECEIPT_NUMBER_TAKEN",
    `Số phiếu thu ${existing.receiptNumber} đã được ghi ngày ${formatDateVi(existing.entryDate)} (${formatVnd(existing.delta)}): không ghi lần thứ hai`,
    { messageEn: `receipt ${existing.receiptNumber} is already recorded`, existingEntryId: existing.id, receiptNumber: existing.receiptNumber, fields: [{ path: "/receiptNumber", code: "RECEIPT_NUMBER_TAKEN", message: "Số phiếu thu này đã được ghi" }] },
  );
}

export type { EntryKind };
