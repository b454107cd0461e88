import jsonLogic from "json-logic-js";
import type { Spawn } from "./definition-schema";
import { readSpawnValue } from "./spawn-values";

/**
 * The event the server sends a parent dossier whenever one of its children changes state. Reserved:
 * only the engine itself sends it, and definitions cannot declare it.
 */
export const CHILD_UPDATE = "CHILD_UPDATE";

/** One child dossier as its parent sees it, in `data.$children`. */
export type ChildEntry = {
  key: string;
  workflow: string;
  unit: string | null;
  title: string | null;
  /** The child dossier's id, once the server has reported on it. */
  id: string | null;
  /** The child's current step, null until it reports. */
  state: string | null;
  final: boolean;
  late: boolean;
};

/** A child dossier to start, as the engine asks the server to (`Step.spawn`). */
export type SpawnRequest = { key: string; workflow: string; unit: string | null; title: string | null; data: Record<string, unknown> };

/** What a child tells its parent in a `CHILD_UPDATE` event. */
export type ChildUpdate = { key: string; id: string; state: string; final: boolean; late?: boolean };

/**
 * The children a `spawn` option asks for with the given parent data: one per item of the `forEach`
 * list, each with its key, unit, title and start data. Keys must be unique; a later duplicate is dropped.
 *
 * @example spawnRequests({ workflow: "unit-report", forEach: "$.data.units", key: "$.item.id" }, { units: [{ id: "a" }] }, {})
 * // [{ key: "a", workflow: "unit-report", unit: null, title: null, data: {} }]
 */
export function spawnRequests(spec: Spawn, data: Record<string, unknown>, config: Record<string, unknown>): SpawnRequest[] {
  const list = jsonLogic.apply({ var: spec.forEach.slice(2) }, { data });
  if (!Array.isArray(list)) return [];
  const seen = new Set<string>();
  const out: SpawnRequest[] = [];
  list.forEach((item, index) => {
    const scope = { data, item, index, config };
    const key = spec.key === undefined ? String(index) : String(readSpawnValue(spec.key, scope));
    if (seen.has(key)) return;
    seen.add(key);
    const unit = spec.unit === undefined ? null : readSpawnValue(spec.unit, scope);
    const title = spec.title === undefined ? null : readSpawnValue(spec.title, scope);
    const childData = Object.fromEntries(Object.entries(spec.data ?? {}).map(([field, value]) => [field, readSpawnValue(value, scope)]));
    out.push({
      key,
      workflow: spec.workflow,
      unit: typeof unit === "string" && unit ? unit : null,
      title: typeof title === "string" && title ? title : null,
      data: childData,
    });
  });
  return out;
}

/** The parent's data with a fresh `$children` list for the children it is about to spawn. */
export function withSpawnedChildren(data: Record<string, unknown>, requests: SpawnRequest[]): Record<string, unknown> {
  const children: ChildEntry[] = requests.map((r) => ({
    key: r.key,
    workflow: r.workflow,
    unit: r.unit,
    title: r.title,
    id: null,
    state: null,
    final: false,
    late: false,
  }));
  return { ...data, $children: children, $childrenOpen: children.length };
}

/**
 * The parent's data after a child reported its new state. Updates for children of an earlier round
 * (keys no longer listed) change nothing.
 */
export function withChildUpdate(data: Record<string, unknown>, update: ChildUpdate): Record<string, unknown> {
  const children = Array.isArray(data.$children) ? (data.$children as ChildEntry[]) : [];
  if (!children.some((c) => c.key === update.key)) return data;
  const next = children.map((c) =>
    c.key === update.key ? { ...c, id: update.id, state: update.state, final: update.final, late: update.late ?? c.late } : c,
  );
  return { ...data, $children: next, $childrenOpen: next.filter((c) => !c.final).length };
}

/** Reads a `CHILD_UPDATE` event's data, or null when it is not one. */
export function parseChildUpdate(data: Record<string, unknown> | undefined): ChildUpdate | null {
  if (!data || typeof data.key !== "string" || typeof data.id !== "string" || typeof data.state !== "string" || typeof data.final !== "boolean") return null;
  return { key: data.key, id: data.id, state: data.state, final: data.final, ...(typeof data.late === "boolean" ? { late: data.late } : {}) };
}
