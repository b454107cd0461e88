import type { StateNodeDef, WorkflowDefinition } from "./definition-schema";

/** One state of a definition, located in the chart. State names are unique across the whole chart. */
export type IndexedState = {
  name: string;
  path: string[];
  node: StateNodeDef;
  parent: string | null;
};

/**
 * Flattens a definition's nested states into a map by name, in document order.
 * Duplicate names are kept in `duplicates` so validation can report them.
 *
 * @example indexStates(def).states.get("committeeReview")?.path // ["committeeReview"]
 */
export function indexStates(def: Pick<WorkflowDefinition, "states">): {
  states: Map<string, IndexedState>;
  duplicates: string[];
} {
  const states = new Map<string, IndexedState>();
  const duplicates: string[] = [];
  const walk = (children: Record<string, StateNodeDef>, prefix: string[], parent: string | null) => {
    for (const [name, node] of Object.entries(children)) {
      const path = [...prefix, name];
      if (states.has(name)) duplicates.push(name);
      else states.set(name, { name, path, node, parent });
      if (node.states) walk(node.states, path, name);
    }
  };
  walk(def.states, [], null);
  return { states, duplicates };
}

/** The kind of a state node, inferred as XState does when `type` is absent. */
export function stateKind(node: StateNodeDef): "atomic" | "compound" | "parallel" | "final" {
  if (node.type) return node.type;
  return node.states && Object.keys(node.states).length > 0 ? "compound" : "atomic";
}

/**
 * Names of every active state node (leaves and their ancestors) for an XState state value.
 *
 * @example activeStateNames({ approval: { leaderA: "pending" } }) // ["approval", "leaderA", "pending"]
 */
export function activeStateNames(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (value && typeof value === "object") {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => [k, ...activeStateNames(v)]);
  }
  return [];
}

/** Names of the active leaf states only (what a person would call "the current step"). */
export function activeLeafNames(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (value && typeof value === "object") {
    return Object.values(value as Record<string, unknown>).flatMap((v) => activeLeafNames(v));
  }
  return [];
}

/**
 * The one name a person would give the current step: the active leaf, or the parallel state that holds
 * several active leaves.
 *
 * @example currentStateName({ approval: { a: "pending", b: "done" } }) // "approval"
 */
export function currentStateName(value: unknown, parent: string | null = null): string {
  if (typeof value === "string") return value;
  const entries = Object.entries((value ?? {}) as Record<string, unknown>);
  if (entries.length === 1) return currentStateName(entries[0]![1], entries[0]![0]);
  return parent ?? entries.map(([k]) => k).join("+");
}
