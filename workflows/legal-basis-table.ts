import type { LegalFigure } from "./legal-figures";
import { citeSource } from "./legal-source";

const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");

function shown(value: LegalFigure["value"]): string {
  if (Array.isArray(value)) return value.join(", ");
  return typeof value === "number" ? new Intl.NumberFormat("vi-VN").format(value) : value;
}

/**
 * The README's "Legal basis" table: one row per figure of the built-in definitions, with its source and
 * whether it was checked ("chưa đối chiếu" when carried over from the old decree).
 */
export function legalBasisTable(figures: readonly LegalFigure[]): string {
  const rows = figures.map((f) => {
    const source = f.source === undefined ? "—" : citeSource(f.source);
    const note = f.source && typeof f.source === "object" && "note" in f.source && f.source.note ? `: ${f.source.note}` : "";
    const status = f.source === undefined || typeof f.source === "string" ? "—" : "setting" in f.source ? "cài đặt" : f.source.verified ? "đã đối chiếu" : "chưa đối chiếu";
    return `| \`${f.workflow}\` | \`${f.path}\` | ${shown(f.value)} | ${cell(source + note)} | ${status} |`;
  });
  return ["| workflow | figure | value | source | verified |", "| --- | --- | --- | --- | --- |", ...rows].join("\n");
}
