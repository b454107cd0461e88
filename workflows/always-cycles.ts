import { stateKind, type IndexedState } from "./state-index";

/** An eventless transition that can lead back to its own state through other eventless transitions. */
export type AlwaysCycle = { state: IndexedState; index: number; cycle: string[] };

/**
 * The `always` transitions that lie on a cycle of eventless transitions. Every such cycle is refused,
 * whatever its guards: proving that guards can never all be true together is not possible in general,
 * and a cycle whose guards hold spins forever inside one step.
 *
 * The graph is conservative: taking an `always` transition to T can make eventless transitions fire on
 * every state active after it (T, its ancestors, the states entered by default below it), so there is an
 * edge to each of them; a transition without a target stays in its state and fires again (a self-edge).
 *
 * @example alwaysCycles(indexStates(def).states)[0]?.cycle // ["a", "b", "a"]
 */
export function alwaysCycles(states: Map<string, IndexedState>): AlwaysCycle[] {
  const hasAlways = (name: string) => (states.get(name)?.node.always?.length ?? 0) > 0;
  const edgesOf = (state: IndexedState, target: string | undefined) =>
    (target === undefined ? [state.name] : activeAfterEntering(states, target)).filter(hasAlways);
  const next = new Map<string, string[]>();
  for (const state of states.values()) {
    if (!hasAlways(state.name)) continue;
    next.set(state.name, [...new Set(state.node.always!.flatMap((t) => edgesOf(state, t.target)))]);
  }
  const cycles: AlwaysCycle[] = [];
  for (const name of next.keys()) {
    const state = states.get(name)!;
    state.node.always!.forEach((t, index) => {
      for (const first of edgesOf(state, t.target)) {
        const back = pathTo(next, first, name);
        if (back) {
          cycles.push({ state, index, cycle: [name, ...back] });
          return;
        }
      }
    });
  }
  return cycles;
}

/** The states active after a transition enters `name`: it, its ancestors and its default descendants. */
function activeAfterEntering(states: Map<string, IndexedState>, name: string): string[] {
  const out: string[] = [];
  for (let up = states.get(name)?.parent; up; up = states.get(up)?.parent ?? null) out.push(up);
  const down = (n: string) => {
    const state = states.get(n);
    if (!state) return;
    out.push(n);
    const kind = stateKind(state.node);
    if (kind === "parallel") Object.keys(state.node.states ?? {}).forEach(down);
    if (kind === "compound" && state.node.initial) down(state.node.initial);
  };
  down(name);
  return out;
}

/** A shortest path of eventless edges from `from` to `to` (both included), or null. */
function pathTo(next: Map<string, string[]>, from: string, to: string): string[] | null {
  const parent = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  while (queue.length) {
    const at = queue.shift()!;
    if (at === to) {
      const path: string[] = [];
      for (let n: string | null = at; n !== null; n = parent.get(n) ?? null) path.unshift(n);
      return path;
    }
    for (const n of next.get(at) ?? []) {
      if (!parent.has(n)) {
        parent.set(n, at);
        queue.push(n);
      }
    }
  }
  return null;
}
