/**
 * The beneficiary lines of a fund disbursement request, as the pure engine sees them in the dossier
 * data (`data.lines`), and the data actions of `fund-disbursement` that change them.
 */
import type { DataAction } from "../data-actions";
import { normaliseName } from "./names";

/** One beneficiary of a request. `approvedAmount` is set by the leader, `payment` by the accountant. */
export type FundLine = {
  lineId: string;
  fullName: string;
  birthYear: number;
  cccd?: string;
  unitId: string;
  category: string;
  circumstances?: string;
  amount: number;
  purpose?: string;
  approvedAmount?: number;
  /** `recordedOn`: the day the payment was recorded, which `paidOn` may precede (with a `backdateReason`). */
  payment?: { paidOn: string; method: string; receiptNumber: string; recordedOn?: string; backdateReason?: string };
};

export function linesOf(data: Record<string, unknown>): FundLine[] {
  return Array.isArray(data.lines) ? (data.lines as FundLine[]) : [];
}

/** Who a line is for, and how much: what a clearance was given for. */
export type LineIdentity = { cccd: string | null; nameKey: string; birthYear: number; unitId: string; amount: number };

export function identityOf(line: FundLine): LineIdentity {
  return { cccd: line.cccd ?? null, nameKey: normaliseName(line.fullName), birthYear: line.birthYear, unitId: line.unitId, amount: line.amount };
}

function sameIdentity(a: LineIdentity, b: LineIdentity): boolean {
  return a.cccd === b.cccd && a.nameKey === b.nameKey && a.birthYear === b.birthYear && a.unitId === b.unitId && a.amount === b.amount;
}

/**
 * A specialist's clearance of a line's double-benefit flag, for the person and amount it was given for,
 * by the fund the request was then addressed to (`fund`: a supplement may move the request to another fund,
 * whose specialist has not judged it).
 */
export type Clearance = { reason: string; on: string | null; by?: string | null; for?: LineIdentity; fund?: unknown };

/**
 * The clearances that still hold: each for a current line whose person and amount are those it was given
 * for. A clearance without that record (given before it was kept) no longer holds: the flag stands again.
 */
export function validClearances(data: Record<string, unknown>): Record<string, Clearance> {
  const given = (data.$clearances ?? {}) as Record<string, Clearance>;
  const lines = new Map(linesOf(data).map((l) => [l.lineId, l]));
  return Object.fromEntries(
    Object.entries(given).filter(([lineId, c]) => {
      const line = lines.get(lineId);
      // Clearances given before the fund was recorded with them keep holding in the request's fund.
      const sameFund = c.fund === undefined || c.fund === (data.fundUnit ?? null);
      return line !== undefined && c.for !== undefined && sameIdentity(c.for, identityOf(line)) && sameFund;
    }),
  );
}

function lineNumber(id: unknown): number {
  const m = typeof id === "string" ? /^L([0-9]+)$/.exec(id) : null;
  return m ? Number(m[1]) : 0;
}

/**
 * Lines without an id get the next number never used (`L1`, `L2`, …), so that flags, approvals and payments
 * can name them (the server numbers lines as they arrive; this numbers dossiers begun before it did). A
 * clearance whose line now names another person or amount is dropped: the flag stands again.
 */
const numberFundLines: DataAction = (data) => {
  const lines0 = linesOf(data);
  let next = Math.max(typeof data.$nextLine === "number" ? data.$nextLine : 1, ...lines0.map((l) => lineNumber(l.lineId) + 1));
  const taken = new Set(lines0.map((l) => l.lineId).filter(Boolean));
  const lines = lines0.map((line) => {
    if (line.lineId) return line;
    while (taken.has(`L${next}`)) next++;
    taken.add(`L${next}`);
    return { ...line, lineId: `L${next++}` };
  });
  const numbered = { ...data, lines, $nextLine: next };
  return data.$clearances === undefined ? numbered : { ...numbered, $clearances: validClearances(numbered) };
};

/** The specialist clears a line's double-benefit flag with a reason, for that line's person and amount (`$clearances[lineId]`). */
const clearFundFlag: DataAction = (data, { event, today, actorId }) => {
  const line = linesOf(data).find((l) => l.lineId === event.lineId);
  const clearance: Clearance = { reason: String(event.reason), on: today, by: actorId ?? null, ...(line ? { for: identityOf(line) } : {}), fund: data.fundUnit ?? null };
  return { ...data, $clearances: { ...((data.$clearances as object) ?? {}), [String(event.lineId)]: clearance } };
};

/** The specialist takes a line off the request (kept in `$removedLines` with the reason). */
const removeFundLine: DataAction = (data, { event, today, actorId }) => {
  const removed = linesOf(data).filter((l) => l.lineId === event.lineId);
  return {
    ...data,
    lines: linesOf(data).filter((l) => l.lineId !== event.lineId),
    $removedLines: [
      ...(Array.isArray(data.$removedLines) ? data.$removedLines : []),
      ...removed.map((line) => ({ line, reason: event.reason, on: today, by: actorId ?? null })),
    ],
  };
};

/**
 * A leader approves: each line's approved amount is the requested one, or lower where the leader lowered
 * it (`event.amounts: [{ lineId, amount }]`); an amount is never raised. The signature is recorded.
 */
const approveFundLines: DataAction = (data, { event, today, actorId }) => {
  const lowered = new Map(
    (Array.isArray(event.amounts) ? (event.amounts as { lineId: string; amount: number }[]) : []).map((a) => [a.lineId, a.amount]),
  );
  const lines = linesOf(data).map((line) => {
    const current = line.approvedAmount ?? line.amount;
    const asked = lowered.get(line.lineId);
    return { ...line, approvedAmount: asked === undefined ? current : Math.min(current, asked) };
  });
  const signatures = Array.isArray(data.$signatures) ? data.$signatures : [];
  return { ...data, lines, $signatures: [...signatures, { by: actorId ?? null, on: today, note: event.note ?? null }] };
};

/** Back to verification: the signatures and the approved amounts no longer hold. */
const resetFundApproval: DataAction = (data) => ({
  ...data,
  lines: linesOf(data).map(({ approvedAmount: _dropped, ...line }) => line),
  $signatures: [],
});

/**
 * The accountant has paid one line (the ledger entry is written by the server in the same transaction,
 * which also checks a backdated `paidOn`). Without `paidOn` the payment is dated the day it is recorded.
 */
const recordFundPayment: DataAction = (data, { event, today }) => {
  const payment = {
    paidOn: typeof event.paidOn === "string" ? event.paidOn : (today ?? ""),
    method: String(event.method),
    receiptNumber: String(event.receiptNumber),
    ...(today ? { recordedOn: today } : {}),
    ...(typeof event.backdateReason === "string" ? { backdateReason: event.backdateReason } : {}),
  };
  return { ...data, lines: linesOf(data).map((line) => (line.lineId === event.lineId ? { ...line, payment } : line)) };
};

/** The data actions of `fund-disbursement`. */
export const fundDataActions: Readonly<Record<string, DataAction>> = {
  numberFundLines,
  clearFundFlag,
  removeFundLine,
  approveFundLines,
  resetFundApproval,
  recordFundPayment,
};
