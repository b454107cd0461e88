/** Loads a form definition (`GET /api/forms/:key`), cached for the page's life: stored versions never change. */
import { useEffect, useState } from "react";
import { ApiError, get } from "../lib/api";
import type { FormDef } from "../lib/types";

const cache = new Map<string, Promise<FormDef>>();

export function loadForm(key: string, version?: number): Promise<FormDef> {
  const id = `${key}@${version ?? "latest"}`;
  let hit = cache.get(id);
  if (!hit) {
    hit = get<FormDef>(`/api/forms/${encodeURIComponent(key)}${version ? `?version=${version}` : ""}`);
    hit.catch(() => cache.delete(id));
    cache.set(id, hit);
  }
  return hit;
}

export function useForm(key: string | null | undefined, version?: number) {
  const id = key ? `${key}@${version ?? "latest"}` : null;
  const [state, setState] = useState<{ id: string | null; form?: FormDef; error?: ApiError; loading: boolean }>({ id, loading: !!key });
  useEffect(() => {
    if (!key) return setState({ id: null, loading: false });
    let live = true;
    setState({ id, loading: true });
    loadForm(key, version).then(
      (form) => live && setState({ id, form, loading: false }),
      (error: unknown) => live && setState({ id, error: error instanceof ApiError ? error : new ApiError(0, "ERROR", String(error)), loading: false }),
    );
    return () => {
      live = false;
    };
  }, [key, version]);
  // In the render where the key has just changed, the effect has not run yet: that form is loading.
  if (state.id !== id) return { form: undefined, error: undefined, loading: !!key };
  return state;
}
