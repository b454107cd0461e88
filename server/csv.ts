/**
 * The one way the server writes CSV (public ledger, plan summary): UTF-8 with a byte-order mark so that
 * spreadsheet programs read Vietnamese, CRLF rows, every cell quoted when it must be and neutralised
 * against formula injection.
 */

/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection"): `= + - @`, and
 * tab / carriage return, which some programs skip before looking for them.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell. A text that a spreadsheet would run as a formula gets a leading `'`, so it is shown as typed
 * and never evaluated; numbers stay numbers (a negative amount is a number, not a formula).
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",;\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV document from rows of cells. */
export function csvDocument(rows: readonly (readonly unknown[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
