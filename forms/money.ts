/**
 * Amounts of money in đồng as people type them, read the same way by the browser and the server.
 * Vietnamese writing groups thousands with `.` and marks decimals with `,`; the đồng has no
 * subunit, so `2.000.000,00` is two million and `2.000.000,5` is refused rather than guessed at.
 */
import { normaliseTyped, WHOLE_DIGITS } from "./number.js";

/**
 * The largest amount one ledger entry or one request line may carry: 100.000.000.000 ₫ (a hundred
 * billion), more than any single donation or payment a provincial fund sees, and far under 2^53 so
 * that every sum of entries the server adds up stays exact.
 */
export const MAX_VND_AMOUNT = 100_000_000_000;

export type VndReading = { ok: true; value: number } | { ok: false; code: "VND_EMPTY" | "VND_DECIMALS" | "VND_FORMAT" | "VND_TOO_LARGE"; message: string; messageEn: string };

/** Thousands groups with `.` (or spaces), or bare digits, as any number (number.ts); then an optional `,` and decimals. */
const SHAPE = new RegExp(`^(${WHOLE_DIGITS})(?:,(\\d*))?$`);

/** While typing into a field that regroups as it goes: dots and spaces anywhere in the whole part. */
const LOOSE_SHAPE = /^(\d[\d. ]*)(?:,(\d*))?$/;

/**
 * Reads a typed amount in đồng: digits, grouped by `.` or spaces or not at all, optionally followed by
 * `,00` and by `₫` / `đ` / `VND`. `looseGroups`: the field regroups the digits after each keystroke, so
 * a dot may stand anywhere for a moment (`5.0000` on the way to `50.000`).
 *
 * @example
 * parseVnd("2.000.000,00") // { ok: true, value: 2000000 }
 * parseVnd("2.000.000,5")  // { ok: false, code: "VND_DECIMALS", … }
 */
export function parseVnd(typed: string, options: { looseGroups?: boolean } = {}): VndReading {
  const text = normaliseTyped(typed).replace(/\s*(₫|đ|đồng|vnd|vnđ)$/iu, "");
  if (text === "") return { ok: false, code: "VND_EMPTY", message: "Chưa nhập số tiền", messageEn: "no amount" };
  const m = (options.looseGroups ? LOOSE_SHAPE : SHAPE).exec(text);
  if (!m) {
    return { ok: false, code: "VND_FORMAT", message: "Số tiền viết bằng chữ số, nhóm nghìn bằng dấu chấm, ví dụ 2.000.000", messageEn: "digits, thousands grouped with dots, e.g. 2.000.000" };
  }
  if (m[2] && /[1-9]/.test(m[2])) {
    return { ok: false, code: "VND_DECIMALS", message: "Tiền đồng không có phần lẻ sau dấu phẩy", messageEn: "the đồng has no decimals" };
  }
  const digits = m[1]!.replace(/[. ]/g, "");
  const value = digits.length > 15 ? Infinity : Number(digits);
  if (!(value <= MAX_VND_AMOUNT)) return tooLarge();
  return { ok: true, value };
}

function tooLarge(): VndReading {
  return { ok: false, code: "VND_TOO_LARGE", message: "Số tiền vượt mức tối đa 100.000.000.000 ₫ cho một khoản", messageEn: `at most ${MAX_VND_AMOUNT} đồng per entry` };
}

/** Whether an amount (already a number) is a whole, positive number of đồng within the cap. */
export function isLedgerAmount(value: number): boolean {
  return Number.isSafeInteger(value) && value > 0 && value <= MAX_VND_AMOUNT;
}
