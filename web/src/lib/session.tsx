/** Who is signed in: loaded once from `/api/me`, refreshed after login and logout. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { ApiError, get, post, setCsrfToken } from "./api";
import type { Me, Role } from "./types";

type Session = {
  me: Me | null;
  ready: boolean;
  login(username: string, password: string): Promise<Me>;
  logout(): Promise<void>;
  refresh(): Promise<void>;
  has(role: Role): boolean;
};

const Context = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [ready, setReady] = useState(false);

  const refresh = useCallback(async () => {
    try {
      const next = await get<Me>("/api/me");
      setCsrfToken(next.csrfToken);
      setMe(next);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setMe(null);
    } finally {
      setReady(true);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const value = useMemo<Session>(
    () => ({
      me,
      ready,
      async login(username, password) {
        const answer = await post<{ user: Me; csrfToken: string }>("/api/auth/login", { username, password });
        setCsrfToken(answer.csrfToken);
        const next = await get<Me>("/api/me").catch(() => ({ ...answer.user, csrfToken: answer.csrfToken }));
        if (next.csrfToken) setCsrfToken(next.csrfToken);
        setMe(next);
        return next;
      },
      async logout() {
        await post("/api/auth/logout").catch(() => undefined);
        setCsrfToken(null);
        setMe(null);
      },
      refresh,
      has: (role) => !!me?.grants.some((g) => g.role === role),
    }),
    [me, ready, refresh],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useSession(): Session {
  const value = useContext(Context);
  if (!value) throw new Error("useSession outside SessionProvider");
  return value;
}

/** True for anyone who works dossiers (not only applies). */
export function isOfficial(me: Me | null): boolean {
  return !!me?.grants.some((g) => g.role === "specialist" || g.role === "leader" || g.role === "accountant");
}

/** Where a person lands after signing in. */
export function homeFor(me: Me): string {
  if (isOfficial(me)) return "/inbox";
  if (me.grants.some((g) => g.role === "admin")) return "/admin";
  return "/my";
}
