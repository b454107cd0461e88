import { integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/** Every version of every form definition; data filled into a form records the version it was filled with. */
export const formDefinitions = pgTable(
  "form_definitions",
  {
    id: serial("id").primaryKey(),
    key: text("key").notNull(),
    version: integer("version").notNull(),
    definition: jsonb("definition").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    createdBy: uuid("created_by"),
  },
  (t) => [uniqueIndex("form_definitions_key_version").on(t.key, t.version)],
);
