/**
 * Numbers as Vietnamese officials type them, read the same way by the browser and the server:
 * `.` (or a space) groups thousands, `,` marks decimals: `37.754` is thirty-seven thousand,
 * `1.234,5` is one thousand two hundred and thirty-four and a half. What could be read two ways
 * (`1.23`, `1,234.5`) is refused with a message, never guessed at.
 */

/** The whole part: groups of exactly three digits after the first 1–3, or bare digits. */
export const WHOLE_DIGITS = String.raw`\d{1,3}(?:[. ]\d{3})+|\d+`;

/** An optional minus, the whole part, then an optional decimal comma (a trailing comma is allowed). */
const SHAPE = new RegExp(`^(-)?(${WHOLE_DIGITS})(?:,(\\d*))?$`);

/** No-break spaces (as copied from documents and spreadsheets) count as plain spaces. */
export function normaliseTyped(typed: string): string {
  return typed.replace(/[\u00a0\u202f]/g, " ").trim();
}

export type NumberReadingProblem = "NUMBER_EMPTY" | "NUMBER_FORMAT" | "NUMBER_DECIMALS" | "NUMBER_TOO_LARGE";
export type NumberReading = { ok: true; value: number } | { ok: false; code: NumberReadingProblem; message: string; messageEn: string };

const problems: Record<NumberReadingProblem, { message: string; messageEn: string }> = {
  NUMBER_EMPTY: { message: "Chưa nhập số", messageEn: "no number" },
  NUMBER_FORMAT: {
    message: "Số viết bằng chữ số, nhóm nghìn bằng dấu chấm (3 chữ số mỗi nhóm), phần thập phân sau dấu phẩy, ví dụ 37.754 hoặc 1.234,5",
    messageEn: "digits, thousands grouped with dots (3 digits a group), decimals after a comma, e.g. 37.754 or 1.234,5",
  },
  NUMBER_DECIMALS: { message: "Trường này chỉ nhận số nguyên, không có phần lẻ sau dấu phẩy", messageEn: "a whole number, without decimals" },
  NUMBER_TOO_LARGE: { message: "Số quá lớn", messageEn: "the number is too large" },
};

const refuse = (code: NumberReadingProblem): NumberReading => ({ ok: false, code, ...problems[code] });

/**
 * Reads a number typed the Vietnamese way. `integer`: the field takes whole numbers only, so a
 * decimal part other than zeros (`24,00` is fine) is refused.
 *
 * @example
 * parseViNumber("37.754")  // { ok: true, value: 37754 }
 * parseViNumber("1.234,5") // { ok: true, value: 1234.5 }
 * parseViNumber("1.23")    // { ok: false, code: "NUMBER_FORMAT", … }
 */
export function parseViNumber(typed: string, options: { integer?: boolean } = {}): NumberReading {
  const text = normaliseTyped(typed);
  if (text === "") return refuse("NUMBER_EMPTY");
  const m = SHAPE.exec(text);
  if (!m) return refuse("NUMBER_FORMAT");
  const whole = m[2]!.replace(/[. ]/g, "");
  const decimals = (m[3] ?? "").replace(/0+$/, "");
  if (options.integer && decimals !== "") return refuse("NUMBER_DECIMALS");
  // Past 2^53 whole numbers are no longer exact: refuse rather than store a neighbour.
  if (whole.replace(/^0+/, "").length > 16 || Number(whole) > Number.MAX_SAFE_INTEGER) return refuse("NUMBER_TOO_LARGE");
  const magnitude = Number(decimals === "" ? whole : `${whole}.${decimals}`);
  const value = m[1] ? -magnitude : magnitude;
  return { ok: true, value: Object.is(value, -0) ? 0 : value };
}

/**
 * A number written back the Vietnamese way, the exact digits of the number and no rounding:
 * `37754` → `37.754`, `1234.5` → `1.234,5`. `parseViNumber(formatViNumber(n))` gives `n` back.
 * `grouping: false` for what is not a quantity, such as a year (`1958`, never `1.958`).
 */
export function formatViNumber(value: number, options: { grouping?: boolean } = {}): string {
  if (!Number.isFinite(value)) return String(value);
  const plain = Math.abs(value).toLocaleString("en-US", { useGrouping: false, maximumFractionDigits: 20 });
  const [whole, decimals] = plain.split(".");
  const grouped = options.grouping === false ? whole! : whole!.replace(/\B(?=(\d{3})+$)/g, ".");
  return `${value < 0 ? "-" : ""}${grouped}${decimals ? `,${decimals}` : ""}`;
}
