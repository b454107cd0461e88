import { check, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { instances } from "./instances";
import { users } from "./people";

/** How satisfied the applicant was with the handling of his finished dossier (the portal's three levels). */
export const SATISFACTION_LEVELS = ["very_satisfied", "satisfied", "unsatisfied"] as const;
export type SatisfactionLevel = (typeof SATISFACTION_LEVELS)[number];

/** One rating per dossier, by its starter, once it is finished (Quyết định 766/QĐ-TTg: mức độ hài lòng). */
export const dossierRatings = pgTable(
  "dossier_ratings",
  {
    instanceId: uuid("instance_id")
      .primaryKey()
      .references(() => instances.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    level: text("level", { enum: SATISFACTION_LEVELS }).notNull(),
    comment: text("comment"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("dossier_ratings_created").on(t.createdAt), check("dossier_ratings_comment_length", sql`char_length(${t.comment}) <= 1000`)],
);
