import { sql } from "drizzle-orm";
import { bigint, bigserial, check, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { attachments } from "./attachments";
import { instances } from "./instances";
import { units, users } from "./people";

/** A fund (quỹ) kept by one organisation unit, e.g. Quỹ Trợ giúp nhân đạo tỉnh Kon Tum. */
export const funds = pgTable(
  "funds",
  {
    id: uuid("id").primaryKey(),
    /** The fund's unit: its officials keep the ledger; disbursement requests name it as `fundUnit`. */
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    name: text("name").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("funds_unit").on(t.unitId)],
);

/**
 * The balance of a fund per earmark (`""`: the general, unearmarked money). Every ledger write locks its
 * row (`SELECT … FOR UPDATE`) in the write's transaction, so racing payouts are serialised and the check
 * below is a second guard: a balance never goes negative.
 */
export const fundBalances = pgTable(
  "fund_balances",
  {
    fundId: uuid("fund_id")
      .notNull()
      .references(() => funds.id),
    earmark: text("earmark").notNull(),
    balance: bigint("balance", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.fundId, t.earmark] }),
    check("fund_balances_not_negative", sql`${t.balance} >= 0`),
    // MAX_FUND_BALANCE (ledger-limits.ts): every sum the server adds up in JavaScript stays exact.
    check("fund_balances_bounded", sql`${t.balance} <= 1000000000000000`),
  ],
);

export const ENTRY_KINDS = ["receipt", "payout", "reversal"] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/**
 * The fund's ledger: receipts and payouts, never updated or deleted. A correction is a `reversal` entry
 * (the opposite amount, naming the entry it reverses), optionally followed by a corrected entry.
 */
export const fundEntries = pgTable(
  "fund_entries",
  {
    id: uuid("id").primaryKey(),
    /** Order of recording within the database. */
    seq: bigserial("seq", { mode: "number" }).notNull(),
    fundId: uuid("fund_id")
      .notNull()
      .references(() => funds.id),
    kind: text("kind", { enum: ENTRY_KINDS }).notNull(),
    /** Signed change of the balance in đồng: receipts +, payouts −, a reversal the opposite of what it reverses. */
    delta: bigint("delta", { mode: "number" }).notNull(),
    earmark: text("earmark").notNull(),
    /** The day the money moved (receipt or payment date), as the public ledger groups it. */
    entryDate: date("entry_date", { mode: "string" }).notNull(),
    receiptNumber: text("receipt_number"),
    donorName: text("donor_name"),
    /** Whether the donor agreed to be named publicly. */
    donorPublic: text("donor_public", { enum: ["named", "anonymous"] }),
    method: text("method"),
    attachmentId: uuid("attachment_id").references(() => attachments.id),
    instanceId: uuid("instance_id").references(() => instances.id),
    lineId: text("line_id"),
    /** What the public sees of the beneficiary ("Nguyễn V. A. — xã Đăk Kan"); never the CCCD. */
    publicBeneficiary: text("public_beneficiary"),
    reversesId: uuid("reverses_id"),
    /** For the corrected entry written after a reversal: the entry it takes the place of (it may keep its receipt number). */
    correctsId: uuid("corrects_id"),
    note: text("note"),
    /** Why the entry is dated before the day it was recorded; staff only, never public. */
    backdateReason: text("backdate_reason"),
    recordedBy: uuid("recorded_by").references(() => users.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("fund_entries_fund_date").on(t.fundId, t.entryDate),
    // An entry is reversed at most once.
    uniqueIndex("fund_entries_reverses").on(t.reversesId),
    index("fund_entries_instance").on(t.instanceId, t.lineId),
    // One receipt per receipt number in a fund: a double-click or a retry cannot record it twice.
    uniqueIndex("fund_entries_receipt_number").on(t.fundId, t.receiptNumber).where(sql`${t.kind} = 'receipt' and ${t.correctsId} is null`),
    // MAX_VND_AMOUNT (forms/money.ts) per entry.
    check("fund_entries_amount_bounded", sql`abs(${t.delta}) <= 100000000000`),
  ],
);

/**
 * The beneficiary registry ("địa chỉ nhân đạo") of a fund: who was helped or proposed, with what the
 * matching needs (CCCD, or normalised name + birth year + unit).
 */
export const beneficiaries = pgTable(
  "beneficiaries",
  {
    id: uuid("id").primaryKey(),
    fundId: uuid("fund_id")
      .notNull()
      .references(() => funds.id),
    fullName: text("full_name").notNull(),
    nameKey: text("name_key").notNull(),
    birthYear: integer("birth_year").notNull(),
    cccd: text("cccd"),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    category: text("category").notNull(),
    circumstances: text("circumstances"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("beneficiaries_cccd").on(t.fundId, t.cccd).where(sql`${t.cccd} is not null`),
    index("beneficiaries_name").on(t.fundId, t.nameKey, t.birthYear),
  ],
);

/** One person on another programme's list (e.g. a poverty-reduction list), imported from CSV. */
export const programmeListEntries = pgTable(
  "programme_list_entries",
  {
    id: uuid("id").primaryKey(),
    fundId: uuid("fund_id")
      .notNull()
      .references(() => funds.id),
    importId: uuid("import_id").notNull(),
    cccd: text("cccd").notNull(),
    programme: text("programme").notNull(),
    /** The period as written in the file (`2026`, `2026-03`) and the days it covers. */
    period: text("period").notNull(),
    periodStart: date("period_start", { mode: "string" }).notNull(),
    periodEnd: date("period_end", { mode: "string" }).notNull(),
    importedBy: uuid("imported_by").references(() => users.id),
    importedAt: timestamp("imported_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("programme_list_entries_cccd").on(t.fundId, t.cccd)],
);

export const FUND_LINE_STATUSES = ["requested", "approved", "paid", "cancelled"] as const;
export type FundLineStatus = (typeof FUND_LINE_STATUSES)[number];

/**
 * The beneficiary lines of every disbursement dossier, kept in step with the dossier data by a step hook,
 * so that verification can match a new request against approved and paid lines of other dossiers.
 */
export const fundLines = pgTable(
  "fund_lines",
  {
    instanceId: uuid("instance_id")
      .notNull()
      .references(() => instances.id),
    lineId: text("line_id").notNull(),
    fundId: uuid("fund_id").references(() => funds.id),
    fullName: text("full_name").notNull(),
    nameKey: text("name_key").notNull(),
    birthYear: integer("birth_year").notNull(),
    cccd: text("cccd"),
    unitId: uuid("unit_id"),
    amount: bigint("amount", { mode: "number" }).notNull(),
    approvedAmount: bigint("approved_amount", { mode: "number" }),
    status: text("status", { enum: FUND_LINE_STATUSES }).notNull(),
    paidOn: date("paid_on", { mode: "string" }),
    /** The day the payment was recorded: the double-benefit window counts from it too, so a backdated payment still matches. */
    paidRecordedOn: date("paid_recorded_on", { mode: "string" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.instanceId, t.lineId] }),
    index("fund_lines_cccd").on(t.cccd),
    index("fund_lines_name").on(t.nameKey, t.birthYear),
  ],
);
