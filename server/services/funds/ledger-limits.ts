/**
 * What the ledger accepts beyond its shape: how far back an entry may be dated, and how large a balance
 * may grow. The per-entry cap is `MAX_VND_AMOUNT` (forms/money.ts), shared with the browser.
 */
import { formatDateVi, MAX_VND_AMOUNT } from "../../../forms";
import { DomainError, type FieldError } from "../../errors";

/**
 * How many months before the current one are still open for backdated entries. 1: the previous month
 * stays open (the fund's monthly report is made in the first days of the next month); anything dated
 * before the first day of the previous month is in a closed month and refused.
 */
export const OPEN_MONTHS_BEFORE_CURRENT = 1;

/**
 * The largest balance of a fund, all earmarks together: 10^15 ₫, a million times the largest single
 * entry and still nine times under 2^53, so balances, totals and monthly sums stay exact numbers.
 */
export const MAX_FUND_BALANCE = 1_000_000_000_000_000;

export { MAX_VND_AMOUNT };

/** The first day that is not in a closed month, seen from `today` (YYYY-MM-DD). */
export function firstOpenDay(today: string): string {
  const [y, m] = today.split("-").map(Number) as [number, number];
  const months = y * 12 + (m - 1) - OPEN_MONTHS_BEFORE_CURRENT;
  return `${Math.floor(months / 12)}-${String((months % 12) + 1).padStart(2, "0")}-01`;
}

/** Where, in the request, the date and the reason were given (JSON pointers), and which form holds them. */
export type DateFields = { date: string; reason: string; form?: string };

/** An entry's date: `today` unless a backdated one is given within bounds with a reason. */
export type EntryDate = { entryDate: string; backdateReason: string | null };

/**
 * Checks the date of a ledger entry: never after `today`, never in a closed month, never before
 * `notBefore` (a payout: the day the request was approved) and, when before today, with a reason.
 */
export function entryDate(
  input: { date?: string | undefined; reason?: string | undefined },
  today: string,
  at: DateFields,
  notBefore?: { date: string; message: string; messageEn: string },
): EntryDate {
  const date = input.date || today;
  const reason = input.reason?.trim() || null;
  const field = (path: string, code: string, message: string, messageEn: string): FieldError => ({ path, code, message, messageEn, ...(at.form ? { form: at.form } : {}) });
  const open = firstOpenDay(today);
  let problem: FieldError | null = null;
  if (date > today) {
    problem = field(at.date, "DATE_IN_FUTURE", `Ngày ghi sổ không được sau hôm nay (${formatDateVi(today)})`, `not after today (${today})`);
  } else if (date < open) {
    problem = field(at.date, "DATE_IN_CLOSED_MONTH", `Sổ đã khoá đến hết ngày ${formatDateVi(previousDay(open))}: chỉ ghi lùi ngày từ ${formatDateVi(open)}`, `months before ${open} are closed`);
  } else if (notBefore && date < notBefore.date) {
    problem = field(at.date, "DATE_BEFORE_APPROVAL", notBefore.message, notBefore.messageEn);
  } else if (date < today && !reason) {
    problem = field(at.reason, "BACKDATE_REASON_REQUIRED", "Ghi lùi ngày cần nêu lý do", "a backdated entry needs a reason");
  }
  if (problem) throw new DomainError("VALIDATION_FAILED", problem.message, { messageEn: problem.messageEn, fields: [problem] });
  return { entryDate: date, backdateReason: date < today ? reason : null };
}

function previousDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** The day a request was approved: the last leader's signature (`$signatures[].on`). */
function approvedOn(data: Record<string, unknown>): string | null {
  const days = (Array.isArray(data.$signatures) ? data.$signatures : []).map((s) => (s as { on?: unknown }).on).filter((d): d is string => typeof d === "string");
  return days.length ? days.sort().at(-1)! : null;
}

/** The date of a payout as the accountant gave it (`PAY {paidOn, backdateReason}`), checked against today and the approval. */
export function payoutDate(payment: { paidOn: string; backdateReason?: string | undefined }, data: Record<string, unknown>, today: string): { date: string; backdateReason: string | null } {
  const approved = approvedOn(data);
  const notBefore = approved
    ? { date: approved, message: `Ngày chi không được trước ngày duyệt (${formatDateVi(approved)})`, messageEn: `not before the approval (${approved})` }
    : undefined;
  const dated = entryDate({ date: payment.paidOn, reason: payment.backdateReason }, today, { date: "/paidOn", reason: "/backdateReason", form: "fund-payment" }, notBefore);
  return { date: dated.entryDate, backdateReason: dated.backdateReason };
}
