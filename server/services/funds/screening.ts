import { and, eq, gte, isNull, ne, or, sql } from "drizzle-orm";
import { linesOf, normaliseName, validClearances, type DossierSnapshot, type FundLine } from "../../../workflows";
import { toVietnamDate } from "../../../workflows/calendar";
import type { Db, Tx } from "../../db/client";
import { fundLines, funds, instances, programmeListEntries } from "../../db/schema";
import type { InstanceRow } from "../dossiers";

/** Why a line was flagged: an earlier payout, another dossier's approved line, or another programme's list. */
export type Match =
  | { source: "payout"; dossierId: string; dossierCode: string; lineId: string; paidOn: string | null; amount: number; by: "cccd" | "name" }
  | { source: "approved"; dossierId: string; dossierCode: string; lineId: string; amount: number; by: "cccd" | "name" }
  | { source: "programme"; programme: string; period: string; by: "cccd" }
  /** The same person on another line of this request. */
  | { source: "sameRequest"; lineId: string; by: "cccd" | "name" }
  /**
   * Threshold splitting: the same person asked for in another open request of the fund, the amounts
   * together above the two-leader threshold (each alone under it would need one leader only).
   */
  | { source: "split"; dossierId: string; dossierCode: string; lineId: string; amount: number; by: "cccd" | "name" };

export type LineScreening = { lineId: string; matches: Match[]; cleared: { reason: string; on: string | null } | null };

/** The default look-back of the double-benefit check when the definition does not say. */
const DEFAULT_WINDOW_DAYS = 365;

/** What a request is screened with: its definition's window and two-leader threshold. */
export type ScreeningRules = { windowDays?: number | undefined; twoLeaderThreshold?: number | undefined };

function daysBefore(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/**
 * The double-benefit check of a disbursement request: every line is matched (same CCCD; or, when either
 * side has none, the same normalised name, birth year and unit) against the fund's payouts within the
 * window, the approved but unpaid lines of other dossiers, the other lines of this request, the open
 * requests that together split an amount above the two-leader threshold, and the imported lists of other
 * programmes. A clearance counts only for the person and amount it was given for.
 */
export async function screenRequest(via: Db | Tx, row: InstanceRow, at: Date, rules: ScreeningRules = {}): Promise<LineScreening[]> {
  const data = (row.snapshot as DossierSnapshot).context.data;
  const [fund] = typeof data.fundUnit === "string" ? await via.select().from(funds).where(eq(funds.unitId, data.fundUnit)) : [];
  const clearances = validClearances(data);
  const since = windowStart(at, rules.windowDays);
  const lines = linesOf(data);
  const out: LineScreening[] = [];
  for (const line of lines) {
    const matches: Match[] = [...sameRequest(lines, line)];
    if (fund) {
      matches.push(...(await earlierLines(via, row.id, fund.id, line, since)));
      if (typeof rules.twoLeaderThreshold === "number") matches.push(...(await splitRequests(via, row.id, fund.id, line, since, rules.twoLeaderThreshold)));
      matches.push(...(await programmeLists(via, fund.id, line, since)));
    }
    const cleared = clearances[line.lineId];
    out.push({ lineId: line.lineId, matches, cleared: cleared ? { reason: cleared.reason, on: cleared.on } : null });
  }
  return out;
}

/** The lines whose double-benefit flag an official cleared for their current person and amount. */
export function clearancesOf(data: Record<string, unknown>): Record<string, { reason: string; on: string | null }> {
  return validClearances(data);
}

function samePerson(a: Pick<FundLine, "cccd" | "fullName" | "birthYear" | "unitId">, b: typeof a): "cccd" | "name" | null {
  if (a.cccd && b.cccd) return a.cccd === b.cccd ? "cccd" : null;
  return normaliseName(a.fullName) === normaliseName(b.fullName) && a.birthYear === b.birthYear && a.unitId === b.unitId ? "name" : null;
}

function sameRequest(lines: FundLine[], line: FundLine): Match[] {
  return lines.flatMap((other) => {
    const by = other.lineId !== line.lineId ? samePerson(line, other) : null;
    return by ? [{ source: "sameRequest" as const, lineId: other.lineId, by }] : [];
  });
}

/** The first day the double-benefit check looks back to from `at` (the definition's window, else a year). */
export function windowStart(at: Date, windowDays: unknown): string {
  return daysBefore(toVietnamDate(at.toISOString()), typeof windowDays === "number" ? windowDays : DEFAULT_WINDOW_DAYS);
}

/** A payout of the same person by another dossier of the fund since `since`, if there is one. */
export async function paidElsewhere(via: Db | Tx, instanceId: string, fundId: string, line: FundLine, since: string): Promise<Extract<Match, { source: "payout" }> | null> {
  const matches = await earlierLines(via, instanceId, fundId, line, since);
  return matches.find((m): m is Extract<Match, { source: "payout" }> => m.source === "payout") ?? null;
}

function identityOf(line: FundLine) {
  const byName = and(eq(fundLines.nameKey, normaliseName(line.fullName)), eq(fundLines.birthYear, line.birthYear), eq(fundLines.unitId, line.unitId));
  return line.cccd ? or(eq(fundLines.cccd, line.cccd), and(isNull(fundLines.cccd), byName)) : byName;
}

/** Approved or paid lines of the same person: in other dossiers, or (paid) on another line of this one. */
async function earlierLines(via: Db | Tx, instanceId: string, fundId: string, line: FundLine, since: string): Promise<Match[]> {
  const rows = await via
    .select({ line: fundLines, code: instances.code })
    .from(fundLines)
    .innerJoin(instances, eq(instances.id, fundLines.instanceId))
    .where(
      and(
        eq(fundLines.fundId, fundId),
        or(ne(fundLines.instanceId, instanceId), ne(fundLines.lineId, line.lineId)),
        identityOf(line),
        // A payment counts from the day it was made and from the day it was recorded, whichever is later.
        or(eq(fundLines.status, "approved"), and(eq(fundLines.status, "paid"), or(gte(fundLines.paidOn, since), gte(fundLines.paidRecordedOn, since)))),
      ),
    );
  return rows.map(({ line: l, code }) => {
    const by = line.cccd && l.cccd === line.cccd ? ("cccd" as const) : ("name" as const);
    return l.status === "paid"
      ? { source: "payout" as const, dossierId: l.instanceId, dossierCode: code, lineId: l.lineId, paidOn: l.paidOn, amount: l.approvedAmount ?? l.amount, by }
      : { source: "approved" as const, dossierId: l.instanceId, dossierCode: code, lineId: l.lineId, amount: l.approvedAmount ?? l.amount, by };
  });
}

/**
 * The same person's lines in the fund's other open requests (handed in, not yet approved): flagged when,
 * with this line, they ask for more than the two-leader threshold.
 */
async function splitRequests(via: Db | Tx, instanceId: string, fundId: string, line: FundLine, since: string, threshold: number): Promise<Match[]> {
  const rows = await via
    .select({ line: fundLines, code: instances.code })
    .from(fundLines)
    .innerJoin(instances, eq(instances.id, fundLines.instanceId))
    .where(
      and(
        eq(fundLines.fundId, fundId),
        ne(fundLines.instanceId, instanceId),
        identityOf(line),
        eq(fundLines.status, "requested"),
        eq(instances.status, "active"),
        // A draft is not a request yet.
        sql`not ('draft' = any(${instances.state}))`,
        gte(sql`(${fundLines.updatedAt} at time zone 'Asia/Ho_Chi_Minh')::date`, since),
      ),
    );
  const total = rows.reduce((sum, r) => sum + r.line.amount, line.amount);
  if (total <= threshold) return [];
  return rows.map(({ line: l, code }) => ({
    source: "split" as const,
    dossierId: l.instanceId,
    dossierCode: code,
    lineId: l.lineId,
    amount: l.amount,
    by: line.cccd && l.cccd === line.cccd ? ("cccd" as const) : ("name" as const),
  }));
}

async function programmeLists(via: Db | Tx, fundId: string, line: FundLine, since: string): Promise<Match[]> {
  if (!line.cccd) return [];
  const rows = await via
    .select({ programme: programmeListEntries.programme, period: programmeListEntries.period })
    .from(programmeListEntries)
    .where(and(eq(programmeListEntries.fundId, fundId), eq(programmeListEntries.cccd, line.cccd), gte(programmeListEntries.periodEnd, since)));
  return rows.map((r) => ({ source: "programme" as const, programme: r.programme, period: r.period, by: "cccd" as const }));
}

/** The server facts of a request: how many flagged lines are not cleared (`$server.unclearedFlags`). */
export function screeningFacts(lines: LineScreening[]): { unclearedFlags: number; flaggedLines: number } {
  const flagged = lines.filter((l) => l.matches.length > 0);
  return { unclearedFlags: flagged.filter((l) => !l.cleared).length, flaggedLines: flagged.length };
}


