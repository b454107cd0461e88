/** The organisation units (`GET /api/units`), loaded once per page load, in tree order with depths. */
import { get } from "../lib/api";
import type { Unit } from "../lib/types";

export type UnitRow = Unit & { depth: number };
let loading: Promise<UnitRow[] | null> | null = null;

export function loadUnits(): Promise<UnitRow[] | null> {
  loading ??= get<Unit[] | { items: Unit[] }>("/api/units")
    .then((answer) => treeOrder(Array.isArray(answer) ? answer : answer.items))
    .catch(() => {
      loading = null;
      return null;
    });
  return loading;
}

/** Parents before children, siblings by name, each with its depth. */
export function treeOrder(units: Unit[]): UnitRow[] {
  const ids = new Set(units.map((u) => u.id));
  const children = new Map<string | null, Unit[]>();
  for (const u of units) {
    const parent = u.parentId && ids.has(u.parentId) ? u.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), u]);
  }
  const out: UnitRow[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const u of (children.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name, "vi"))) {
      out.push({ ...u, depth });
      walk(u.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
