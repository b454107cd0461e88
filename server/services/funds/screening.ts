import { and, eq, gte, isNull, ne, or } from "drizzle-orm";
import { linesOf, normaliseName, type DossierSnapshot, type FundLine } from "../../../workflows";
import { toVietnamDate } from "../../../workflows/calendar";
import type { Db, Tx } from "../../db/client";
import { fundLines, funds, instances, programmeListEntries } from "../../db/schema";
import type { InstanceRow } from "../dossiers";

/** Why a line was flagged: an earlier payout, another dossier's approved line, or another programme's list. */
export type Match =
  | { source: "payout"; dossierId: string; dossierCode: string; lineId: string; paidOn: string | null; amount: number; by: "cccd" | "name" }
  | { source: "approved"; dossierId: string; dossierCode: string; lineId: string; amount: number; by: "cccd" | "name" }
  | { source: "programme"; programme: string; period: string; by: "cccd" };

export type LineScreening = { lineId: string; matches: Match[]; cleared: { reason: string; on: string | null } | null };

/** The default look-back of the double-benefit check when the definition does not say. */
const DEFAULT_WINDOW_DAYS = 365;

function daysBefore(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/**
 * The double-benefit check of a disbursement request: every line is matched (same CCCD; or, when either
 * side has none, the same normalised name, birth year and unit) against the fund's payouts within the
 * window, the approved but unpaid lines of other dossiers, and the imported lists of other programmes.
 */
export async function screenRequest(via: Db | Tx, row: InstanceRow, at: Date, windowDays = DEFAULT_WINDOW_DAYS): Promise<LineScreening[]> {
  const data = (row.snapshot as DossierSnapshot).context.data;
  const [fund] = typeof data.fundUnit === "string" ? await via.select().from(funds).where(eq(funds.unitId, data.fundUnit)) : [];
  const clearances = clearancesOf(data);
  const since = windowStart(at, windowDays);
  const out: LineScreening[] = [];
  for (const line of linesOf(data)) {
    const matches = fund ? [...(await earlierLines(via, row.id, fund.id, line, since)), ...(await programmeLists(via, fund.id, line, since))] : [];
    out.push({ lineId: line.lineId, matches, cleared: clearances[line.lineId] ?? null });
  }
  return out;
}

/** The lines whose double-benefit flag an official cleared, with the reason. */
export function clearancesOf(data: Record<string, unknown>): Record<string, { reason: string; on: string | null }> {
  return (data.$clearances ?? {}) as Record<string, { reason: string; on: string | null }>;
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

async function earlierLines(via: Db | Tx, instanceId: string, fundId: string, line: FundLine, since: string): Promise<Match[]> {
  const byName = and(eq(fundLines.nameKey, normaliseName(line.fullName)), eq(fundLines.birthYear, line.birthYear), eq(fundLines.unitId, line.unitId));
  const identity = line.cccd ? or(eq(fundLines.cccd, line.cccd), and(isNull(fundLines.cccd), byName)) : byName;
  const rows = await via
    .select({ line: fundLines, code: instances.code })
    .from(fundLines)
    .innerJoin(instances, eq(instances.id, fundLines.instanceId))
    .where(
      and(
        eq(fundLines.fundId, fundId),
        ne(fundLines.instanceId, instanceId),
        identity,
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


