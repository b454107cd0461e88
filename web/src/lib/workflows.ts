/** Workflow definitions by key and version, cached: a stored version never changes. */
import { useEffect, useState } from "react";
import { get } from "./api";
import type { Localized, WorkflowDetail } from "./types";

const cache = new Map<string, Promise<WorkflowDetail | null>>();

export function loadWorkflow(key: string, version?: number): Promise<WorkflowDetail | null> {
  const id = `${key}@${version ?? "latest"}`;
  let hit = cache.get(id);
  if (!hit) {
    hit = get<WorkflowDetail>(`/api/workflows/${encodeURIComponent(key)}${version ? `?version=${version}` : ""}`).catch(() => {
      cache.delete(id);
      return null;
    });
    cache.set(id, hit);
  }
  return hit;
}

/** Forgets a workflow's latest version (after an admin saved a new one). */
export function forgetWorkflow(key: string) {
  cache.delete(`${key}@latest`);
}

/** State titles of the workflows named in `refs` (`key@version`), for lists that carry only state names. */
export function useStateTitles(refs: Array<{ workflow: string; workflowVersion?: number }>) {
  const [titles, setTitles] = useState(new Map<string, Localized | null>());
  const wanted = [...new Set(refs.map((r) => `${r.workflow}@${r.workflowVersion ?? ""}`))].sort().join(",");
  useEffect(() => {
    let live = true;
    const list = wanted ? wanted.split(",") : [];
    void Promise.all(
      list.map(async (ref) => {
        const [key, v] = ref.split("@");
        const wf = await loadWorkflow(key!, v ? Number(v) : undefined);
        return { ref, wf };
      }),
    ).then((all) => {
      if (!live) return;
      const map = new Map<string, Localized | null>();
      for (const { ref, wf } of all) for (const s of wf?.states ?? []) map.set(`${ref}#${s.name}`, s.title);
      setTitles(map);
    });
    return () => {
      live = false;
    };
  }, [wanted]);
  return (workflow: string, version: number | undefined, state: string) => titles.get(`${workflow}@${version ?? ""}#${state}`) ?? null;
}
