/**
 * How values look to a Vietnamese reader: dd/mm/yyyy, times in Vietnam time, `50.000.000 ₫`.
 * Date and money helpers come from the pure form core, so the browser and the server agree.
 */
import { formatDateVi, formatVnd, parseDateVi } from "../../../forms/vi-display.js";
import { parseVnd } from "../../../forms/money.js";
import { formatViNumber, parseViNumber } from "../../../forms/number.js";

export { formatDateVi, formatVnd, formatViNumber, parseDateVi, parseViNumber, parseVnd };

const TZ = "Asia/Ho_Chi_Minh";
const dateFmt = new Intl.DateTimeFormat("vi-VN", { timeZone: TZ, day: "2-digit", month: "2-digit", year: "numeric" });
const timeFmt = new Intl.DateTimeFormat("vi-VN", { timeZone: TZ, hour: "2-digit", minute: "2-digit", hour12: false });

/** A date (ISO day or timestamp) as dd/mm/yyyy; empty for nothing. */
export function showDate(value: string | null | undefined): string {
  if (!value) return "";
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDateVi(value);
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : dateFmt.format(d);
}

/** A timestamp as `dd/mm/yyyy HH:mm` in Vietnam time. */
export function showDateTime(value: string | null | undefined): string {
  if (!value) return "";
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return `${dateFmt.format(d)} ${timeFmt.format(d)}`;
}

/** A file size people read: `1,2 MB`. */
export function showSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB"];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toLocaleString("vi-VN", { maximumFractionDigits: 1 })} ${units[i]}`;
}

/** A share as a Vietnamese percentage with one decimal: `157,3%`. */
export function showPercent(ratio: number): string {
  return `${(ratio * 100).toLocaleString("vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
}
