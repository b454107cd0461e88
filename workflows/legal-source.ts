import { z } from "zod";

/**
 * Where a legal figure (a deadline, a minimum, a limit) comes from: the legal text, its article and
 * clause, and whether the figure was checked against the text in force. A figure of Nghị định 126/2024
 * that could not be checked keeps the old decree's value, cited, with `verified: false`.
 */
export const LegalSource = z
  .object({
    /** The legal text: "Nghị định 45/2010/NĐ-CP", or a fund's "Quy chế quản lý và sử dụng Quỹ". */
    decree: z.string().min(1),
    /** "Điều 6". */
    article: z.string().min(1).optional(),
    /** "khoản 3" (and "điểm a" when it matters). */
    clause: z.string().min(1).optional(),
    /** Why this text, or what differs in the text that replaced it. */
    note: z.string().min(1).optional(),
    /** Checked against the text in force (true), or carried over and still to verify (false). */
    verified: z.boolean(),
  })
  .strict();
export type LegalSource = z.infer<typeof LegalSource>;

/** A figure no legal text sets (a reminder offset, a province's own choice): says whose choice it is. */
export const SettingSource = z.object({ setting: z.string().min(1) }).strict();
export type SettingSource = z.infer<typeof SettingSource>;

/** The source of a configured figure: a legal text, or a setting that says whose it is. */
export const FigureSource = z.union([LegalSource, SettingSource]);
export type FigureSource = z.infer<typeof FigureSource>;

/** A deadline's or timer's `source`: a structured source, or (older definitions) free text. */
export const SourceField = z.union([z.string(), FigureSource]);

/**
 * How a source is cited in text.
 *
 * @example citeSource({ decree: "Nghị định 45/2010/NĐ-CP", article: "Điều 6", clause: "khoản 3", verified: false }) // "Nghị định 45/2010/NĐ-CP, Điều 6 khoản 3"
 */
export function citeSource(source: FigureSource | string): string {
  if (typeof source === "string") return source;
  if ("setting" in source) return source.setting;
  return [source.decree, [source.article, source.clause].filter(Boolean).join(" ")].filter(Boolean).join(", ");
}
