/**
 * Checks a form definition before it is stored: its shape, its JSON Schema and its UI schema, and
 * returns every problem found (an admin fixes them all in one go, not one per save).
 */
import { checkJsonSchema, conditionSchemaChecker } from "./check-json-schema.js";
import { checkUiSchema } from "./check-uischema.js";
import { formDefinitionSchema, type FormDefinition } from "./form-definition.js";
import type { FormProblem } from "./form-problem.js";
import { asRecord } from "./json.js";
import { patternProblems } from "./pattern-safety.js";
import { zodProblems } from "./zod-problems.js";

/**
 * Every problem of a form definition; empty when it is fine.
 *
 * @example
 * checkForm({ key: "comment", title: { vi: "Ý kiến" },
 *   schema: { type: "object", properties: { text: { type: "string" } } },
 *   uischema: { type: "Control", scope: "#/properties/txt" } })
 * // [{ path: "/uischema/scope", message: "Control trỏ tới trường không tồn tại: #/properties/txt", … }]
 */
export function checkForm(input: unknown): FormProblem[] {
  const problems: FormProblem[] = [];
  const parsed = formDefinitionSchema.safeParse(input);
  if (!parsed.success) problems.push(...zodProblems(parsed.error.issues, input));
  // Go on with whatever parts have the right shape, so that all problems come out at once.
  const schema = asRecord(asRecord(input)?.schema);
  const uischema = asRecord(input)?.uischema;
  if (schema) {
    problems.push(...checkJsonSchema(schema), ...patternProblems(schema, "/schema"));
    if (asRecord(uischema)) problems.push(...checkUiSchema(uischema, schema, conditionSchemaChecker()), ...patternProblems(uischema, "/uischema"));
  }
  return problems;
}

/** A checked form definition, or the problems that stop it. */
export type ParseFormResult = { ok: true; form: FormDefinition } | { ok: false; problems: FormProblem[] };

/**
 * Checks and parses a form definition in one step (what `POST /api/forms` needs).
 *
 * @example
 * const r = parseForm(JSON.parse(body));
 * if (!r.ok) return unprocessable(r.problems);
 */
export function parseForm(input: unknown): ParseFormResult {
  const problems = checkForm(input);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, form: formDefinitionSchema.parse(input) };
}
