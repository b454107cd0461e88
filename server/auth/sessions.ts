import { createHash, randomBytes } from "node:crypto";
import { and, eq, lt } from "drizzle-orm";
import type { Clock } from "../clock";
import type { Db } from "../db/client";
import { sessions } from "../db/schema";
import type { SessionUser } from "../identity";
import { loadSession } from "../services/session-user";

/** How long a session lasts after sign-in. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
export const SESSION_COOKIE = "hoso_session";

/** The table keeps only a hash of the token: a leaked backup cannot be replayed as a cookie. */
function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Server-side sessions: created at sign-in, looked up per request, revoked by deleting the row. */
export class SessionStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async create(userId: string): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
    const token = randomBytes(32).toString("base64url");
    const csrfToken = randomBytes(32).toString("base64url");
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    // Sign-in is a good moment to drop this user's expired sessions.
    await this.db.delete(sessions).where(and(eq(sessions.userId, userId), lt(sessions.expiresAt, now)));
    await this.db.insert(sessions).values({ tokenHash: tokenHash(token), userId, csrfToken, createdAt: now, expiresAt });
    return { token, csrfToken, expiresAt };
  }

  /** The live session of a token and its enabled user, as a request's caller, in one query. */
  async caller(token: string): Promise<{ user: SessionUser; csrfToken: string } | null> {
    return loadSession(this.db, tokenHash(token), this.clock.now());
  }

  async revoke(token: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.tokenHash, tokenHash(token)));
  }

  /** Signs a user out everywhere (password changed, account disabled). */
  async revokeUser(userId: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.userId, userId));
  }
}
