import { sql } from "drizzle-orm";
import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { instances } from "./instances";
import { users } from "./people";

/** One year of the working-day calendar, as edited by admins (seeded from `workflows/calendar/data`). */
export const calendarYears = pgTable("calendar_years", {
  year: integer("year").primaryKey(),
  /** A `CalendarYear` (workflows/calendar/calendar-schema.ts), validated before it is written. */
  data: jsonb("data").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  /** Null for the shipped seed. */
  updatedBy: uuid("updated_by").references(() => users.id),
});

export const CLOCK_STATES = ["running", "paused", "stopped"] as const;

/**
 * A legal clock of a dossier: one per deadline rule (keyed by the state that starts it), started when a
 * state with that deadline is entered, paused in its `pauseIn` states, stopped when no state uses it.
 */
export const dossierClocks = pgTable(
  "dossier_clocks",
  {
    id: uuid("id").primaryKey(),
    instanceId: uuid("instance_id")
      .notNull()
      .references(() => instances.id),
    /** The deadline's `from` state (default: the state that declares it). */
    clockKey: text("clock_key").notNull(),
    /** `{ workingDays | calendarDays, pauseIn }` as declared in the definition. */
    rule: jsonb("rule").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    /** `[{ from, to }]` ISO instants; `to` is null while paused. */
    pauses: jsonb("pauses").notNull(),
    state: text("state", { enum: CLOCK_STATES }).notNull(),
    stoppedAt: timestamp("stopped_at", { withTimezone: true }),
  },
  (t) => [
    // At most one live clock per rule and dossier: RETURN → review keeps the same clock.
    uniqueIndex("dossier_clocks_live").on(t.instanceId, t.clockKey).where(sql`${t.state} <> 'stopped'`),
    index("dossier_clocks_instance").on(t.instanceId),
  ],
);

export const TIMER_KINDS = ["event", "reminder", "escalation"] as const;
export type TimerKind = (typeof TIMER_KINDS)[number];

/**
 * A durable timer (design §5): a delayed event of the definition, or a reminder / escalation of a legal
 * clock. Fired once by whichever scheduler claims it first (`FOR UPDATE SKIP LOCKED`).
 */
export const timers = pgTable(
  "timers",
  {
    id: uuid("id").primaryKey(),
    instanceId: uuid("instance_id")
      .notNull()
      .references(() => instances.id),
    kind: text("kind", { enum: TIMER_KINDS }).notNull(),
    /** The event an `event` timer sends. */
    eventType: text("event_type"),
    /** Leaving this state cancels the timer; for reminders and escalations, the clock key. */
    stateName: text("state_name").notNull(),
    fireAt: timestamp("fire_at", { withTimezone: true }).notNull(),
    firedAt: timestamp("fired_at", { withTimezone: true }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    /** Failed attempts (a database error, not a refusal); the timer is retried later. */
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    payload: jsonb("payload").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("timers_due").on(t.fireAt).where(sql`${t.firedAt} is null and ${t.cancelledAt} is null`),
    index("timers_instance").on(t.instanceId, t.stateName),
  ],
);

/**
 * Effects decided inside a step's transaction and carried out after commit (notifications, mail):
 * a row per effect, processed once by a dispatcher that claims it with `FOR UPDATE SKIP LOCKED`.
 */
export const outbox = pgTable(
  "outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    kind: text("kind").notNull(),
    instanceId: uuid("instance_id"),
    payload: jsonb("payload").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
  },
  (t) => [index("outbox_pending").on(t.id).where(sql`${t.processedAt} is null`)],
);

/** A message in a user's in-app list, made from an outbox row. */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The outbox row it came from: (outbox_id, user_id) is unique, so reprocessing adds nothing. */
    outboxId: bigint("outbox_id", { mode: "number" })
      .notNull()
      .references(() => outbox.id),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    instanceId: uuid("instance_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("notifications_outbox_user").on(t.outboxId, t.userId),
    index("notifications_user").on(t.userId, t.createdAt),
  ],
);
