/**
 * Following pointers into a JSON Schema: local `$ref`s and JSON Forms scopes
 * (`#/properties/members/items/properties/cccd`).
 */
import { asRecord, type JsonObject } from "./json.js";
import { parsePointer } from "./json-pointer.js";

/**
 * The subschema a local `$ref` (`#/$defs/person`) points at, or `undefined`.
 *
 * @example
 * resolveLocalRef({ $defs: { p: { type: "string" } } }, "#/$defs/p") // { type: "string" }
 */
export function resolveLocalRef(root: JsonObject, ref: string): unknown {
  if (!ref.startsWith("#")) return undefined;
  let node: unknown = root;
  for (const token of parsePointer(ref)) node = asRecord(node)?.[token];
  return node;
}

/**
 * The subschema a JSON Forms scope points at, resolved from `base` (the form schema, or an array's
 * `items` for the rows of a list); `undefined` when it points at nothing. Like JSON Forms, it follows
 * local `$ref`s and looks into `allOf`/`anyOf`/`oneOf` branches for a property not found directly.
 *
 * @example
 * resolveScope(schema, schema, "#/properties/members/items/properties/cccd") // { type: "string", format: "cccd", … }
 */
export function resolveScope(root: JsonObject, base: JsonObject, scope: string): JsonObject | undefined {
  if (!scope.startsWith("#")) return undefined;
  return follow(root, base, parsePointer(scope), 0);
}

const MAX_DEPTH = 32;

function follow(root: JsonObject, node: unknown, tokens: string[], depth: number): JsonObject | undefined {
  const schema = deref(root, node, depth);
  if (!schema || depth > MAX_DEPTH) return undefined;
  const [head, ...rest] = tokens;
  if (head === undefined) return schema;
  if (head in schema) {
    const found = follow(root, schema[head], rest, depth + 1);
    if (found) return found;
  }
  for (const k of ["allOf", "anyOf", "oneOf"]) {
    const branches = schema[k];
    if (!Array.isArray(branches)) continue;
    for (const b of branches) {
      const found = follow(root, b, tokens, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

function deref(root: JsonObject, node: unknown, depth: number): JsonObject | undefined {
  let schema = asRecord(node);
  for (let i = depth; schema && typeof schema.$ref === "string" && i <= MAX_DEPTH; i++) {
    schema = asRecord(resolveLocalRef(root, schema.$ref));
  }
  return schema;
}
