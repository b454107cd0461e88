/**
 * Which JSON Schema keywords hold subschemas, and how (draft 2020-12 and draft-07). Walkers over
 * schemas use this list, so that a value named `required` inside `properties` is never mistaken
 * for the `required` keyword.
 */

/** Keywords whose value is an object of subschemas by name. */
export const SCHEMA_MAP_KEYWORDS = [
  "properties",
  "patternProperties",
  "$defs",
  "definitions",
  "dependentSchemas",
] as const;

/** Keywords whose value is an array of subschemas (draft-07 `items` may also be one). */
export const SCHEMA_ARRAY_KEYWORDS = ["allOf", "anyOf", "oneOf", "prefixItems", "items"] as const;

/** Keywords whose value is one subschema. */
export const SCHEMA_SINGLE_KEYWORDS = [
  "items",
  "not",
  "if",
  "then",
  "else",
  "additionalProperties",
  "additionalItems",
  "unevaluatedItems",
  "unevaluatedProperties",
  "contains",
  "propertyNames",
] as const;
