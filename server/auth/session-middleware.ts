import { timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { AppEnv } from "../app-env";
import { DomainError } from "../errors";
import { SESSION_COOKIE } from "./sessions";

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Routes a state-changing request may reach without the CSRF header. */
function csrfExempt(path: string): boolean {
  return path === "/api/auth/login" || path.startsWith("/api/public/");
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Resolves the session cookie to the caller (`c.var.user`, null when signed out) and enforces CSRF:
 * with a session, every POST/PUT/PATCH/DELETE under /api/ must echo the session's token in
 * `X-CSRF-Token` (the login itself and public routes excepted). Without a session the route answers 401.
 */
export const sessionMiddleware: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { sessions } = c.var.services;
  const token = getCookie(c, SESSION_COOKIE);
  const session = token ? await sessions.caller(token) : null;
  c.set("session", session ? { token: token!, csrfToken: session.csrfToken } : null);
  c.set("user", session?.user ?? null);
  if (session && STATE_CHANGING.has(c.req.method) && !csrfExempt(c.req.path)) {
    const sent = c.req.header("x-csrf-token") ?? "";
    if (!sameToken(sent, session.csrfToken)) {
      throw new DomainError("CSRF_REJECTED", "Yêu cầu bị từ chối: thiếu mã chống giả mạo (CSRF)", {
        messageEn: "missing or wrong X-CSRF-Token header",
      });
    }
  }
  await next();
};
