/**
 * Finds the ids that form data refers to, so that the server can check that each referenced
 * attachment (or organisation unit) exists and belongs to the dossier before accepting the data.
 */
import { asRecord, type JsonObject } from "./json.js";
import { resolveLocalRef } from "./schema-ref.js";

/**
 * Every string in `data` at a place whose schema has `format: "attachment"`: nested objects, arrays of
 * objects, arrays of attachments, and branches of `allOf`/`anyOf`/`oneOf`/`if`-`then`-`else`. Each id
 * once, in the order found.
 *
 * @example
 * collectAttachmentIds(
 *   { type: "object", properties: { cvs: { type: "array", items: { type: "string", format: "attachment" } } } },
 *   { cvs: ["att-1", "att-2"] },
 * ) // ["att-1", "att-2"]
 */
export function collectAttachmentIds(schema: JsonObject, data: unknown): string[] {
  return collectByFormat(schema, data, "attachment");
}

/**
 * Every organisation unit id in `data` (strings at places whose schema has `format: "unit"`).
 *
 * @example
 * collectUnitIds({ type: "object", properties: { authorityUnit: { type: "string", format: "unit" } } },
 *   { authorityUnit: "so-noi-vu-kon-tum" }) // ["so-noi-vu-kon-tum"]
 */
export function collectUnitIds(schema: JsonObject, data: unknown): string[] {
  return collectByFormat(schema, data, "unit");
}

/** Every string in `data` whose schema has the given `format`; each once, in the order found. */
export function collectByFormat(schema: JsonObject, data: unknown, format: string): string[] {
  return [...new Set(placesOfFormat(schema, data, format).map((p) => p.value))];
}

/** One string in form data at a place whose schema has the format: where (JSON pointer), what, and that schema. */
export type FormatPlace = { path: string; value: string; schema: JsonObject };

/**
 * Every place in `data` holding a string whose schema has the given `format`, with its JSON pointer and
 * the subschema that says so (a place reached through several branches is listed once per schema).
 *
 * @example
 * placesOfFormat({ type: "array", items: { type: "string", format: "unit" } }, ["u-1"], "unit")
 * // [{ path: "/0", value: "u-1", schema: { type: "string", format: "unit" } }]
 */
export function placesOfFormat(schema: JsonObject, data: unknown, format: string): FormatPlace[] {
  const found: FormatPlace[] = [];
  walk(schema, data, { root: schema, format, found, depth: 0, path: "" });
  return found;
}

interface Walk {
  root: JsonObject;
  format: string;
  found: FormatPlace[];
  depth: number;
  path: string;
}

const MAX_DEPTH = 64; // guards against recursive $refs

function walk(node: unknown, data: unknown, w: Walk): void {
  const schema = asRecord(node);
  if (!schema || data === undefined || w.depth > MAX_DEPTH) return;
  const next = { ...w, depth: w.depth + 1 };
  if (schema.format === w.format && typeof data === "string") w.found.push({ path: w.path || "/", value: data, schema });
  if (typeof schema.$ref === "string") walk(resolveLocalRef(w.root, schema.$ref), data, next);
  const obj = asRecord(data);
  if (obj) walkObject(schema, obj, next);
  if (Array.isArray(data)) walkArray(schema, data, next);
  // Branches are walked whether or not they apply to this data: an id found there is at worst
  // checked for existence once too often, never missed.
  for (const k of ["allOf", "anyOf", "oneOf"]) {
    const branches = schema[k];
    if (Array.isArray(branches)) for (const b of branches) walk(b, data, next);
  }
  for (const k of ["if", "then", "else"]) walk(schema[k], data, next);
}

function walkObject(schema: JsonObject, data: JsonObject, w: Walk): void {
  const props = asRecord(schema.properties) ?? {};
  for (const [name, value] of Object.entries(data)) {
    const at = { ...w, path: `${w.path}/${name.replace(/~/g, "~0").replace(/\//g, "~1")}` };
    if (Object.hasOwn(props, name)) walk(props[name], value, at);
    else walk(schema.additionalProperties, value, at);
  }
}

function walkArray(schema: JsonObject, data: unknown[], w: Walk): void {
  // 2020-12: prefixItems then items; draft-07: items as an array, then additionalItems.
  const tuple = Array.isArray(schema.prefixItems)
    ? schema.prefixItems
    : Array.isArray(schema.items)
      ? schema.items
      : [];
  const rest = Array.isArray(schema.items) ? schema.additionalItems : schema.items;
  data.forEach((item, i) => walk(i < tuple.length ? tuple[i] : rest, item, { ...w, path: `${w.path}/${i}` }));
}
