import { sql } from "drizzle-orm";
import { linesOf, normaliseName, validClearances, type DossierSnapshot, type FundLine } from "../../../workflows";
import { toVietnamDate } from "../../../workflows/calendar";
import type { Db, Tx } from "../../db/client";
import { fundLines, instances, programmeListEntries } from "../../db/schema";
import type { InstanceRow } from "../dossiers";
import { rowsOf } from "../session-user";
import { fundOfRequest } from "./request-fund";

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
 *
 * Set-based: one query for all the lines at once (a request of many lines must not cost a query per
 * line), and the lines of the request itself are grouped in memory, not compared pairwise.
 */
export async function screenRequest(via: Db | Tx, row: InstanceRow, at: Date, rules: ScreeningRules = {}): Promise<LineScreening[]> {
  const data = (row.snapshot as DossierSnapshot).context.data;
  const fund = await fundOfRequest(via, data);
  const clearances = validClearances(data);
  const lines = linesOf(data);
  const found = fund ? await matchesOfLines(via, row.id, fund.id, lines, windowStart(at, rules.windowDays)) : [];
  const byLine = new Map<string, FoundRow[]>();
  for (const r of found) byLine.set(r.forLine, [...(byLine.get(r.forLine) ?? []), r]);
  const within = sameRequestMatches(lines);
  return lines.map((line, index) => {
    const rows = byLine.get(line.lineId) ?? [];
    const matches: Match[] = [...within[index]!, ...earlierOf(line, rows), ...splitOf(line, rows, rules.twoLeaderThreshold), ...programmesOf(rows)];
    const cleared = clearances[line.lineId];
    return { lineId: line.lineId, matches, cleared: cleared ? { reason: cleared.reason, on: cleared.on } : null };
  });
}

/** The lines whose double-benefit flag an official cleared for their current person and amount. */
export function clearancesOf(data: Record<string, unknown>): Record<string, { reason: string; on: string | null }> {
  return validClearances(data);
}

function samePerson(a: Pick<FundLine, "cccd" | "fullName" | "birthYear" | "unitId">, b: typeof a): "cccd" | "name" | null {
  if (a.cccd && b.cccd) return a.cccd === b.cccd ? "cccd" : null;
  return normaliseName(a.fullName) === normaliseName(b.fullName) && a.birthYear === b.birthYear && a.unitId === b.unitId ? "name" : null;
}

/** For each line, the other lines of the request naming the same person: grouped by identity, not pairwise. */
function sameRequestMatches(lines: FundLine[]): Match[][] {
  const groups = new Map<string, number[]>();
  const keysOf = (line: FundLine) => [
    ...(line.cccd ? [`cccd:${line.cccd}`] : []),
    `name:${JSON.stringify([normaliseName(line.fullName), line.birthYear, line.unitId])}`,
  ];
  lines.forEach((line, index) => keysOf(line).forEach((key) => groups.set(key, [...(groups.get(key) ?? []), index])));
  return lines.map((line) => {
    const candidates = new Set(keysOf(line).flatMap((key) => groups.get(key) ?? []));
    return [...candidates]
      .sort((a, b) => a - b)
      .flatMap((i) => {
        const other = lines[i]!;
        const by = other.lineId !== line.lineId ? samePerson(line, other) : null;
        return by ? [{ source: "sameRequest" as const, lineId: other.lineId, by }] : [];
      });
  });
}

/** The first day the double-benefit check looks back to from `at` (the definition's window, else a year). */
export function windowStart(at: Date, windowDays: unknown): string {
  return daysBefore(toVietnamDate(at.toISOString()), typeof windowDays === "number" ? windowDays : DEFAULT_WINDOW_DAYS);
}

/** A payout of the same person by another dossier of the fund since `since`, if there is one. */
export async function paidElsewhere(via: Db | Tx, instanceId: string, fundId: string, line: FundLine, since: string): Promise<Extract<Match, { source: "payout" }> | null> {
  const rows = await matchesOfLines(via, instanceId, fundId, [line], since);
  return earlierOf(line, rows).find((m): m is Extract<Match, { source: "payout" }> => m.source === "payout") ?? null;
}

/** A row of `matchesOfLines`: a fund line (`kind` its status) or a programme list entry found for `forLine`. */
type FoundRow = {
  forLine: string;
  kind: "approved" | "paid" | "requested" | "programme";
  instanceId: string | null;
  lineId: string | null;
  code: string | null;
  cccd: string | null;
  amount: number | null;
  approvedAmount: number | null;
  paidOn: string | null;
  programme: string | null;
  period: string | null;
};

/**
 * Everything the lines are matched against, in one statement: the lines' identities go in as one JSON
 * array, joined with the fund's lines (approved, paid within the window, or requested in another open
 * request: threshold splitting) and with the other programmes' lists (by CCCD).
 */
async function matchesOfLines(via: Db | Tx, instanceId: string, fundId: string, lines: FundLine[], since: string): Promise<FoundRow[]> {
  if (lines.length === 0) return [];
  const wanted = JSON.stringify(
    lines.map((l) => ({ line_id: l.lineId, cccd: l.cccd || null, name_key: normaliseName(l.fullName), birth_year: l.birthYear, unit_id: l.unitId ?? null })),
  );
  const result = await via.execute(sql`
    with wanted as (
      select * from jsonb_to_recordset(${wanted}::jsonb) as w(line_id text, cccd text, name_key text, birth_year int, unit_id text)
    )
    select w.line_id as "forLine", l.status as kind, l.instance_id::text as "instanceId", l.line_id as "lineId", i.code,
           l.cccd, l.amount::float8 as amount, l.approved_amount::float8 as "approvedAmount", l.paid_on::text as "paidOn",
           null::text as programme, null::text as period
      from wanted w
      join ${fundLines} l on l.fund_id = ${fundId}::uuid
       and ((w.cccd is not null and l.cccd = w.cccd)
         or ((w.cccd is null or l.cccd is null) and l.name_key = w.name_key and l.birth_year = w.birth_year and l.unit_id::text = lower(w.unit_id)))
      join ${instances} i on i.id = l.instance_id
     where ((l.instance_id <> ${instanceId}::uuid or l.line_id <> w.line_id)
            -- A payment counts from the day it was made and from the day it was recorded, whichever is later.
            and (l.status = 'approved' or (l.status = 'paid' and (l.paid_on >= ${since}::date or l.paid_recorded_on >= ${since}::date))))
        or (l.instance_id <> ${instanceId}::uuid and l.status = 'requested' and i.status = 'active'
            -- A draft is not a request yet.
            and not ('draft' = any(i.state))
            and (l.updated_at at time zone 'Asia/Ho_Chi_Minh')::date >= ${since}::date)
    union all
    select w.line_id, 'programme', null, null, null, p.cccd, null, null, null, p.programme, p.period
      from wanted w
      join ${programmeListEntries} p on p.fund_id = ${fundId}::uuid and p.cccd = w.cccd and p.period_end >= ${since}::date`);
  const num = (v: number | null) => (v === null ? null : Number(v));
  return rowsOf<FoundRow>(result).map((r) => ({ ...r, amount: num(r.amount), approvedAmount: num(r.approvedAmount) }));
}

/** Approved or paid lines of the same person: in other dossiers, or (paid) on another line of this one. */
function earlierOf(line: FundLine, rows: FoundRow[]): Match[] {
  return rows.flatMap((r): Match[] => {
    const by = line.cccd && r.cccd === line.cccd ? ("cccd" as const) : ("name" as const);
    const common = { dossierId: r.instanceId!, dossierCode: r.code!, lineId: r.lineId!, amount: r.approvedAmount ?? r.amount!, by };
    if (r.kind === "paid") return [{ source: "payout", ...common, paidOn: r.paidOn }];
    if (r.kind === "approved") return [{ source: "approved", ...common }];
    return [];
  });
}

/**
 * The same person's lines in the fund's other open requests (handed in, not yet approved): flagged when,
 * with this line, they ask for more than the two-leader threshold.
 */
function splitOf(line: FundLine, rows: FoundRow[], threshold: number | undefined): Match[] {
  if (typeof threshold !== "number") return [];
  const open = rows.filter((r) => r.kind === "requested");
  const total = open.reduce((sum, r) => sum + r.amount!, line.amount);
  if (total <= threshold) return [];
  return open.map((r) => ({
    source: "split" as const,
    dossierId: r.instanceId!,
    dossierCode: r.code!,
    lineId: r.lineId!,
    amount: r.amount!,
    by: line.cccd && r.cccd === line.cccd ? ("cccd" as const) : ("name" as const),
  }));
}

function programmesOf(rows: FoundRow[]): Match[] {
  return rows.filter((r) => r.kind === "programme").map((r) => ({ source: "programme" as const, programme: r.programme!, period: r.period!, by: "cccd" as const }));
}

/** The server facts of a request: how many flagged lines are not cleared (`$server.unclearedFlags`). */
export function screeningFacts(lines: LineScreening[]): { unclearedFlags: number; flaggedLines: number } {
  const flagged = lines.filter((l) => l.matches.length > 0);
  return { unclearedFlags: flagged.filter((l) => !l.cleared).length, flaggedLines: flagged.length };
}


