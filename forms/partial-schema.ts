/**
 * The schema a draft is checked against: the form's schema without the rules that only a finished
 * form must meet. A half-filled draft may miss fields, have too few rows and half-typed text; what it
 * does hold must still have the right type and format (a CCCD of 11 digits is wrong in a draft too).
 */
import { asRecord, type JsonObject } from "./json.js";
import {
  SCHEMA_ARRAY_KEYWORDS,
  SCHEMA_MAP_KEYWORDS,
  SCHEMA_SINGLE_KEYWORDS,
} from "./schema-keywords.js";

/** Keywords dropped for drafts: they only say that something is missing or unfinished. */
export const COMPLETENESS_KEYWORDS = [
  "required",
  "dependentRequired",
  "minItems",
  "minLength",
  "minProperties",
] as const;

const DROP = new Set<string>(COMPLETENESS_KEYWORDS);
const SUBSCHEMA = new Set<string>(SCHEMA_SINGLE_KEYWORDS.filter((k) => k !== "if"));
const ARRAYS = new Set<string>(SCHEMA_ARRAY_KEYWORDS);
const MAPS = new Set<string>(SCHEMA_MAP_KEYWORDS);

/**
 * Derives the draft schema. `if` conditions are kept as they are, so a condition still means what the
 * author wrote; the `then`/`else` branches lose their completeness rules like everything else.
 *
 * @example
 * draftSchema({ type: "object", required: ["name"], properties: { name: { type: "string", minLength: 1 } } })
 * // { type: "object", properties: { name: { type: "string" } } }
 */
export function draftSchema(schema: JsonObject): JsonObject {
  return strip(schema) as JsonObject;
}

function strip(node: unknown): unknown {
  const schema = asRecord(node);
  if (!schema) return node; // boolean schemas
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(schema)) {
    if (DROP.has(k)) continue;
    if (k === "dependencies") out[k] = schemaDependenciesOnly(v);
    // `contains` describes the item looked for (its `required` says what makes it that item), not completeness.
    else if (k === "contains") out[k] = v;
    else if (Array.isArray(v) && ARRAYS.has(k)) out[k] = v.map(strip);
    else if (MAPS.has(k) && asRecord(v)) out[k] = mapValues(v as JsonObject, strip);
    else if (SUBSCHEMA.has(k)) out[k] = strip(v);
    else out[k] = v;
  }
  // "At least n items like this" is unfinished work in a draft; "at most" (`maxContains`) still holds.
  if ("contains" in schema) out.minContains = 0;
  return out;
}

/** draft-07 `dependencies`: array entries are "also required" (dropped), schema entries are kept. */
function schemaDependenciesOnly(v: unknown): unknown {
  const deps = asRecord(v);
  if (!deps) return v;
  const out: JsonObject = {};
  for (const [k, d] of Object.entries(deps)) if (!Array.isArray(d)) out[k] = strip(d);
  return out;
}

function mapValues(obj: JsonObject, f: (v: unknown) => unknown): JsonObject {
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, f(v)]));
}
