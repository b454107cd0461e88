import { timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { AppEnv } from "../app-env";
import { DomainError } from "../errors";
import { keyReaches } from "./api-keys";
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
 * `Authorization: Bearer hoso_…` (another system): the key's user with his grants in the key's unit only,
 * on the key's route groups, reading only with a `read` key. A bearer that does not resolve is 401 — never
 * a fall-back to a cookie sent alongside. No CSRF check: a browser never adds this header by itself.
 */
async function apiKeyCaller(c: Parameters<MiddlewareHandler<AppEnv>>[0], token: string) {
  const found = await c.var.services.apiKeys.caller(token);
  if (!found) throw new DomainError("API_KEY_INVALID", "Khóa API không hợp lệ, đã bị thu hồi hoặc đã hết hạn", { messageEn: "invalid, revoked or expired API key" });
  if (!keyReaches(found.key, c.req.method, c.req.path)) {
    throw new DomainError("API_KEY_ROUTE_FORBIDDEN", "Khóa API này không được dùng cho chức năng này", { messageEn: "this API key may not reach this route" });
  }
  if (found.key.scope === "read" && STATE_CHANGING.has(c.req.method)) {
    throw new DomainError("API_KEY_READ_ONLY", "Khóa API này chỉ được đọc, không được thay đổi dữ liệu", { messageEn: "this API key is read-only" });
  }
  c.set("session", null);
  c.set("user", found.user);
}

/**
 * Resolves the session cookie to the caller (`c.var.user`, null when signed out) and enforces CSRF:
 * with a session, every POST/PUT/PATCH/DELETE under /api/ must echo the session's token in
 * `X-CSRF-Token` (the login itself and public routes excepted). Without a session the route answers 401.
 */
export const sessionMiddleware: MiddlewareHandler<AppEnv> = async (c, next) => {
  const bearer = /^Bearer (.+)$/i.exec(c.req.header("authorization") ?? "")?.[1];
  if (bearer !== undefined && !c.req.path.startsWith("/api/public/")) {
    await apiKeyCaller(c, bearer.trim());
    return next();
  }
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
