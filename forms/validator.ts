/**
 * Validates form data against a form's JSON Schema with ajv, on the server whatever the client did.
 * Compiled validators are cached per form key and version inside the validator object: a stored
 * form version never changes, so the cache never goes stale. No global state.
 */
import type Ajv from "ajv";
import type { ValidateFunction } from "ajv";
import { createAjv, schemaDraft, type SchemaDraft } from "./create-ajv.js";
import { toFieldErrors, type FieldError } from "./field-error.js";
import type { FormDefinition } from "./form-definition.js";
import type { JsonObject } from "./json.js";
import { draftSchema } from "./partial-schema.js";

/** The outcome of validating data: `valid` exactly when `errors` is empty. */
export interface ValidationResult {
  valid: boolean;
  errors: FieldError[];
}

/** Validates data against forms; holds the compiled-validator cache. */
export interface FormValidator {
  /** Validates a submitted form: every rule of the schema. */
  validate(form: FormDefinition, data: unknown): ValidationResult;
  /**
   * Validates an unfinished draft: fields that are present must have the right type and format,
   * but nothing may be missing yet (no `required`, `minItems`, `minLength`, also inside `if`/`then`).
   */
  validatePartial(form: FormDefinition, data: unknown): ValidationResult;
}

/** Thrown when a form's schema cannot be compiled; `checkForm` finds this before a form is stored. */
export class InvalidFormSchemaError extends Error {
  constructor(
    readonly formKey: string,
    reason: string,
  ) {
    super(`Form "${formKey}" has an invalid JSON Schema: ${reason}`);
    this.name = "InvalidFormSchemaError";
  }
}

/**
 * Creates a validator with its own ajv instances and cache.
 *
 * @example
 * const validator = createFormValidator();
 * const { valid, errors } = validator.validate(form, { name: "" });
 * // errors: [{ path: "/scope", code: "required", message: "Trường này là bắt buộc", messageEn: "This field is required" }, …]
 */
export function createFormValidator(): FormValidator {
  const ajvs = new Map<SchemaDraft, Ajv>();
  const cache = new Map<string, ValidateFunction>();

  function ajvFor(draft: SchemaDraft): Ajv {
    let ajv = ajvs.get(draft);
    if (!ajv) ajvs.set(draft, (ajv = createAjv(draft)));
    return ajv;
  }

  function compiled(form: FormDefinition, partial: boolean): ValidateFunction {
    const cacheKey = `${form.key}@${form.version ?? "-"}${partial ? "#draft" : ""}`;
    const hit = cache.get(cacheKey);
    if (hit) return hit;
    const draft = schemaDraft(form.schema);
    if (!draft) throw new InvalidFormSchemaError(form.key, `unsupported $schema ${String(form.schema.$schema)}`);
    const schema = withoutId(partial ? draftSchema(form.schema) : form.schema);
    let fn: ValidateFunction;
    try {
      fn = ajvFor(draft).compile(schema);
    } catch (e) {
      throw new InvalidFormSchemaError(form.key, e instanceof Error ? e.message : String(e));
    }
    cache.set(cacheKey, fn);
    return fn;
  }

  function run(form: FormDefinition, data: unknown, partial: boolean): ValidationResult {
    const fn = compiled(form, partial);
    if (fn(data)) return { valid: true, errors: [] };
    return { valid: false, errors: toFieldErrors(fn.errors ?? []) };
  }

  return {
    validate: (form, data) => run(form, data, false),
    validatePartial: (form, data) => run(form, data, true),
  };
}

/**
 * ajv registers a schema under its `$id` and refuses a second schema with the same one; two versions
 * of a form may well share it. The cache key (form key and version) identifies the schema instead.
 */
function withoutId(schema: JsonObject): JsonObject {
  const { $id: _id, ...rest } = schema;
  return rest;
}
