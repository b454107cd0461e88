import { randomUUID } from "node:crypto";
import { and, asc, eq, ilike, inArray, isNull, notExists, notInArray, or, sql } from "drizzle-orm";
import type { Role } from "../../workflows";
import { hashPassword, verifyPassword } from "../auth/passwords";
import type { SessionStore } from "../auth/sessions";
import type { Clock } from "../clock";
import type { Db, Tx } from "../db/client";
import { apiKeys, grants, units, users } from "../db/schema";
import { DomainError, notFound } from "../errors";
import { requireAcknowledged, requireAnotherAdmin, soleTasks } from "./disable-guards";
import { isUniqueViolation, isUuid } from "./dossiers";
import type { UnitService } from "./units";

export type UserRow = typeof users.$inferSelect;
export type NewUser = { id?: string; username: string; displayName: string; password: string; grants?: { role: Role; unitId: string; position?: string | undefined }[] };

/** The public face of a user: never the password hash. */
export function publicUser(user: UserRow) {
  return { id: user.id, username: user.username, displayName: user.displayName, disabled: user.disabled, createdAt: user.createdAt.toISOString() };
}

/** Users and the roles they hold in units; the password check of the sign-in. */
export class PeopleService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly unitService: UnitService,
    private readonly sessions: SessionStore,
  ) {}

  /** The id of the enabled user with this username and password, else null (in the same time either way). */
  async checkPassword(username: string, password: string): Promise<string | null> {
    const [user] = await this.db.select().from(users).where(sql`lower(${users.username}) = ${username.toLowerCase()}`);
    const ok = await verifyPassword(user && !user.disabled ? user.passwordHash : null, password);
    return ok && user ? user.id : null;
  }

  async create(input: NewUser): Promise<UserRow> {
    for (const g of input.grants ?? []) await this.unitService.get(g.unitId);
    const passwordHash = await hashPassword(input.password);
    const now = this.clock.now();
    try {
      return await this.db.transaction(async (tx) => {
        const [user] = await tx
          .insert(users)
          .values({ id: input.id ?? randomUUID(), username: input.username, displayName: input.displayName, passwordHash, createdAt: now })
          .returning();
        for (const g of input.grants ?? []) await tx.insert(grants).values({ id: randomUUID(), userId: user!.id, role: g.role, unitId: g.unitId, position: g.position ?? null, createdAt: now });
        return user!;
      });
    } catch (error) {
      if (isUniqueViolation(error, "users_username")) throw usernameTaken();
      throw error;
    }
  }

  async get(id: string): Promise<UserRow> {
    const [row] = isUuid(id) ? await this.db.select().from(users).where(eq(users.id, id)) : [];
    if (!row) throw notFound("USER_NOT_FOUND", "no such user");
    return row;
  }

  /** Users matching `q`; with `scope`, only those an admin of these units may manage (see `manageable`). */
  list(q?: string, scope?: ReadonlySet<string>): Promise<UserRow[]> {
    const like = q ? `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : null;
    const outside = scope
      ? notExists(this.db.select({ one: sql`1` }).from(grants).where(and(eq(grants.userId, users.id), notInArray(grants.unitId, [...scope]))))
      : undefined;
    return this.db
      .select()
      .from(users)
      .where(and(like ? or(ilike(users.username, like), ilike(users.displayName, like)) : undefined, outside))
      .orderBy(asc(users.username))
      .limit(500);
  }

  /**
   * Changes name, password or the disabled flag; a new password or disabling signs the user out everywhere,
   * and disabling revokes his API keys too (enabling him again does not bring them back). Disabling is
   * refused for the last enabled admin of a unit, and while he is the only official able to act on open
   * tasks the caller has not acknowledged (`acknowledgedTasks`, the ids he was shown).
   * With `scope`, only a user an admin of these units may manage (see `manageable`), checked in the same
   * transaction that writes, the user's row held against a grant given meanwhile.
   */
  async update(
    id: string,
    change: { displayName?: string | undefined; password?: string | undefined; disabled?: boolean | undefined; acknowledgedTasks?: string[] | undefined },
    scope?: ReadonlySet<string>,
  ): Promise<UserRow> {
    await (scope ? this.manageable(id, scope) : this.get(id));
    const set: Partial<UserRow> = {};
    if (change.displayName !== undefined) set.displayName = change.displayName;
    if (change.disabled !== undefined) set.disabled = change.disabled;
    // Hashed before the transaction: argon2 takes a while, the row is held only for the write.
    if (change.password !== undefined) set.passwordHash = await hashPassword(change.password);
    const row = await this.db.transaction(async (tx) => {
      const user = await lockUser(tx, id, scope);
      if (change.disabled === true && !user.disabled) {
        await requireAnotherAdmin(tx, id);
        requireAcknowledged(await soleTasks(tx, id), change.acknowledgedTasks);
        await tx.update(apiKeys).set({ revokedAt: this.clock.now() }).where(and(eq(apiKeys.userId, id), isNull(apiKeys.revokedAt)));
      }
      if (!Object.keys(set).length) return user;
      const [updated] = await tx.update(users).set(set).where(eq(users.id, id)).returning();
      return updated!;
    });
    if (change.password !== undefined || change.disabled === true) await this.sessions.revokeUser(id);
    return row;
  }

  /**
   * The user, when an admin of the units `scope` may manage him: he holds no grant outside them (or none at
   * all). Anyone else is 404, as if he did not exist: who works outside one's units is not one's business.
   */
  async manageable(id: string, scope: ReadonlySet<string>): Promise<UserRow> {
    return lockUser(this.db, id, scope, false);
  }

  /** The open tasks only this user could act on (see `soleTasks`); with `scope`, only a user an admin of these units may manage. */
  async soleTasks(id: string, scope: ReadonlySet<string>) {
    await this.manageable(id, scope);
    return this.db.transaction((tx) => soleTasks(tx, id));
  }

  /** Grants, filtered; with `scope`, only those held in these units. */
  listGrants(filter: { userId?: string | undefined; unitId?: string | undefined }, scope?: ReadonlySet<string>) {
    return this.db
      .select({ id: grants.id, userId: grants.userId, username: users.username, role: grants.role, unitId: grants.unitId, unitName: units.name, position: grants.position })
      .from(grants)
      .innerJoin(users, eq(users.id, grants.userId))
      .innerJoin(units, eq(units.id, grants.unitId))
      .where(
        and(
          filter.userId ? eq(grants.userId, filter.userId) : undefined,
          filter.unitId ? eq(grants.unitId, filter.unitId) : undefined,
          scope ? inArray(grants.unitId, [...scope]) : undefined,
        ),
      )
      .orderBy(asc(users.username), asc(grants.role));
  }

  /** Grants `role` in `unitId`; with `scope`, only to a user an admin of these units may manage (else 404). */
  async grant(userId: string, role: Role, unitId: string, scope?: ReadonlySet<string>, position: string | null = null) {
    await this.get(userId);
    await this.unitService.get(unitId);
    try {
      return await this.db.transaction(async (tx) => {
        // Every grant holds its user's row: an admin's check of the user's grants cannot race it.
        await lockUser(tx, userId, scope);
        const [row] = await tx.insert(grants).values({ id: randomUUID(), userId, role, unitId, position, createdAt: this.clock.now() }).returning();
        return row!;
      });
    } catch (error) {
      if (isUniqueViolation(error, "grants_user_role_unit")) {
        throw new DomainError("GRANT_EXISTS", "Người dùng đã có vai trò này tại đơn vị", { messageEn: "the user already holds this role in this unit" });
      }
      throw error;
    }
  }

  /** Revokes a grant; with `scope`, only one held in these units by a user an admin of them may manage (else 404). */
  async revokeGrant(id: string, scope?: ReadonlySet<string>): Promise<void> {
    const missing = () => notFound("GRANT_NOT_FOUND", "no such grant");
    const [found] = isUuid(id) ? await this.db.select().from(grants).where(eq(grants.id, id)) : [];
    if (!found || (scope && !scope.has(found.unitId))) throw missing();
    await this.db.transaction(async (tx) => {
      await lockUser(tx, found.userId, scope).catch(() => {
        throw missing();
      });
      const deleted = await tx.delete(grants).where(eq(grants.id, id)).returning();
      if (deleted.length === 0) throw missing();
    });
  }
}

/**
 * The user `id` (404 if unknown), his row locked when `forUpdate`; with `scope`, 404 too when he holds a
 * grant outside these units.
 */
async function lockUser(tx: Db | Tx, id: string, scope: ReadonlySet<string> | undefined, forUpdate = true): Promise<UserRow> {
  const query = tx.select().from(users).where(eq(users.id, id));
  const [user] = isUuid(id) ? await (forUpdate ? query.for("update") : query) : [];
  if (!user) throw notFound("USER_NOT_FOUND", "no such user");
  if (scope) {
    const held = await tx.select({ unitId: grants.unitId }).from(grants).where(eq(grants.userId, id));
    if (!held.every((g) => scope.has(g.unitId))) throw notFound("USER_NOT_FOUND", "no such user");
  }
  return user;
}

function usernameTaken() {
  return new DomainError("USERNAME_TAKEN", "Tên đăng nhập đã được sử dụng", {
    messageEn: "the username is taken",
    fields: [{ path: "/username", message: "Tên đăng nhập đã được sử dụng" }],
  });
}
