/**
 * Document types and their abbreviations (Nghị định 30/2020/NĐ-CP, Phụ lục III), with the word printed
 * as the document's heading.
 */
export const DOCUMENT_TYPES = {
  "QĐ": { vi: "QUYẾT ĐỊNH", en: "Decision" },
  KH: { vi: "KẾ HOẠCH", en: "Plan" },
  BC: { vi: "BÁO CÁO", en: "Report" },
  KL: { vi: "KẾT LUẬN", en: "Conclusion" },
  TB: { vi: "THÔNG BÁO", en: "Notice" },
  CV: { vi: "CÔNG VĂN", en: "Official letter" },
  TTr: { vi: "TỜ TRÌNH", en: "Submission" },
} as const;
export type DocumentType = keyof typeof DOCUMENT_TYPES;

const PLACEHOLDER = /\{\{\s*([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*(\|\s*date\s*)?\}\}/g;

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

/**
 * Fills `{{path}}` placeholders from a scope (`{{path|date}}` writes a `YYYY-MM-DD` as dd/mm/yyyy); a
 * missing value leaves "…" (as a clerk would).
 *
 * @example fillTemplate("Về việc công nhận {{data.name}}", { data: { name: "Hội Luật gia" } }) // "Về việc công nhận Hội Luật gia"
 */
export function fillTemplate(text: string, scope: Record<string, unknown>): string {
  return text.replace(PLACEHOLDER, (_, path: string, asDate: string | undefined) => {
    const value = read(scope, path);
    if (value === undefined || value === null || value === "") return "…";
    if (asDate && typeof value === "string" && /^\d{4}-\d{2}-\d{2}/.test(value)) return `${value.slice(8, 10)}/${value.slice(5, 7)}/${value.slice(0, 4)}`;
    if (Array.isArray(value)) return value.map((v) => (typeof v === "object" ? JSON.stringify(v) : String(v))).join(", ");
    return typeof value === "object" ? JSON.stringify(value) : String(value);
  });
}

/**
 * A document number: `{seq}/{type}-{unit}` unless the definition says otherwise.
 *
 * @example documentNumber(15, "QĐ", "SNV") // "15/QĐ-SNV"
 */
export function documentNumber(seq: number, type: string, unitCode: string, format = "{seq}/{type}-{unit}"): string {
  return format.replaceAll("{seq}", String(seq)).replaceAll("{type}", type).replaceAll("{unit}", unitCode);
}
