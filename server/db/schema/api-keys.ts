import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { units, users } from "./people";

export const API_KEY_SCOPES = ["read", "write"] as const;

/**
 * A key another system signs its requests with (`Authorization: Bearer hoso_…`). It acts as `userId`
 * with only that user's grants in `unitId`, reads only (`read`) or also writes, on the route groups in
 * `routes`. Only the token's SHA-256 is kept; the token itself is shown once, at creation.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey(),
    name: text("name").notNull(),
    /** The token's first characters, to recognise it in a list. */
    prefix: text("prefix").notNull(),
    tokenHash: text("token_hash").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    scope: text("scope", { enum: API_KEY_SCOPES }).notNull(),
    routes: text("routes").array().notNull(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("api_keys_token").on(t.tokenHash), index("api_keys_unit").on(t.unitId)],
);
