import { randomUUID } from "node:crypto";
import { parseString } from "@fast-csv/parse";
import { isCccd, isIsoDate } from "../../../forms";
import type { Tx } from "../../db/client";
import { programmeListEntries } from "../../db/schema";

/** A row of an imported list that was not taken, with its line number in the file and why. */
export type RejectedRow = { line: number; cccd: string | null; message: string; messageEn: string };
export type ImportReport = { importId: string; accepted: number; rejected: RejectedRow[] };

/** Largest list accepted in one file. */
export const MAX_LIST_ROWS = 50_000;

/**
 * The days a period covers: `2026` (a year), `2026-03` (a month), or `2026-01-01..2026-06-30`.
 *
 * @example periodDays("2026-02") // { start: "2026-02-01", end: "2026-02-28" }
 */
export function periodDays(period: string): { start: string; end: string } | null {
  const text = period.trim();
  if (/^\d{4}$/.test(text)) return { start: `${text}-01-01`, end: `${text}-12-31` };
  const month = /^(\d{4})-(\d{2})$/.exec(text);
  if (month) {
    const [y, m] = [Number(month[1]), Number(month[2])];
    if (m < 1 || m > 12) return null;
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return { start: `${text}-01`, end: `${text}-${String(last).padStart(2, "0")}` };
  }
  const range = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(text);
  if (range && isIsoDate(range[1]!) && isIsoDate(range[2]!) && range[1]! <= range[2]!) return { start: range[1]!, end: range[2]! };
  return null;
}

function parseCsv(text: string): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    const rows: string[][] = [];
    parseString(text.replace(/^\uFEFF/, ""), { ignoreEmpty: true, trim: true })
      .on("error", reject)
      .on("data", (row: string[]) => rows.push(row))
      .on("end", () => resolve(rows));
  });
}

/**
 * Imports another programme's list (CSV with the columns `cccd, programme, period`, a header row
 * optional): good rows are stored, the others reported with their line and reason. A file that cannot
 * be read at all is reported as one rejected row.
 */
export async function importProgrammeList(tx: Tx, fundId: string, text: string, by: string, at: Date): Promise<ImportReport> {
  const importId = randomUUID();
  let rows: string[][];
  try {
    rows = await parseCsv(text);
  } catch (error) {
    return { importId, accepted: 0, rejected: [{ line: 0, cccd: null, message: "Tệp CSV không đọc được", messageEn: `unreadable CSV: ${String(error)}` }] };
  }
  const rejected: RejectedRow[] = [];
  const good: (typeof programmeListEntries.$inferInsert)[] = [];
  rows.forEach((cells, index) => {
    const line = index + 1;
    if (index === 0 && /cccd/i.test(cells[0] ?? "")) return;
    const [cccd = "", programme = "", period = ""] = cells;
    if (line > MAX_LIST_ROWS) {
      rejected.push({ line, cccd, message: `Tệp quá dài (tối đa ${MAX_LIST_ROWS} dòng)`, messageEn: `at most ${MAX_LIST_ROWS} rows` });
      return;
    }
    if (!isCccd(cccd)) {
      rejected.push({ line, cccd: cccd || null, message: "Số CCCD phải gồm 12 chữ số, 3 số đầu là mã tỉnh hợp lệ", messageEn: "a CCCD is 12 digits with a valid province code" });
      return;
    }
    if (!programme) {
      rejected.push({ line, cccd, message: "Thiếu tên chương trình", messageEn: "missing programme" });
      return;
    }
    const days = periodDays(period);
    if (!days) {
      rejected.push({ line, cccd, message: "Kỳ không hợp lệ (dạng 2026, 2026-03 hoặc 2026-01-01..2026-06-30)", messageEn: "invalid period" });
      return;
    }
    good.push({ id: randomUUID(), fundId, importId, cccd, programme, period: period.trim(), periodStart: days.start, periodEnd: days.end, importedBy: by, importedAt: at });
  });
  for (let i = 0; i < good.length; i += 1000) await tx.insert(programmeListEntries).values(good.slice(i, i + 1000));
  return { importId, accepted: good.length, rejected };
}
