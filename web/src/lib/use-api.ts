/** Loads one GET resource for a component: data, error, loading, and a reload. */
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, get } from "./api";

export type Loaded<T> = { data: T | undefined; error: ApiError | undefined; loading: boolean; reload(): Promise<void>; setData(d: T): void };

export function useApi<T>(path: string | null): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [loading, setLoading] = useState(path !== null);
  const latest = useRef(path);
  latest.current = path;

  const reload = useCallback(async () => {
    if (path === null) return;
    setLoading(true);
    try {
      const value = await get<T>(path);
      if (latest.current === path) {
        setData(value);
        setError(undefined);
      }
    } catch (e) {
      if (latest.current === path) setError(e instanceof ApiError ? e : new ApiError(0, "ERROR", String(e)));
    } finally {
      if (latest.current === path) setLoading(false);
    }
  }, [path]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { data, error, loading, reload, setData };
}
