/**
 * What a plan's form cannot say on its own, judged on the data a client sends: indicator codes are
 * unique (a report value is counted once), a unit takes part once, a target is above zero (an
 * achievement needs one), the plan ends after it starts; a unit report names only its plan's
 * indicators, each once. Pure: the server turns the problems into one 422.
 */

export type DataProblem = { path: string; code: "duplicate" | "unknown" | "exclusiveMinimum" | "dateOrder"; message: string; messageEn: string };

const records = (value: unknown): (Record<string, unknown> | null)[] =>
  Array.isArray(value) ? value.map((v) => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null)) : [];

/** The index of each string value of `key` seen before in `rows` (the second and later of a kind). */
function repeats(rows: (Record<string, unknown> | null)[], key: string): { index: number; value: string }[] {
  const seen = new Set<string>();
  const found: { index: number; value: string }[] = [];
  rows.forEach((row, index) => {
    const value = row?.[key];
    if (typeof value !== "string") return;
    const norm = value.trim().toLowerCase();
    if (seen.has(norm)) found.push({ index, value });
    seen.add(norm);
  });
  return found;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateOf = (value: unknown) => (typeof value === "string" && ISO_DATE.test(value) ? value : null);
/** `2026-11-24` as `24/11/2026` (the form refuses a date that does not exist; this only reorders). */
const shown = (iso: string) => iso.split("-").reverse().join("/");

/**
 * The problems of a plan's data as sent (`incoming`, start form or draft); `before` is the plan's data
 * so far (null at start), whose dates count when only one of the two is sent.
 */
export function planDataProblems(before: Record<string, unknown> | null, incoming: Record<string, unknown>): DataProblem[] {
  const problems: DataProblem[] = [];
  const indicators = records(incoming.indicators);
  for (const { index, value } of repeats(indicators, "code")) {
    problems.push({ path: `/indicators/${index}/code`, code: "duplicate", message: `Mã chỉ tiêu ${value} bị trùng: mỗi chỉ tiêu một mã riêng`, messageEn: `indicator code ${value} is used twice` });
  }
  indicators.forEach((row, index) => {
    if (row?.target === 0) {
      problems.push({ path: `/indicators/${index}/target`, code: "exclusiveMinimum", message: "Chỉ tiêu kế hoạch phải lớn hơn 0", messageEn: "the target must be above 0" });
    }
  });
  for (const { index } of repeats(records(incoming.participatingUnits), "unitId")) {
    problems.push({ path: `/participatingUnits/${index}/unitId`, code: "duplicate", message: "Đơn vị này đã có trong danh sách tham gia: mỗi đơn vị một dòng", messageEn: "this unit is already listed" });
  }
  if ("startDate" in incoming || "endDate" in incoming) {
    const start = dateOf("startDate" in incoming ? incoming.startDate : before?.startDate);
    const end = dateOf("endDate" in incoming ? incoming.endDate : before?.endDate);
    if (start && end && end < start) {
      problems.push({
        path: "endDate" in incoming ? "/endDate" : "/startDate",
        code: "dateOrder",
        message: `Ngày kết thúc (${shown(end)}) phải cùng ngày hoặc sau ngày bắt đầu (${shown(start)})`,
        messageEn: `the end date (${end}) must not be before the start date (${start})`,
      });
    }
  }
  return problems;
}

/**
 * The problems of a unit report's `actuals` (`incoming`) against its plan's indicators (in `before`,
 * copied when the report was opened): each code one of them, none twice.
 */
export function reportDataProblems(before: Record<string, unknown> | null, incoming: Record<string, unknown>): DataProblem[] {
  if (!Array.isArray(incoming.actuals)) return [];
  const known = before && Array.isArray(before.indicators) ? new Set(records(before.indicators).map((i) => i?.code).filter((c): c is string => typeof c === "string")) : null;
  const seen = new Set<string>();
  const problems: DataProblem[] = [];
  records(incoming.actuals).forEach((row, index) => {
    const code = row?.code;
    if (typeof code !== "string") return; // the form refuses a row without a code
    const name = code.slice(0, 40);
    if (seen.has(code)) {
      problems.push({ path: `/actuals/${index}/code`, code: "duplicate", message: `Chỉ tiêu ${name} được báo cáo hai lần: mỗi chỉ tiêu một kết quả`, messageEn: `indicator ${name} is reported twice` });
    } else if (known && !known.has(code)) {
      const list = [...known].slice(0, 20).join(", ");
      problems.push({ path: `/actuals/${index}/code`, code: "unknown", message: `Kế hoạch không có chỉ tiêu mã ${name} (các mã: ${list})`, messageEn: `the plan has no indicator ${name} (codes: ${list})` });
    }
    seen.add(code);
  });
  return problems;
}
