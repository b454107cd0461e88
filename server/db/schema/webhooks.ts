import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { units, users } from "./people";
import { outbox } from "./time";

/**
 * Another system told of every step of the dossiers of `unitId` and the units below it: a signed POST to
 * `url` (HMAC-SHA256 with `secret`, which the receiver holds too — so it is kept, not hashed).
 */
export const webhooks = pgTable(
  "webhooks",
  {
    id: uuid("id").primaryKey(),
    name: text("name").notNull(),
    url: text("url").notNull(),
    secret: text("secret").notNull(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("webhooks_unit").on(t.unitId)],
);

/** One message for one webhook, made from one outbox row; retried with back-off until delivered or dead. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    webhookId: uuid("webhook_id")
      .notNull()
      .references(() => webhooks.id),
    outboxId: bigint("outbox_id", { mode: "number" })
      .notNull()
      .references(() => outbox.id),
    payload: jsonb("payload").notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    deadAt: timestamp("dead_at", { withTimezone: true }),
    lastStatus: integer("last_status"),
    lastError: text("last_error"),
  },
  (t) => [
    // Processing an outbox row again adds nothing.
    uniqueIndex("webhook_deliveries_once").on(t.webhookId, t.outboxId),
    index("webhook_deliveries_due").on(t.nextAttemptAt).where(sql`${t.deliveredAt} is null and ${t.deadAt} is null`),
  ],
);
