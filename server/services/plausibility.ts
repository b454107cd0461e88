/**
 * The plausibility rules a form carries as data (`x-plausible`, `x-confirm-above`, see
 * `forms/plausible.ts`), judged on the server's clock: a congress "held" in 2031, a birth year of 1850
 * or an unconfirmed amount of 1.000.000.000.000.000 ₫ is one 422 naming the field, nothing stored.
 */
import { plausibilityProblems } from "../../forms";
import { toVietnamDate } from "../../workflows/calendar";
import { DomainError } from "../errors";
import type { FormVersion } from "./form-registry";

/** Refuses the forms' data (each with its form) that break their plausibility rules, as of `at`. */
export function refuseImplausible(
  filled: { form: FormVersion; data: unknown }[],
  at: Date,
  dossier: { createdAt: Date; data: Record<string, unknown> | null } | null,
): void {
  const today = toVietnamDate(at);
  const ctx = { today, started: dossier ? toVietnamDate(dossier.createdAt) : today, data: dossier?.data ?? null };
  const fields = filled.flatMap(({ form, data }) => plausibilityProblems(form.schema, data, ctx).map((p) => ({ ...p, form: form.key })));
  if (fields.length === 0) return;
  throw new DomainError("VALIDATION_FAILED", "Dữ liệu biểu mẫu không hợp lý", { messageEn: "the form data is implausible", fields });
}
