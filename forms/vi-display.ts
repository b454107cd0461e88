/**
 * Pure display helpers for Vietnamese users: dates as dd/mm/yyyy, money as `50.000.000 ₫`.
 *
 * The space between the amount and `₫` is a NO-BREAK SPACE (U+00A0), which is what ICU's vi-VN
 * locale produces and keeps `₫` from wrapping onto its own line. Whatever space a given ICU build
 * emits (U+0020, U+00A0, U+202F) is normalised to U+00A0, so the output is the same everywhere.
 */
import { isIsoDate } from "./formats.js";

/** The separator between an amount and `₫`. */
export const VND_SEPARATOR = "\u00a0";

const vndFormat = new Intl.NumberFormat("vi-VN", { style: "currency", currency: "VND" });

/**
 * Formats an amount in đồng, Vietnamese style.
 *
 * @example
 * formatVnd(50_000_000) // "50.000.000\u00a0₫"
 */
export function formatVnd(amount: number): string {
  return vndFormat.format(amount).replace(/[\s\u00a0\u202f]+/gu, VND_SEPARATOR);
}

/**
 * Shows a stored ISO date as dd/mm/yyyy.
 *
 * @example
 * formatDateVi("2026-11-24") // "24/11/2026"
 */
export function formatDateVi(iso: string): string {
  if (!isIsoDate(iso)) throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${iso}`);
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}

/**
 * Reads a date typed as d/m/yyyy or dd/mm/yyyy (also with `-` or `.`) into ISO `YYYY-MM-DD`;
 * `undefined` when it is not a real date.
 *
 * @example
 * parseDateVi("24/11/2026") // "2026-11-24"
 * parseDateVi("31/02/2026") // undefined
 */
export function parseDateVi(text: string): string | undefined {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!m) return undefined;
  const iso = `${m[3]}-${m[2]!.padStart(2, "0")}-${m[1]!.padStart(2, "0")}`;
  return isIsoDate(iso) ? iso : undefined;
}
