import { Hono, type Context } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { clientAddress } from "../auth/client-address";
import { loginKeys } from "../auth/login-limiter";
import { requireUser } from "../auth/require-user";
import { SESSION_COOKIE, SESSION_TTL_MS } from "../auth/sessions";
import { DomainError } from "../errors";
import type { SessionUser } from "../identity";
import { readJson } from "../request";
import { loadSessionUser } from "../services/session-user";

export const LoginBody = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(1000),
});

/** What `/api/me` and the login answer say about the caller. */
export function me(user: SessionUser, csrfToken: string | null) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    grants: user.grants.map(({ role, unitId, unitName }) => ({ role, unitId, unitName })),
    csrfToken,
  };
}

/** "45 giây", "15 phút": the wait a locked sign-in is asked for. */
function waitInVietnamese(seconds: number): string {
  return seconds < 60 ? `${seconds} giây` : `${Math.ceil(seconds / 60)} phút`;
}

function cookieOptions(c: Context<AppEnv>) {
  return { httpOnly: true, sameSite: "Lax", secure: c.var.services.config.production, path: "/" } as const;
}

export const authRoutes = new Hono<AppEnv>()
  .post("/login", async (c) => {
    const body = await readJson(c, LoginBody);
    const { people, limiter, sessions, config, database } = c.var.services;
    // The attempt is reserved before argon2 runs: parallel guesses cannot all slip under the limit.
    const reservation = await limiter.reserve(loginKeys(body.username, clientAddress(c, config.trustProxy)));
    if (!reservation.admitted) {
      const retryAfter = Math.max(1, Math.ceil((reservation.retryAt.getTime() - c.var.services.clock.now().getTime()) / 1000));
      c.header("Retry-After", String(retryAfter));
      if (reservation.busy) {
        throw new DomainError("LOGIN_BUSY", "Đang có nhiều lượt đăng nhập cùng lúc, vui lòng thử lại sau 1 giây", {
          messageEn: "too many sign-ins at this moment; try again in a second",
          retryAfter,
        });
      }
      throw new DomainError("LOGIN_LOCKED", `Đăng nhập sai quá nhiều lần, vui lòng thử lại sau ${waitInVietnamese(retryAfter)}`, {
        messageEn: "too many failed sign-ins; try again later",
        retryAfter,
      });
    }
    const userId = await people.checkPassword(body.username, body.password);
    if (!userId) {
      await limiter.failed(reservation.keys);
      throw new DomainError("INVALID_CREDENTIALS", "Tên đăng nhập hoặc mật khẩu không đúng", { messageEn: "wrong username or password" });
    }
    await limiter.succeeded(reservation.keys);
    const session = await sessions.create(userId);
    setCookie(c, SESSION_COOKIE, session.token, { ...cookieOptions(c), maxAge: SESSION_TTL_MS / 1000 });
    const user = (await loadSessionUser(database.db, userId))!;
    return c.json({ user: me(user, session.csrfToken), csrfToken: session.csrfToken });
  })
  .post("/logout", async (c) => {
    const session = c.var.session;
    if (session) await c.var.services.sessions.revoke(session.token);
    deleteCookie(c, SESSION_COOKIE, cookieOptions(c));
    return c.json({ ok: true });
  });

export const meRoutes = new Hono<AppEnv>().get("/", (c) => {
  const user = requireUser(c);
  // An API key's caller has no session, hence no CSRF token.
  return c.json(me(user, c.var.session?.csrfToken ?? null));
});
