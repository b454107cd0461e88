import { sql } from "drizzle-orm";
import { boolean, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { ROLES } from "../../../workflows";
import { instances } from "./instances";
import { units, users } from "./people";

/**
 * A piece of work in an official's inbox: one per entered state with an `assignee`, closed when the
 * state is left. Unit tasks are seen by holders of `role` in `unit_id` (and above it when
 * `visible_to_ancestors`); applicant tasks belong to one person (`assignee_user_id`).
 */
export const tasks = pgTable(
  "tasks",
  {
    id: uuid("id").primaryKey(),
    instanceId: uuid("instance_id")
      .notNull()
      .references(() => instances.id),
    /** Denormalised from the dossier so the inbox filters without a join. */
    workflowKey: text("workflow_key").notNull(),
    state: text("state").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    unitId: uuid("unit_id").references(() => units.id),
    visibleToAncestors: boolean("visible_to_ancestors").notNull().default(false),
    /** Personal tasks (the applicant's own dossier): only this user sees them. */
    assigneeUserId: uuid("assignee_user_id").references(() => users.id),
    /**
     * The dossier's starter, on a task that decides on his own dossier (separation of duties): the task is
     * not in his inbox and he may neither claim it nor be handed it. Null on his own work and on children.
     */
    excludedUserId: uuid("excluded_user_id").references(() => users.id),
    claimedBy: uuid("claimed_by").references(() => users.id),
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    /** Filled by the deadlines hook; null when the state has no legal clock. */
    dueAt: timestamp("due_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    closedBy: uuid("closed_by"),
  },
  (t) => [
    // The inbox: open tasks of a unit and role, oldest first.
    index("tasks_open_by_unit").on(t.unitId, t.role, t.createdAt).where(sql`${t.closedAt} is null`),
    index("tasks_open_by_assignee").on(t.assigneeUserId, t.createdAt).where(sql`${t.closedAt} is null`),
    // Who may see a dossier: the units of its current and past tasks.
    index("tasks_instance").on(t.instanceId, t.unitId),
    // The "done by me" view and its count: the tasks one user closed, latest first.
    index("tasks_closed_by").on(t.closedBy, t.closedAt).where(sql`${t.closedBy} is not null`),
  ],
);
