/**
 * Turns ajv's raw errors into one error per field, in Vietnamese and English.
 *
 * ajv reports more than a person needs: an `if` error beside every failing `then`, one error per
 * `oneOf` branch beside the `oneOf` itself (and one per item that is not what a `contains` looks for),
 * several failed keywords on one field. We drop the first two kinds and keep the first error of each
 * field, so each field shows one clear message.
 */
import type { ErrorObject } from "ajv";
import { asRecord } from "./json.js";
import { joinPointer } from "./json-pointer.js";
import { defaultMessage, type Bilingual } from "./messages.js";

/** One invalid field: where, which rule, and what to tell the person. */
export interface FieldError {
  /** JSON pointer of the field, e.g. `/members/1/cccd`; for a missing field, the field itself (`/name`). */
  path: string;
  /** The ajv keyword that failed (`required`, `format`, `minItems`, …). */
  code: string;
  /** Vietnamese message. */
  message: string;
  /** English message. */
  messageEn: string;
}

/**
 * Converts ajv errors (from a validator compiled with `allErrors` and `verbose`) to field errors.
 *
 * @example
 * toFieldErrors(validate.errors ?? []) // [{ path: "/name", code: "required", message: "Trường này là bắt buộc", … }]
 */
export function toFieldErrors(errors: readonly ErrorObject[]): FieldError[] {
  const out = new Map<string, FieldError>();
  for (const error of withoutNoise(errors)) {
    const path = fieldPath(error);
    if (out.has(path)) continue;
    const text = ownMessage(error) ?? defaultMessage(error);
    out.set(path, { path, code: error.keyword, message: text.vi, messageEn: text.en });
  }
  return [...out.values()];
}

function withoutNoise(errors: readonly ErrorObject[]): ErrorObject[] {
  const choices = errors.filter((e) => e.keyword === "oneOf" || e.keyword === "anyOf" || e.keyword === "contains");
  return errors.filter(
    (e) =>
      e.keyword !== "if" &&
      !choices.some((c) => c !== e && e.schemaPath.startsWith(c.schemaPath + "/")),
  );
}

function fieldPath(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  const child = p.missingProperty ?? p.additionalProperty ?? p.unevaluatedProperty;
  return typeof child === "string" ? joinPointer(error.instancePath, child) : error.instancePath;
}

/** The field's `x-message`, if it has one for this error. */
function ownMessage(error: ErrorObject): Bilingual | undefined {
  const fieldSchema =
    error.keyword === "required" || error.keyword === "dependentRequired"
      ? propertySchema(error.parentSchema, (error.params as { missingProperty?: string }).missingProperty)
      : error.parentSchema;
  const x = asRecord(asRecord(fieldSchema)?.["x-message"]);
  if (!x) return undefined;
  const chosen = typeof x.vi === "string" ? x : asRecord(x[error.keyword]);
  if (!chosen || typeof chosen.vi !== "string") return undefined;
  return { vi: chosen.vi, en: typeof chosen.en === "string" ? chosen.en : defaultMessage(error).en };
}

function propertySchema(parent: unknown, name: string | undefined): unknown {
  return name === undefined ? undefined : asRecord(asRecord(parent)?.properties)?.[name];
}
