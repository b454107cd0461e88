import { SERVER_FACTS } from "../../workflows";

/**
 * What of a workflow's dossiers only its officials read: data keys, and event types whose data (what the
 * official typed) stays with them. The server's facts (`$server`, e.g. a request's screening) are always
 * among them, wherever they are stored: a requester must not learn them by filing a dossier.
 */
export type OfficialOnly = { data?: readonly string[]; events?: readonly string[] };

type Entry = { type: string; data: unknown };

function without(value: unknown, keys: ReadonlySet<string>): unknown {
  if (!value || typeof value !== "object" || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => !keys.has(k)));
}

/**
 * The dossier data and history as a reader with no official role on the dossier sees them (the stored
 * data keeps everything, so replay is unchanged).
 */
export function forNonOfficial<E extends Entry>(data: Record<string, unknown>, history: E[], hidden: OfficialOnly = {}): { data: Record<string, unknown>; history: E[] } {
  const keys = new Set([SERVER_FACTS, ...(hidden.data ?? [])]);
  const events = new Set(hidden.events ?? []);
  return {
    data: without(data, keys) as Record<string, unknown>,
    history: history.map((h) => ({ ...h, data: events.has(h.type) ? null : without(h.data, keys) })),
  };
}
