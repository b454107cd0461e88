/**
 * Checks a form's JSON Schema the way the validator will use it: a supported dialect, valid against
 * its meta-schema, and compiling under ajv's strict mode (no unknown keywords or formats).
 */
import type Ajv from "ajv";
import { createAjv, schemaDraft, type SchemaDraft } from "./create-ajv.js";
import { asRecord, type JsonObject } from "./json.js";
import { joinPointer } from "./json-pointer.js";
import { problem, type FormProblem } from "./form-problem.js";

/**
 * Every problem of a JSON Schema, with pointers starting at `path`. The meta-schema check lists each
 * bad place; ajv's compiler stops at its first strict-mode error, which is reported as ajv words it.
 *
 * @example
 * checkJsonSchema({ type: "object", properties: { a: { type: "strin" } } })
 * // [{ path: "/schema/properties/a/type", message: "Lược đồ JSON không hợp lệ: must be equal to one of the allowed values", … }]
 */
export function checkJsonSchema(schema: JsonObject, path = "/schema"): FormProblem[] {
  const draft = schemaDraft(schema);
  if (!draft) {
    return [
      problem(
        joinPointer(path, "$schema"),
        `Phiên bản JSON Schema không được hỗ trợ: ${String(schema.$schema)} (chỉ draft 2020-12 hoặc draft-07)`,
        `Unsupported JSON Schema dialect: ${String(schema.$schema)} (use draft 2020-12 or draft-07)`,
      ),
    ];
  }
  if (schema.type !== "object") {
    return [problem(joinPointer(path, "type"), 'Lược đồ của biểu mẫu phải có type "object"', 'A form schema must have type "object"')];
  }
  const ajv = createAjv(draft);
  if (!ajv.validateSchema(schema)) {
    const seen = new Set<string>();
    return (ajv.errors ?? []).flatMap((e) => {
      const at = path + e.instancePath;
      if (seen.has(at)) return [];
      seen.add(at);
      return [problem(at, `Lược đồ JSON không hợp lệ: ${e.message ?? e.keyword}`, `Invalid JSON Schema: ${e.message ?? e.keyword}`)];
    });
  }
  const reason = compileError(ajv, schema);
  return reason
    ? [problem(path, `Lược đồ JSON không biên dịch được: ${reason}`, `The JSON Schema does not compile: ${reason}`)]
    : [];
}

/**
 * A checker for the small schemas of rule conditions in UI schemas: why one is not valid, or
 * `undefined`. It keeps one ajv instance per dialect, as creating one costs far more than compiling.
 */
export function conditionSchemaChecker(): (schema: unknown) => string | undefined {
  const ajvs = new Map<SchemaDraft, Ajv>();
  return (schema) => {
    const obj = asRecord(schema);
    if (!obj) return typeof schema === "boolean" ? undefined : "must be an object";
    const draft = schemaDraft(obj);
    if (!draft) return `unsupported $schema ${String(obj.$schema)}`;
    let ajv = ajvs.get(draft);
    if (!ajv) ajvs.set(draft, (ajv = createAjv(draft)));
    return compileError(ajv, obj);
  };
}

function compileError(ajv: Ajv, schema: JsonObject): string | undefined {
  try {
    const { $id: _id, ...rest } = schema;
    ajv.compile(rest);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
