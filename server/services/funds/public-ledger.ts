import { csvDocument } from "../../csv";
import type { EntryRow } from "./ledger";

/** One ledger line as anyone may see it: donors as they agreed, beneficiaries shortened, never a CCCD. */
export type PublicEntry = {
  date: string;
  kind: "receipt" | "payout" | "reversal";
  /** Signed change of the balance in đồng. */
  amount: number;
  earmark: string;
  receiptNumber: string | null;
  donor: string | null;
  beneficiary: string | null;
  dossierCode: string | null;
  /** For a reversal: the receipt number of the entry it reverses. */
  reverses: string | null;
  /** A fixed text by kind, never what staff typed (a correction's reason may name a person). */
  note: string | null;
};

/** What the public reads of a reversing entry, in place of the accountant's reason. */
export function reversalNote(reverses: string | null): string {
  return reverses ? `Điều chỉnh bút toán số ${reverses}` : "Điều chỉnh bút toán";
}

export type MonthTotals = { month: string; receipts: number; payouts: number; closingBalance: number };

export const ANONYMOUS_DONOR = "Nhà hảo tâm (ẩn danh)";

/** Whether an entry counts with receipts or with payouts (a reversal counts with what it reverses). */
function side(entry: EntryRow, byId: Map<string, EntryRow>): "receipts" | "payouts" {
  const base = entry.kind === "reversal" && entry.reversesId ? byId.get(entry.reversesId) : entry;
  return base?.kind === "receipt" ? "receipts" : "payouts";
}

/**
 * The public ledger of a fund from all its entries: per month the receipts, the payouts (corrections
 * counted with what they correct) and the balance at the month's end, and the entries of `month` (or all).
 */
export function publicLedger(entries: EntryRow[], codes: Map<string, string>, month?: string) {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const months = new Map<string, MonthTotals>();
  let balance = 0;
  const totals = { receipts: 0, payouts: 0 };
  for (const entry of entries) {
    const key = entry.entryDate.slice(0, 7);
    const m = months.get(key) ?? { month: key, receipts: 0, payouts: 0, closingBalance: 0 };
    const where = side(entry, byId);
    // Payouts are shown as positive amounts paid out.
    const amount = where === "receipts" ? entry.delta : -entry.delta;
    m[where] += amount;
    totals[where] += amount;
    balance += entry.delta;
    m.closingBalance = balance;
    months.set(key, m);
  }
  const shown = entries.filter((e) => !month || e.entryDate.startsWith(month));
  return {
    balance,
    totals,
    months: [...months.values()],
    entries: shown.map((e): PublicEntry => {
      const reverses = e.reversesId ? (byId.get(e.reversesId)?.receiptNumber ?? null) : null;
      return {
        date: e.entryDate,
        kind: e.kind,
        amount: e.delta,
        earmark: e.earmark,
        receiptNumber: e.receiptNumber,
        donor: e.donorName === null ? null : e.donorPublic === "named" ? e.donorName : ANONYMOUS_DONOR,
        beneficiary: e.publicBeneficiary,
        dossierCode: e.instanceId ? (codes.get(e.instanceId) ?? null) : null,
        reverses,
        note: e.kind === "reversal" ? reversalNote(reverses) : null,
      };
    }),
  };
}

const KIND_VI: Record<PublicEntry["kind"], string> = { receipt: "Thu", payout: "Chi", reversal: "Điều chỉnh (bút toán đảo)" };

/** The public entries as CSV (UTF-8 with BOM, so spreadsheet programs read the Vietnamese right). */
export function publicLedgerCsv(entries: PublicEntry[]): string {
  const header = ["Ngày", "Loại", "Số tiền (₫)", "Nguồn chỉ định", "Số chứng từ", "Nhà tài trợ", "Đối tượng", "Mã hồ sơ", "Ghi chú"];
  const rows = entries.map((e) => [e.date.split("-").reverse().join("/"), KIND_VI[e.kind], e.amount, e.earmark, e.receiptNumber, e.donor, e.beneficiary, e.dossierCode, e.note]);
  return csvDocument([header, ...rows]);
}
