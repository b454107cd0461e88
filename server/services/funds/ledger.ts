import { randomUUID } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { formatVnd } from "../../../forms";
import type { Clock } from "../../clock";
import type { Db, Tx } from "../../db/client";
import { fundBalances, fundEntries, fundLines, type EntryKind } from "../../db/schema";
import { DomainError, notFound } from "../../errors";
import type { SessionUser } from "../../identity";
import { isUuid } from "../dossiers";
import { fundFor, type FundRow } from "./access";

export type EntryRow = typeof fundEntries.$inferSelect;

/** A receipt as the accountant records it. */
export type ReceiptInput = {
  donorName: string;
  donorPublic: "named" | "anonymous";
  amount: number;
  date: string;
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
  method: string;
  receiptNumber: string;
  instanceId: string;
  lineId: string;
  publicBeneficiary: string;
  recordedBy: string | null;
};

/** What replaces a reversed entry, when the correction is not a plain cancellation. */
export type Replacement = { amount: number; date: string; receiptNumber?: string | undefined; method?: string | undefined };

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

  /** Writes one entry and moves its balance; refuses an overdraft (`FUND_INSUFFICIENT`). */
  async post(tx: Tx, entry: NewEntry): Promise<EntryRow> {
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

  async recordReceipt(user: SessionUser, fundId: string, input: ReceiptInput): Promise<EntryRow> {
    return this.db.transaction(async (tx) => {
      const fund = await fundFor(tx, user, fundId, ["accountant"]);
      return this.post(tx, {
        fundId: fund.id,
        kind: "receipt",
        delta: input.amount,
        earmark: input.earmark?.trim() ?? "",
        entryDate: input.date,
        receiptNumber: input.receiptNumber,
        donorName: input.donorName,
        donorPublic: input.donorPublic,
        attachmentId: input.attachmentId ?? null,
        note: input.note ?? null,
        recordedBy: user.id,
      });
    });
  }

  /** A payout of a dossier line, inside the dossier step's transaction. */
  async recordPayout(tx: Tx, input: PayoutInput): Promise<EntryRow> {
    return this.post(tx, {
      fundId: input.fundId,
      kind: "payout",
      delta: -input.amount,
      earmark: input.earmark,
      entryDate: input.date,
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
  async reverse(user: SessionUser, fundId: string, entryId: string, input: { reason: string; replacement?: Replacement | undefined }) {
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
      const { id: _id, seq: _seq, recordedAt: _at, ...copy } = original;
      const today = this.clock.now().toISOString().slice(0, 10);
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
        replacement = await this.post(tx, {
          ...copy,
          delta: sign * input.replacement.amount,
          entryDate: input.replacement.date,
          receiptNumber: input.replacement.receiptNumber ?? original.receiptNumber,
          method: input.replacement.method ?? original.method,
          note: `Thay cho bút toán đã đảo (${input.reason})`,
          recordedBy: user.id,
        });
      }
      if (original.kind === "payout" && original.instanceId && original.lineId) {
        await tx
          .update(fundLines)
          .set(replacement ? { paidOn: replacement.entryDate } : { status: "cancelled" })
          .where(and(eq(fundLines.instanceId, original.instanceId), eq(fundLines.lineId, original.lineId)));
      }
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

export type { EntryKind };
