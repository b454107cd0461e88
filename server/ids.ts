/**
 * Ids in URLs and bodies are UUIDs, parsed here once: anything else names nothing (404), never a
 * query that the database refuses with a 500.
 */
import { notFound } from "./errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

/** The id as stored, or a 404 with `code` (e.g. `DOSSIER_NOT_FOUND`) saying there is no such `what`. */
export function parseId(value: string, code: Parameters<typeof notFound>[0], what: string): string {
  if (!isUuid(value)) throw notFound(code, `no such ${what}`);
  return value;
}
