import { randomUUID } from "node:crypto";
import { and, asc, eq, ilike, inArray, notExists, notInArray, or, sql } from "drizzle-orm";
import type { Role } from "../../workflows";
import { hashPassword, verifyPassword } from "../auth/passwords";
import type { SessionStore } from "../auth/sessions";
import type { Clock } from "../clock";
import type { Db } from "../db/client";
import { grants, units, users } from "../db/schema";
import { DomainError, notFound } from "../errors";
import { isUniqueViolation, isUuid } from "./dossiers";
import type { UnitService } from "./units";

export type UserRow = typeof users.$inferSelect;
export type NewUser = { id?: string; username: string; displayName: string; password: string; grants?: { role: Role; unitId: string }[] };

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
        for (const g of input.grants ?? []) await tx.insert(grants).values({ id: randomUUID(), userId: user!.id, role: g.role, unitId: g.unitId, createdAt: now });
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

  /** Changes name, password or the disabled flag; a new password or disabling signs the user out everywhere. */
  async update(id: string, change: { displayName?: string | undefined; password?: string | undefined; disabled?: boolean | undefined }): Promise<UserRow> {
    await this.get(id);
    const set: Partial<UserRow> = {};
    if (change.displayName !== undefined) set.displayName = change.displayName;
    if (change.disabled !== undefined) set.disabled = change.disabled;
    if (change.password !== undefined) set.passwordHash = await hashPassword(change.password);
    const [row] = Object.keys(set).length ? await this.db.update(users).set(set).where(eq(users.id, id)).returning() : [await this.get(id)];
    if (change.password !== undefined || change.disabled === true) await this.sessions.revokeUser(id);
    return row!;
  }

  /**
   * The user, when an admin of the units `scope` may manage him: he holds no grant outside them (or none at
   * all). Anyone else is 404, as if he did not exist: who works outside one's units is not one's business.
   */
  async manageable(id: string, scope: ReadonlySet<string>): Promise<UserRow> {
    const user = await this.get(id);
    const held = await this.db.select({ unitId: grants.unitId }).from(grants).where(eq(grants.userId, id));
    if (!held.every((g) => scope.has(g.unitId))) throw notFound("USER_NOT_FOUND", "no such user");
    return user;
  }

  /** The grant `id` as an admin of `scope` sees it: its unit and its holder within his reach, else 404. */
  async manageableGrant(id: string, scope: ReadonlySet<string>) {
    const [row] = isUuid(id) ? await this.db.select().from(grants).where(eq(grants.id, id)) : [];
    if (!row || !scope.has(row.unitId)) throw notFound("GRANT_NOT_FOUND", "no such grant");
    await this.manageable(row.userId, scope).catch(() => {
      throw notFound("GRANT_NOT_FOUND", "no such grant");
    });
    return row;
  }

  /** Grants, filtered; with `scope`, only those held in these units. */
  listGrants(filter: { userId?: string | undefined; unitId?: string | undefined }, scope?: ReadonlySet<string>) {
    return this.db
      .select({ id: grants.id, userId: grants.userId, username: users.username, role: grants.role, unitId: grants.unitId, unitName: units.name })
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

  async grant(userId: string, role: Role, unitId: string) {
    await this.get(userId);
    await this.unitService.get(unitId);
    try {
      const [row] = await this.db.insert(grants).values({ id: randomUUID(), userId, role, unitId, createdAt: this.clock.now() }).returning();
      return row!;
    } catch (error) {
      if (isUniqueViolation(error, "grants_user_role_unit")) {
        throw new DomainError("GRANT_EXISTS", "Người dùng đã có vai trò này tại đơn vị", { messageEn: "the user already holds this role in this unit" });
      }
      throw error;
    }
  }

  async revokeGrant(id: string): Promise<void> {
    const deleted = isUuid(id) ? await this.db.delete(grants).where(eq(grants.id, id)).returning() : [];
    if (deleted.length === 0) throw notFound("GRANT_NOT_FOUND", "no such grant");
  }
}

function usernameTaken() {
  return new DomainError("USERNAME_TAKEN", "Tên đăng nhập đã được sử dụng", {
    messageEn: "the username is taken",
    fields: [{ path: "/username", message: "Tên đăng nhập đã được sử dụng" }],
  });
}
