import { linesOf } from "../../../workflows";
import { DomainError, type FieldError } from "../../errors";

const LINE_ID = /^L([0-9]{1,4})$/;
/** The forms that name a line (`L1` … `L9999`) cannot name more. */
const MAX_LINE_NUMBER = 9999;

function numberOf(id: unknown): number {
  const m = typeof id === "string" ? LINE_ID.exec(id) : null;
  return m ? Number(m[1]) : 0;
}

/** Every line id the dossier has used: its lines and the lines an official took off. */
function usedIds(before: Record<string, unknown> | null): { current: Set<string>; highest: number } {
  const data = before ?? {};
  const removed = Array.isArray(data.$removedLines) ? (data.$removedLines as { line?: { lineId?: unknown } }[]).map((r) => r.line?.lineId) : [];
  const current = new Set(linesOf(data).map((l) => l.lineId).filter((id): id is string => typeof id === "string"));
  const counter = typeof data.$nextLine === "number" ? data.$nextLine - 1 : 0;
  const highest = Math.max(counter, ...[...current, ...removed].map(numberOf));
  return { current, highest };
}

/**
 * The ids of a request's beneficiary lines are the server's: a line the client sends without one is new
 * and gets the next number never used on this dossier (`L1`, `L2`, …); a line sent with an id must be
 * one of the dossier's current lines (kept across a supplement), and no id may appear twice. One id is
 * one person's line for the payout, the matching table and the "paid" mark alike.
 *
 * `before` is the dossier's data (null when it is being started); answers `incoming` with every line
 * numbered, or refuses it (422, one error per offending `lineId` field).
 */
export function withServerLineIds(before: Record<string, unknown> | null, incoming: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(incoming.lines)) return incoming;
  const { current, highest } = usedIds(before);
  const fields: FieldError[] = [];
  const seen = new Set<string>();
  incoming.lines.forEach((line: unknown, i) => {
    const id = line && typeof line === "object" ? (line as { lineId?: unknown }).lineId : undefined;
    if (typeof id !== "string") return; // a missing id is assigned; a malformed one is the form's to refuse
    const path = `/lines/${i}/lineId`;
    if (seen.has(id)) {
      fields.push({ path, code: "duplicate", message: `Mã dòng ${id} bị trùng: mỗi đối tượng một mã riêng`, messageEn: `line id ${id} appears twice` });
    } else if (!current.has(id)) {
      fields.push({ path, code: "unknown", message: `Mã dòng do hệ thống cấp: đề nghị không có dòng ${id}`, messageEn: `line ids are assigned by the server; this request has no line ${id}` });
    }
    seen.add(id);
  });
  if (fields.length > 0) {
    throw new DomainError("VALIDATION_FAILED", "Dữ liệu biểu mẫu không hợp lệ", { messageEn: "the form data is invalid", fields: fields.map((f) => ({ ...f, form: "fund-request" })) });
  }
  let next = highest + 1;
  const fresh = incoming.lines.filter((l: unknown) => l && typeof l === "object" && typeof (l as { lineId?: unknown }).lineId !== "string").length;
  if (next + fresh - 1 > MAX_LINE_NUMBER) {
    throw new DomainError("VALIDATION_FAILED", "Dữ liệu biểu mẫu không hợp lệ", {
      messageEn: "the form data is invalid",
      fields: [{ path: "/lines", code: "maxItems", message: `Một đề nghị có tối đa ${MAX_LINE_NUMBER} dòng đối tượng`, messageEn: `a request has at most ${MAX_LINE_NUMBER} lines`, form: "fund-request" }],
    });
  }
  const lines = incoming.lines.map((line: unknown) => {
    if (!line || typeof line !== "object" || typeof (line as { lineId?: unknown }).lineId === "string") return line;
    return { ...line, lineId: `L${next++}` };
  });
  return { ...incoming, lines };
}
