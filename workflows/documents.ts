/**
 * Document types and their abbreviations (Nghị định 30/2020/NĐ-CP, Phụ lục III), with the word printed
 * as the document's heading. A công văn has no type name: `CV` is only Hoso's key for it, never printed in
 * its number or as a heading. `KL` (kết luận) is a Party document type (Hướng dẫn 36-HD/VPTW): only a
 * definition's `partyDocument` may issue it.
 */
export const DOCUMENT_TYPES = {
  "QĐ": { vi: "QUYẾT ĐỊNH", en: "Decision" },
  KH: { vi: "KẾ HOẠCH", en: "Plan" },
  BC: { vi: "BÁO CÁO", en: "Report" },
  KL: { vi: "KẾT LUẬN", en: "Conclusion" },
  TB: { vi: "THÔNG BÁO", en: "Notice" },
  CV: { vi: "CÔNG VĂN", en: "Official letter" },
  TTr: { vi: "TỜ TRÌNH", en: "Submission" },
  // One-stop slips (Thông tư 01/2018/TT-VPCP, forms of Nghị định 61/2018/NĐ-CP; kept under Nghị định
  // 118/2025/NĐ-CP): not administrative documents of Nghị định 30/2020, so their keys are Hoso's own.
  GTN: { vi: "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", en: "Receipt and return date" },
  PYC: { vi: "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", en: "Request to supplement the dossier" },
  PXL: { vi: "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", en: "Apology and new return date" },
} as const;
export type DocumentType = keyof typeof DOCUMENT_TYPES;

/** The one-stop slips: listed apart from a dossier's decisions (`oneStopPapers`), printed like them. */
export const ONE_STOP_TYPES: ReadonlySet<string> = new Set(["GTN", "PYC", "PXL"]);

const PATH = String.raw`[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*`;
const PLACEHOLDER = new RegExp(String.raw`\{\{\s*(${PATH})\s*((?:\|\s*[a-z]+(?::[A-Za-z_$][\w$]*)?\s*)*)\}\}`, "g");
const EACH = new RegExp(String.raw`^\{\{\s*#each\s+(${PATH})\s*\}\}`);
const grouped = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 });

/** Reads a dotted path (`data.members.length`) from a scope; undefined when any step is missing. */
function read(scope: Record<string, unknown>, path: string): unknown {
  let value: unknown = scope;
  for (const key of path.split(".")) {
    if (value === null || value === undefined) return undefined;
    if (Array.isArray(value) && key === "length") return value.length;
    value = typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

const field = (item: unknown, key: string | undefined): unknown => (key === undefined ? item : item && typeof item === "object" ? (item as Record<string, unknown>)[key] : undefined);

/** The filters a placeholder may chain: `date`, `number`, `money`, `sum:key` (over a list), `map:key`. */
function applyFilter(value: unknown, name: string, key: string | undefined): unknown {
  if (value === undefined || value === null) return value;
  switch (name) {
    case "date":
      return typeof value === "string" && /^\d{4}-\d{2}-\d{2}/.test(value) ? `${value.slice(8, 10)}/${value.slice(5, 7)}/${value.slice(0, 4)}` : value;
    case "number":
      return typeof value === "number" ? grouped.format(value) : value;
    case "money":
      return typeof value === "number" ? `${grouped.format(value)}\u00a0₫` : value;
    case "sum":
      return Array.isArray(value) ? value.reduce((total: number, item) => { const n = field(item, key); return typeof n === "number" && Number.isFinite(n) ? Math.round((total + n) * 1e6) / 1e6 : total; }, 0) : value;
    case "map":
      return Array.isArray(value) ? value.map((item) => field(item, key)).filter((v) => v !== undefined && v !== null && v !== "") : value;
    default:
      return value;
  }
}

/**
 * Fills `{{path}}` placeholders from a scope; filters follow a `|`: `{{path|date}}` writes a `YYYY-MM-DD`
 * as dd/mm/yyyy, `|number` groups thousands Vietnamese style, `|money` adds ` ₫` (after a no-break space), `|sum:amount` adds up a
 * field over a list, `|map:unitName` takes one field of each item. A missing value leaves "…" (as a clerk
 * would); an empty list reads "không có"; a list is written with ", " between items.
 *
 * @example fillTemplate("Về việc công nhận {{data.name}}", { data: { name: "Hội Luật gia" } }) // "Về việc công nhận Hội Luật gia"
 * @example fillTemplate("Tổng kinh phí: {{data.lines|sum:amount|money}}", { data: { lines: [{ amount: 5000000 }, { amount: 45000000 }] } }) // "Tổng kinh phí: 50.000.000\u00a0₫"
 */
export function fillTemplate(text: string, scope: Record<string, unknown>): string {
  return text.replace(PLACEHOLDER, (_, path: string, filters: string) => {
    let value = read(scope, path);
    for (const [, name, key] of filters.matchAll(/\|\s*([a-z]+)(?::([A-Za-z_$][\w$]*))?/g)) value = applyFilter(value, name!, key);
    if (value === undefined || value === null || value === "") return "…";
    if (Array.isArray(value)) {
      if (value.length === 0) return "không có";
      return value.map((v) => (typeof v === "object" ? JSON.stringify(v) : String(v))).join(", ");
    }
    return typeof value === "object" ? JSON.stringify(value) : String(value);
  });
}

/**
 * Fills a document's lines. A line starting with `{{#each path}}` is written once per item of that list
 * (none for an empty or missing list), with `item` and `index` (from 1) added to the scope.
 *
 * @example fillLines(["{{#each data.units}}{{index}}. {{item.name}}"], { data: { units: [{ name: "Đăk Hà" }, { name: "Sa Thầy" }] } }) // ["1. Đăk Hà", "2. Sa Thầy"]
 */
export function fillLines(lines: readonly string[], scope: Record<string, unknown>): string[] {
  return lines.flatMap((line) => {
    const each = EACH.exec(line);
    if (!each) return [fillTemplate(line, scope)];
    const list = read(scope, each[1]!);
    const rest = line.slice(each[0].length);
    return Array.isArray(list) ? list.map((item, i) => fillTemplate(rest, { ...scope, item, index: i + 1 })) : [];
  });
}

/** Types whose number carries no type abbreviation (Nghị định 30/2020/NĐ-CP, Phụ lục I: công văn). */
export const UNNAMED_TYPES: ReadonlySet<string> = new Set(["CV"]);

/** The number format when the definition gives none: `{seq}/{type}-{unit}`, or `{seq}/{unit}` for a công văn. */
export function defaultNumberFormat(type: string): string {
  return UNNAMED_TYPES.has(type) ? "{seq}/{unit}" : "{seq}/{type}-{unit}";
}

/**
 * A document number: `{seq}/{type}-{unit}` unless the definition says otherwise. Numbers below 10 are
 * written with a leading zero (Nghị định 30/2020/NĐ-CP, Phụ lục I: "01/QĐ-UBND"; Party documents too:
 * "05-CT/TW"). A công văn's number has no type: `15/SNV` (a drafting unit goes in the format:
 * `{seq}/{unit}-TCBC`).
 *
 * @example documentNumber(15, "QĐ", "SNV") // "15/QĐ-SNV"
 * @example documentNumber(1, "QĐ", "UBND") // "01/QĐ-UBND"
 * @example documentNumber(7, "CV", "SNV") // "07/SNV"
 */
export function documentNumber(seq: number, type: string, unitCode: string, format = defaultNumberFormat(type)): string {
  return format.replaceAll("{seq}", String(seq).padStart(2, "0")).replaceAll("{type}", type).replaceAll("{unit}", unitCode);
}
