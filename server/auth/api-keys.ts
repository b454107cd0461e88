import { createHash, randomBytes, randomUUID } from "node:crypto";
import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { addCalendarDays, toVietnamDate } from "../../workflows/calendar";
import type { Clock } from "../clock";
import type { Db } from "../db/client";
import { API_KEY_SCOPES, apiKeys, grants } from "../db/schema";
import { DomainError, notFound } from "../errors";
import type { SessionUser } from "../identity";
import { loadApiKey, type ApiKeyLimits } from "../services/session-user";
import { END_OF_DAY, vietnamInstant } from "../services/vietnam-time";

/** The route groups a key may be given (`/api/<group>…`); administration, sign-in and key management never. */
export const API_KEY_ROUTE_GROUPS = ["instances", "tasks", "documents", "plans", "funds", "dashboard", "units", "workflows", "forms", "attachments", "notifications", "calendar"] as const;
/** A key lives at most this long. */
const MAX_DAYS = 3 * 366;
/** `last_used_at` is written at most this often per key: not one extra write per request. */
const TOUCH_EVERY_MS = 60_000;
const TOKEN = /^hoso_[A-Za-z0-9_-]{43}$/;

export const ApiKeyBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    userId: z.string().uuid(),
    unitId: z.string().uuid(),
    scope: z.enum(API_KEY_SCOPES),
    routes: z.array(z.enum(API_KEY_ROUTE_GROUPS)).min(1).max(API_KEY_ROUTE_GROUPS.length).optional(),
    /** Last day of validity (YYYY-MM-DD, Vietnam time); none: until revoked. */
    expiresOn: z.string().date().optional(),
  })
  .strict();

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

export type ApiKeyView = Omit<typeof apiKeys.$inferSelect, "tokenHash">;

/** API keys for other systems: made and revoked by an admin of the key's unit, looked up per request by hash. */
export class ApiKeyStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Makes a key; the token is in this answer only. */
  async create(admin: SessionUser, body: z.infer<typeof ApiKeyBody>): Promise<{ key: ApiKeyView; token: string }> {
    const now = this.clock.now();
    let expiresAt: Date | null = null;
    if (body.expiresOn) {
      const today = toVietnamDate(now);
      if (body.expiresOn < today || body.expiresOn > addCalendarDays(today, MAX_DAYS)) {
        const message = `Ngày hết hạn phải từ hôm nay đến tối đa 3 năm sau (viết là YYYY-MM-DD, ví dụ ${addCalendarDays(today, 365)})`;
        throw new DomainError("VALIDATION_FAILED", message, { messageEn: "expiresOn must be between today and three years from now", fields: [{ path: "/expiresOn", message }] });
      }
      expiresAt = vietnamInstant(body.expiresOn, END_OF_DAY);
    }
    const [held] = await this.db.select({ id: grants.id }).from(grants).where(and(eq(grants.userId, body.userId), eq(grants.unitId, body.unitId))).limit(1);
    if (!held) {
      const message = "Người dùng này không có vai trò nào tại đơn vị của khóa: khóa sẽ không làm được gì";
      throw new DomainError("VALIDATION_FAILED", message, { messageEn: "the user holds no role in the key's unit", fields: [{ path: "/userId", message }] });
    }
    const token = `hoso_${randomBytes(32).toString("base64url")}`;
    const [key] = await this.db
      .insert(apiKeys)
      .values({ id: randomUUID(), name: body.name, prefix: token.slice(0, 12), tokenHash: hash(token), userId: body.userId, unitId: body.unitId, scope: body.scope, routes: body.routes ?? [...API_KEY_ROUTE_GROUPS], createdBy: admin.id, createdAt: now, expiresAt })
      .returning();
    return { key: view(key!), token };
  }

  /** The keys of the given units (an admin's subtree), newest first. */
  async list(unitIds: ReadonlySet<string>): Promise<ApiKeyView[]> {
    if (!unitIds.size) return [];
    const rows = await this.db.select().from(apiKeys).where(inArray(apiKeys.unitId, [...unitIds])).orderBy(desc(apiKeys.createdAt));
    return rows.map(view);
  }

  /** Revokes a key of the given units; a key outside them is 404, a key revoked before stays as it was. */
  async revoke(id: string, unitIds: ReadonlySet<string>): Promise<void> {
    const [key] = await this.db.select({ unitId: apiKeys.unitId }).from(apiKeys).where(eq(apiKeys.id, id));
    if (!key || !unitIds.has(key.unitId)) throw notFound("NOT_FOUND", "no such API key");
    await this.db.update(apiKeys).set({ revokedAt: this.clock.now() }).where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)));
  }

  /** The caller a bearer token stands for, or null (malformed, unknown, revoked, expired, or its user disabled). */
  async caller(token: string): Promise<{ user: SessionUser; key: ApiKeyLimits } | null> {
    if (!TOKEN.test(token)) return null;
    const now = this.clock.now();
    const found = await loadApiKey(this.db, hash(token), now);
    if (found && (!found.key.lastUsedAt || now.getTime() - found.key.lastUsedAt.getTime() > TOUCH_EVERY_MS)) {
      await this.db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, found.key.id));
    }
    return found;
  }
}

function view(row: typeof apiKeys.$inferSelect): ApiKeyView {
  const { tokenHash: _hidden, ...rest } = row;
  return rest;
}

/** Whether a key's route groups let it reach `path` (`GET /api/me` always: a system may ask who it is). */
export function keyReaches(key: ApiKeyLimits, method: string, path: string): boolean {
  if (path === "/api/me" && method === "GET") return true;
  return key.routes.some((group) => path === `/api/${group}` || path.startsWith(`/api/${group}/`));
}
