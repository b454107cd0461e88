/**
 * A leader's amendments to the amounts of a disbursement request (`fund-approval`'s `amounts`): each
 * names one current line, once, and may lower its amount, never raise it. What cannot be applied as
 * asked is refused, so that the history never records an amount that is not the one paid.
 */
import { formatVnd } from "../../forms/vi-display.js";
import { linesOf } from "./lines";

export type AmendmentProblem = { path: string; code: "unknown" | "duplicate" | "raised"; message: string; messageEn: string };

/**
 * The problems of the `amounts` of an approval, against the dossier's lines: `data` before the approval
 * or after it (`approveFundLines` sets each line's approved amount to at most the one asked, so a raise
 * still shows as an amount above the line's). A line named twice is refused as such, not judged for a raise
 * (after the approval its amount is the last one asked).
 */
export function amendmentProblems(data: Record<string, unknown>, amounts: unknown): AmendmentProblem[] {
  if (!Array.isArray(amounts)) return [];
  const lines = new Map(linesOf(data).map((l) => [l.lineId, l]));
  const seen = new Set<string>();
  const named = new Map<unknown, number>();
  for (const entry of amounts) {
    const lineId = (entry as { lineId?: unknown } | null)?.lineId;
    named.set(lineId, (named.get(lineId) ?? 0) + 1);
  }
  const problems: AmendmentProblem[] = [];
  amounts.forEach((entry: unknown, i) => {
    const { lineId, amount } = (entry ?? {}) as { lineId?: unknown; amount?: unknown };
    if (typeof lineId !== "string" || typeof amount !== "number") return; // the form refuses those
    const line = lines.get(lineId);
    if (seen.has(lineId)) {
      problems.push({ path: `/amounts/${i}/lineId`, code: "duplicate", message: `Dòng ${lineId} được điều chỉnh hai lần: mỗi dòng chỉ ghi một số tiền`, messageEn: `line ${lineId} is amended twice` });
    } else if (!line) {
      problems.push({ path: `/amounts/${i}/lineId`, code: "unknown", message: `Đề nghị không có dòng ${lineId}`, messageEn: `this request has no line ${lineId}` });
    } else if (named.get(lineId) === 1) {
      const current = line.approvedAmount ?? line.amount;
      if (amount > current) {
        problems.push({
          path: `/amounts/${i}/amount`,
          code: "raised",
          message: `Lãnh đạo chỉ được giảm, không được tăng số tiền: dòng ${lineId} tối đa ${formatVnd(current)}`,
          messageEn: `the amount may be lowered, never raised: line ${lineId} is at most ${current}`,
        });
      }
    }
    seen.add(lineId);
  });
  return problems;
}
