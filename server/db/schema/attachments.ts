import { bigint, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { instances } from "./instances";

/**
 * An uploaded file (a dossier component, "thành phần hồ sơ"). The bytes live in blob storage under
 * `storage_key` (content-addressed); form data refers to the row by `id`. `instance_id` is set when a
 * dossier's data first refers to it, and from then on the file belongs to that dossier.
 */
export const attachments = pgTable(
  "attachments",
  {
    id: uuid("id").primaryKey(),
    sha256: text("sha256").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    mediaType: text("media_type").notNull(),
    originalName: text("original_name").notNull(),
    storageKey: text("storage_key").notNull(),
    uploadedBy: uuid("uploaded_by").notNull(),
    instanceId: uuid("instance_id").references(() => instances.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("attachments_instance").on(t.instanceId), index("attachments_uploader").on(t.uploadedBy, t.createdAt)],
);
