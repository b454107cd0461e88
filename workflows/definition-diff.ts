/**
 * What changes between two versions of a workflow definition, in terms an admin reads before publishing:
 * states added, removed or changed, and transitions added, removed or changed. A state added or removed
 * carries its transitions with it (they are not listed again one by one).
 */
import type { LocalizedText, StateNodeDef, Transition, WorkflowDefinition } from "./definition-schema";
import { indexStates } from "./state-index";

export type DefinitionChange =
  | { kind: "workflow"; fields: string[] }
  | { kind: "stateAdded" | "stateRemoved"; state: string; title: LocalizedText }
  | { kind: "stateChanged"; state: string; title: LocalizedText; fields: string[] }
  | {
      kind: "transitionAdded" | "transitionRemoved" | "transitionChanged";
      state: string;
      stateTitle: LocalizedText;
      /** Null: an automatic (`always`) transition. */
      event: string | null;
      title: LocalizedText | null;
      target: string | null;
      /** For a change: which of the transition's fields differ. */
      fields?: string[];
    };

type Def = Pick<WorkflowDefinition, "states"> & Record<string, unknown>;

/** The changes that turn `from` into `to` (`from` null: everything is new). */
export function diffDefinitions(from: Def | null, to: Def): DefinitionChange[] {
  const changes: DefinitionChange[] = [];
  const before = from ? indexStates(from).states : new Map();
  const after = indexStates(to).states;
  if (from) {
    const fields = changedFields(withoutKeys(from, ["states", "version"]), withoutKeys(to, ["states", "version"]));
    if (fields.length) changes.push({ kind: "workflow", fields });
  }
  for (const [name, old] of before) {
    if (!after.has(name)) changes.push({ kind: "stateRemoved", state: name, title: old.node.title });
  }
  for (const [name, now] of after) {
    const old = before.get(name);
    if (!old) {
      changes.push({ kind: "stateAdded", state: name, title: now.node.title });
      continue;
    }
    const fields = changedFields(nodeOwn(old.node), nodeOwn(now.node));
    if (old.parent !== now.parent) fields.push("parent");
    if (fields.length) changes.push({ kind: "stateChanged", state: name, title: now.node.title, fields });
    const oldT = transitionsByKey(old.node);
    const newT = transitionsByKey(now.node);
    const at = (kind: "transitionAdded" | "transitionRemoved" | "transitionChanged", key: string, t: Transition, extra: { fields?: string[] } = {}) =>
      changes.push({ kind, state: name, stateTitle: now.node.title, event: eventOf(key), title: t.title ?? null, target: t.target ?? null, ...extra });
    for (const [key, t] of oldT) if (!newT.has(key)) at("transitionRemoved", key, t);
    for (const [key, t] of newT) {
      const was = oldT.get(key);
      if (!was) at("transitionAdded", key, t);
      else {
        const f = changedFields(was as Record<string, unknown>, t as Record<string, unknown>);
        if (f.length) at("transitionChanged", key, t, { fields: f });
      }
    }
  }
  return changes;
}

/** A state's own fields: not its children nor its transitions (compared on their own). */
function nodeOwn(node: StateNodeDef): Record<string, unknown> {
  return withoutKeys(node as Record<string, unknown>, ["states", "on", "always"]);
}

/** Transitions keyed by `event#index` (`#index` only for a list of guarded alternatives), `always` by `~index`. */
function transitionsByKey(node: StateNodeDef): Map<string, Transition> {
  const out = new Map<string, Transition>();
  for (const [event, spec] of Object.entries(node.on ?? {})) {
    if (Array.isArray(spec)) spec.forEach((t, i) => out.set(`${event}#${i}`, t));
    else out.set(event, spec);
  }
  (node.always ?? []).forEach((t, i) => out.set(`~${i}`, t));
  return out;
}

function eventOf(key: string): string | null {
  return key.startsWith("~") ? null : key.replace(/#\d+$/, "");
}

function withoutKeys(o: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));
}

/** The keys whose values differ (absent and undefined are the same), sorted. */
function changedFields(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => canonical(a[k]) !== canonical(b[k])).sort();
}

/** JSON with object keys sorted: stored definitions come back from jsonb with their keys reordered. */
function canonical(v: unknown): string {
  if (v === undefined) return "undefined";
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    return `{${entries.sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(",")}}`;
  }
  return JSON.stringify(v);
}
