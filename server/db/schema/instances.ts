import { type AnyPgColumn, bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { units, users } from "./people";

/** A dossier (hồ sơ): one running instance of a workflow definition version. */
export const instances = pgTable(
  "instances",
  {
    id: uuid("id").primaryKey(),
    code: text("code").notNull(),
    workflowKey: text("workflow_key").notNull(),
    workflowVersion: integer("workflow_version").notNull(),
    /** Active leaf state names, for filtering and display. */
    state: text("state").array().notNull(),
    status: text("status", { enum: ["active", "done"] }).notNull(),
    /** The XState snapshot as stored by the engine: `{ value, context, status }`. */
    snapshot: jsonb("snapshot").notNull(),
    /** Optimistic-concurrency counter: +1 on every event. */
    version: integer("version").notNull(),
    title: text("title").notNull(),
    /** The start form and the version its data was filled with (null: the workflow has no start form). */
    formKey: text("form_key"),
    formVersion: integer("form_version"),
    starterId: uuid("starter_id")
      .notNull()
      .references(() => users.id),
    /** The unit the starter acted for (`$starter.unit` in assignee rules). */
    starterUnitId: uuid("starter_unit_id").references(() => units.id),
    /** The unit the dossier belongs to: its authority, else the starter's unit (scoping, and the shard key later). */
    unitId: uuid("unit_id").references(() => units.id),
    /** The dossier that spawned this one (a plan for its units' reports); never changes. */
    parentId: uuid("parent_id").references((): AnyPgColumn => instances.id),
    /** This child's key among its parent's children (`report:<unit>`): spawning twice creates nothing twice. */
    childKey: text("child_key"),
    /**
     * The server's facts about the dossier (`$server`, e.g. a fund request's screening) as of its last
     * step, stored with it so that readers are offered events without recomputing them; null for a
     * workflow without facts (and for dossiers stepped before facts were stored).
     */
    facts: jsonb("facts"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("instances_code").on(t.code),
    uniqueIndex("instances_parent_child").on(t.parentId, t.childKey),
    index("instances_starter").on(t.starterId, t.createdAt),
    index("instances_workflow").on(t.workflowKey, t.createdAt),
    index("instances_unit").on(t.unitId, t.createdAt),
  ],
);

/** The append-only history of a dossier: one row per accepted event, never updated or deleted. */
export const instanceEvents = pgTable(
  "instance_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    instanceId: uuid("instance_id")
      .notNull()
      .references(() => instances.id),
    seq: integer("seq").notNull(),
    type: text("type").notNull(),
    actorId: uuid("actor_id"),
    actorRoles: text("actor_roles").array().notNull(),
    data: jsonb("data"),
    /** The form (key and version) the event's data was filled with, when it had one. */
    formKey: text("form_key"),
    formVersion: integer("form_version"),
    fromState: text("from_state").array().notNull(),
    toState: text("to_state").array().notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("instance_events_seq").on(t.instanceId, t.seq)],
);
