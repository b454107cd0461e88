import { sql } from "drizzle-orm";
import { boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { ROLES } from "../../../workflows";

/** Kinds of organisation unit (design §4); the tree itself is `parent_id`. */
export const UNIT_KINDS = ["province", "district", "commune", "office", "department", "association", "fund", "party"] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** An organisation unit: province → district → commune, with offices, departments and associations under them. */
export const units = pgTable(
  "units",
  {
    id: uuid("id").primaryKey(),
    parentId: uuid("parent_id").references((): AnyPgColumn => units.id),
    kind: text("kind", { enum: UNIT_KINDS }).notNull(),
    name: text("name").notNull(),
    /** Short sign used in document numbers (`SNV` in `15/QĐ-SNV`). */
    code: text("code"),
    /** A Party body's current term began on this day: its Party documents are numbered per term (Hướng dẫn 36-HD/VPTW). */
    termFrom: date("term_from", { mode: "string" }),
    /** The dossier whose approval founded this unit (an association's founding dossier), if any. */
    establishedBy: uuid("established_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    /** No longer active (an association dissolved): kept for history, never offered for new dossiers or grants. */
    retiredAt: timestamp("retired_at", { withTimezone: true }),
    /** The dossier whose decision retired it (the dissolution), if any. */
    retiredBy: uuid("retired_by"),
    /** Its activity suspended by the authority (tạm đình chỉ hoạt động): it may start no dossier as itself until lifted. */
    suspendedAt: timestamp("suspended_at", { withTimezone: true }),
    /** The suspension dossier whose decision suspended it, if any. */
    suspendedBy: uuid("suspended_by"),
  },
  (t) => [index("units_parent").on(t.parentId)],
);

/** A person who signs in. Applicants and officials alike; what they may do comes from their grants. */
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey(),
    username: text("username").notNull(),
    displayName: text("display_name").notNull(),
    /** argon2id PHC string. */
    passwordHash: text("password_hash").notNull(),
    disabled: boolean("disabled").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("users_username").on(sql`lower(${t.username})`)],
);

/** A role a user holds in a unit. */
export const grants = pgTable(
  "grants",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ROLES }).notNull(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    /** The holder's title in the unit ("Giám đốc", "Phó Chủ tịch"), printed in the signature block of what he signs. */
    position: text("position"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("grants_user_role_unit").on(t.userId, t.role, t.unitId), index("grants_unit_role").on(t.unitId, t.role)],
);

/** Server-side sessions: the cookie carries a random token, the table keeps only its SHA-256. Deleting a row signs out. */
export const sessions = pgTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    csrfToken: text("csrf_token").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("sessions_user").on(t.userId), index("sessions_expires").on(t.expiresAt)],
);

/** Failed sign-ins per key (`user:<name>` or `ip:<address>`), shared by every server process. */
export const loginFailures = pgTable("login_failures", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
});
