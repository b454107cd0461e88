import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { instances } from "./instances";
import { units, users } from "./people";

/**
 * The last number given per issuing unit, document type and year. Incremented inside the issuing step's
 * transaction (insert … on conflict do update … returning), so numbers are unique and, since a rolled-back
 * step rolls its increment back too, gap-free.
 */
export const documentSequences = pgTable(
  "document_sequences",
  {
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    type: text("type").notNull(),
    year: integer("year").notNull(),
    lastNumber: integer("last_number").notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.type, t.year] })],
);

/** What a document says, filled from the templates and the form data when it was issued; never changes. */
export type DocumentBody = {
  /** The subject line ("Về việc …"). */
  subject: string;
  basis: string[];
  content: string[];
  recipients: string[];
  /** The data of the form the deciding event filled (decision, refusal reasons…). */
  form: Record<string, unknown>;
  formKey: string | null;
  dossierCode: string;
  dossierTitle: string;
  issuerName: string;
  /** The unit above the issuer (printed above it in the header), if any. */
  parentIssuerName: string | null;
  /** The place on the place-date line ("Kon Tum"). */
  place: string;
  /** The signature block's lines above the signer's name ("TM. Ủy ban nhân dân", "KT. Chủ tịch", "Phó Chủ tịch"); absent on documents issued before it was kept. */
  signature?: string[];
  /** A decision's line above "Căn cứ" ("Chủ tịch Ủy ban nhân dân tỉnh Quảng Ngãi"); absent on documents issued before it was kept. */
  authority?: string | null;
};

/** An issued, numbered document (văn bản): a decision, refusal, plan or report of a dossier. */
export const documents = pgTable(
  "documents",
  {
    id: uuid("id").primaryKey(),
    instanceId: uuid("instance_id")
      .notNull()
      .references(() => instances.id),
    /** The history event (its `seq`) that issued it. */
    eventSeq: integer("event_seq").notNull(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    type: text("type").notNull(),
    year: integer("year").notNull(),
    seq: integer("seq").notNull(),
    /** As printed: `15/QĐ-SNV`. */
    number: text("number").notNull(),
    title: text("title").notNull(),
    /** The date printed on it (in Vietnam), `YYYY-MM-DD`. */
    issuedOn: text("issued_on").notNull(),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull(),
    signerId: uuid("signer_id").references(() => users.id),
    signerName: text("signer_name").notNull(),
    signerTitle: text("signer_title"),
    body: jsonb("body").$type<DocumentBody>().notNull(),
  },
  (t) => [
    uniqueIndex("documents_number").on(t.unitId, t.type, t.year, t.seq),
    index("documents_instance").on(t.instanceId, t.issuedAt),
  ],
);
