/**
 * The documents a dossier's form asks for, read from its JSON schema: every field of `format:
 * "attachment"` (nested objects and the rows of lists included), whether the schema's `required` asks
 * for it, and whether the dossier holds it. Pure: the checklist beside the attachments shows this.
 */
import type { JsonSchema } from "./types";

export type DocumentLine = {
  /** "Đơn đề nghị công nhận ban vận động", or "Sơ yếu lý lịch — Nguyễn Văn A" for a list's row. */
  label: string;
  required: boolean;
  /** The attachment id, when the dossier holds it. */
  id: string | null;
};

const record = (v: unknown): Record<string, unknown> | null => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

/** A row's name for people: its first plain text field ("Nguyễn Văn A"), else "dòng 2". */
function rowName(schema: JsonSchema | undefined, row: Record<string, unknown> | null, index: number): string {
  for (const [key, prop] of Object.entries(schema?.properties ?? {})) {
    const value = row?.[key];
    if (prop.type === "string" && !prop.format && !prop.enum && typeof value === "string" && value.trim()) return value.trim();
  }
  return `dòng ${index + 1}`;
}

/** Each attachment field of `schema` with what `data` holds, in the schema's order. */
export function requiredDocuments(schema: JsonSchema | undefined, data: unknown): DocumentLine[] {
  const lines: DocumentLine[] = [];
  walk(schema, data, { lines, prefix: "", required: true, depth: 0 });
  return lines;
}

type Walk = { lines: DocumentLine[]; prefix: string; required: boolean; depth: number };

function walk(schema: JsonSchema | undefined, data: unknown, w: Walk & { title?: string }): void {
  if (!schema || w.depth > 16) return;
  if (schema.format === "attachment") {
    const label = [schema.title ?? w.title ?? "Tệp đính kèm", w.prefix].filter(Boolean).join(" — ");
    w.lines.push({ label, required: w.required, id: typeof data === "string" && data ? data : null });
    return;
  }
  if (schema.properties) {
    const obj = record(data);
    for (const [key, prop] of Object.entries(schema.properties)) {
      walk(prop, obj?.[key], { ...w, title: prop.title ?? key, required: w.required && (schema.required ?? []).includes(key), depth: w.depth + 1 });
    }
    return;
  }
  const items = schema.items;
  if (items && Array.isArray(data)) {
    // A list's documents, row by row: each row's own `required` applies to that row.
    data.forEach((row, i) => {
      const name = rowName(items, record(row), i);
      walk(items, row, { ...w, prefix: w.prefix ? `${w.prefix}, ${name}` : name, required: items.format === "attachment" ? w.required : true, depth: w.depth + 1 });
    });
  }
}
