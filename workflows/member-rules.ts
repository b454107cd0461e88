/**
 * A member list names each person once: two members with the same CCCD are one person counted twice
 * (three "members" with one CCCD would satisfy "at least 3 members"). Pure: the server refuses the
 * problems with one 422.
 */
import type { DataProblem } from "./plans/data-rules";

/** The problems of the `members` list sent (`incoming.members`): a CCCD already given to an earlier member. */
export function memberListProblems(incoming: Record<string, unknown>): DataProblem[] {
  if (!Array.isArray(incoming.members)) return [];
  const first = new Map<string, number>();
  const problems: DataProblem[] = [];
  incoming.members.forEach((member: unknown, index) => {
    const cccd = member && typeof member === "object" ? (member as { cccd?: unknown }).cccd : undefined;
    if (typeof cccd !== "string" || cccd === "") return;
    const earlier = first.get(cccd);
    if (earlier === undefined) first.set(cccd, index);
    else {
      problems.push({
        path: `/members/${index}/cccd`,
        code: "duplicate",
        message: `Số CCCD ${cccd.slice(0, 12)} đã khai cho thành viên thứ ${earlier + 1}: mỗi người một số CCCD`,
        messageEn: `CCCD ${cccd.slice(0, 12)} is already member ${earlier + 1}'s`,
      });
    }
  });
  return problems;
}
