/**
 * Validation in the browser with the very validator the server uses (`forms/validator.ts`), so a
 * person sees the same Vietnamese messages before sending as after.
 */
import type { ErrorObject } from "ajv";
import { createAjv } from "../../../forms/create-ajv.js";
import { createFormValidator } from "../../../forms/validator.js";
import type { FormDefinition } from "../../../forms/form-definition.js";
import type { FieldProblem } from "../lib/api";
import type { FormDef } from "../lib/types";

const validator = createFormValidator();

/** The ajv instance JSON Forms holds (it never compiles with it: validation is ours). */
export const formsAjv = createAjv("2020-12");

/** The problems of `data` for `form`; a draft is only checked for what it holds. */
export function validateForm(form: FormDef, data: unknown, draft = false): FieldProblem[] {
  const def = form as unknown as FormDefinition;
  try {
    const result = draft ? validator.validatePartial(def, data) : validator.validate(def, data);
    return result.errors.map((e) => ({ path: e.path, message: e.message, messageEn: e.messageEn }));
  } catch {
    // A schema the browser cannot compile: leave the verdict to the server.
    return [];
  }
}

/** Field problems (JSON pointers) as the ajv errors JSON Forms attaches to its controls. */
export function toJsonFormsErrors(problems: FieldProblem[], lang: "vi" | "en"): ErrorObject[] {
  return problems.map((p) => ({
    instancePath: p.path === "/" ? "" : p.path,
    schemaPath: "#/server",
    keyword: "hoso",
    params: {},
    message: (lang === "en" && p.messageEn) || p.message,
  }));
}
