/** Small helpers for reading untyped JSON (schemas, UI schemas, form data). */

/** A JSON object. */
export type JsonObject = Record<string, unknown>;

/** The value as a JSON object, or `undefined` if it is not one (arrays and null are not). */
export function asRecord(v: unknown): JsonObject | undefined {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as JsonObject) : undefined;
}
