import { randomUUID } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { documentNumber, fillLines, fillTemplate, ONE_STOP_TYPES, type IssueDocument, type Role } from "../../workflows";
import { toVietnamDate } from "../../workflows/calendar";
import type { Db, Tx } from "../db/client";
import { documents, documentSequences, grants, units, type DocumentBody } from "../db/schema";
import { DomainError } from "../errors";
import { isUuid } from "../ids";
import { holdsRole, type SessionUser } from "../identity";
import { issuerHeading, peopleCommitteeName, isPeopleCommittee } from "./issuer-heading";
import { roleTitle } from "./role-titles";
import { signatureBlock } from "./signature-block";
import type { StepContext } from "./step-context";
import type { ApplierOf } from "./step-pipeline";

export type DocumentRow = typeof documents.$inferSelect;

/** What a document issued outside a transition's `issueDocument` adds: values for its templates, its signer. */
export type IssueExtra = { scope?: Record<string, unknown>; signer?: { name: string; title: string | null } };

/** The short form of a document, as listed on its dossier. */
export type DocumentRef = { id: string; number: string; type: string; title: string; issuedAt: string; issuedOn: string; signer: { name: string; title: string | null } };

/**
 * Numbered documents: a transition with `issueDocument` issues one inside its step's transaction. The
 * number comes from the sequence of the issuing unit, type and year, incremented by one statement that
 * row-locks the sequence until the step commits: two leaders approving at once get consecutive numbers,
 * and a step that rolls back gives its number back (no gaps).
 */
export class DocumentService {
  constructor(private readonly db: Db) {}

  /** Issues the step's document (the `issueDocument` effect). */
  readonly issueDocument: ApplierOf<"issueDocument"> = async (effect, context) => {
    await this.issue(await context.tx(), context, effect.spec, effect.unitId);
  };

  /**
   * Issues a numbered document in the step's transaction. `extra` adds values its templates may read
   * (a receipt's `oneStop.due`) and names the signer when the actor is not one (a receipt of a dossier
   * handed in online is issued by the receiving unit, not signed by the applicant).
   */
  async issue(tx: Tx, context: StepContext, spec: IssueDocument, unitId: string | null, extra: IssueExtra = {}): Promise<DocumentRow> {
    const { instance, step, event, actor, at, seq } = context;
    const data = step.snapshot.context.data;
    const [unit] = unitId ? await tx.select().from(units).where(eq(units.id, unitId)) : [];
    if (!unit) {
      throw new DomainError("VALIDATION_FAILED", "Chưa xác định được cơ quan ban hành văn bản", {
        messageEn: "no issuing unit found for the document",
        fields: [{ path: "/", message: "Hồ sơ chưa có cơ quan ban hành hợp lệ", messageEn: "the dossier names no valid issuing unit" }],
      });
    }
    const ancestors = await ancestorsOf(tx, unit.parentId);
    const heading = issuerHeading(unit, ancestors[0] ?? null);
    // A slip signed in the desk's name (`extra.signer`) prints that title, not the acting account's.
    const signing = actor && !extra.signer ? await signingTitle(tx, actor, unit.id) : null;
    const issuedOn = toVietnamDate(at.toISOString());
    // A state body numbers per calendar year (Nghị định 30/2020); a Party body per term: its sequence is
    // keyed by the year its current term began (Hướng dẫn 36-HD/VPTW).
    const year = spec.partyDocument || unit.kind === "party" ? partyTermYear(unit, spec) : Number(issuedOn.slice(0, 4));
    const [next] = await tx
      .insert(documentSequences)
      .values({ unitId: unit.id, type: spec.type, year, lastNumber: 1 })
      .onConflictDoUpdate({
        target: [documentSequences.unitId, documentSequences.type, documentSequences.year],
        set: { lastNumber: sql`${documentSequences.lastNumber} + 1` },
      })
      .returning({ lastNumber: documentSequences.lastNumber });
    const number = documentNumber(next!.lastNumber, spec.type, unitCode(unit), spec.numberFormat);
    const form = event.data ?? {};
    const scope = { ...extra.scope, data, event: form, dossier: { code: instance.code, title: instance.title }, issuer: { name: unit.name } };
    const fill = (lines: string[] | undefined) => fillLines(lines ?? [], scope);
    const subject = fillTemplate(spec.title.vi, scope);
    const body: DocumentBody = {
      subject,
      basis: fill(spec.basis),
      content: fill(spec.content),
      recipients: fill(spec.recipients),
      form,
      formKey: step.transition?.form ?? null,
      dossierCode: instance.code,
      dossierTitle: instance.title,
      issuerName: heading.issuer,
      parentIssuerName: heading.parent,
      place: placeName(ancestors.at(-1)?.name ?? unit.name),
      signature: extra.signer ? [extra.signer.title ?? "Người tiếp nhận hồ sơ"] : signatureBlock(unit, signing?.position ?? null, signing?.title ?? null),
      authority: authorityLine(unit, signing),
    };
    const [row] = await tx
      .insert(documents)
      .values({
        id: randomUUID(),
        instanceId: instance.id,
        eventSeq: seq,
        unitId: unit.id,
        type: spec.type,
        year,
        seq: next!.lastNumber,
        number,
        title: subject,
        issuedOn,
        issuedAt: at,
        // The signer is the account that acted, never a name typed into the form.
        signerId: extra.signer ? null : (actor?.id ?? null),
        signerName: extra.signer?.name ?? actor?.displayName ?? unit.name,
        signerTitle: extra.signer ? extra.signer.title : (signing?.position ?? signing?.title ?? null),
        body,
      })
      .returning();
    return row!;
  }

  async find(id: string): Promise<DocumentRow | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.db.select().from(documents).where(eq(documents.id, id));
    return row ?? null;
  }

  async ofInstance(instanceId: string): Promise<DocumentRow[]> {
    return this.db.select().from(documents).where(eq(documents.instanceId, instanceId)).orderBy(asc(documents.issuedAt), asc(documents.eventSeq));
  }

  /**
   * The documents a dossier has issued, as listed on it (without their bodies): its decisions and notices
   * under `documents`, the one-stop slips (receipt, supplement request, apology) under `oneStopPapers`.
   */
  async refs(instanceId: string, via: Db | Tx): Promise<{ documents: DocumentRef[]; oneStopPapers: DocumentRef[] }> {
    const rows = await via
      .select({
        id: documents.id,
        number: documents.number,
        type: documents.type,
        title: documents.title,
        issuedAt: documents.issuedAt,
        issuedOn: documents.issuedOn,
        signerName: documents.signerName,
        signerTitle: documents.signerTitle,
      })
      .from(documents)
      .where(eq(documents.instanceId, instanceId))
      .orderBy(asc(documents.issuedAt), asc(documents.eventSeq));
    const refs = rows.map(documentRef);
    return { documents: refs.filter((d) => !ONE_STOP_TYPES.has(d.type)), oneStopPapers: refs.filter((d) => ONE_STOP_TYPES.has(d.type)) };
  }
}

type RefColumns = Pick<DocumentRow, "id" | "number" | "type" | "title" | "issuedAt" | "issuedOn" | "signerName" | "signerTitle">;

export function documentRef(row: RefColumns): DocumentRef {
  return {
    id: row.id,
    number: row.number,
    type: row.type,
    title: row.title,
    issuedAt: row.issuedAt.toISOString(),
    issuedOn: row.issuedOn,
    signer: { name: row.signerName, title: row.signerTitle },
  };
}

/** The full view of a document (`GET /api/documents/:id`). */
export function documentView(row: DocumentRow) {
  return { ...documentRef(row), instanceId: row.instanceId, unitId: row.unitId, year: row.year, seq: row.seq, body: row.body, printUrl: `/api/documents/${row.id}/print` };
}

/** The unit's sign in numbers (`SNV`); a unit without one signs with the initials of its name. */
export function unitCode(unit: { code: string | null; name: string }): string {
  if (unit.code?.trim()) return unit.code.trim();
  return unit.name
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase())
    .join("");
}

/** A unit's ancestors (name and kind), nearest first. */
async function ancestorsOf(tx: Tx, parentId: string | null): Promise<{ name: string; kind: string }[]> {
  const found: { name: string; kind: string }[] = [];
  for (let id = parentId, depth = 0; id && depth < 16; depth++) {
    const [row] = await tx.select({ name: units.name, kind: units.kind, parentId: units.parentId }).from(units).where(eq(units.id, id));
    if (!row) break;
    found.push({ name: row.name, kind: row.kind });
    id = row.parentId;
  }
  return found;
}

/** The place on the place-date line: the province's name without its kind ("Tỉnh Kon Tum" → "Kon Tum"). */
export function placeName(rootName: string): string {
  return rootName.replace(/^(Ủy ban nhân dân|UBND)\s+/i, "").replace(/^(Tỉnh|Thành phố|TP\.?)\s+/i, "").trim() || rootName;
}

/**
 * The signer's role in the issuing unit (or above it) and, when his grant there names one, his position
 * ("Giám đốc", "Phó Chủ tịch"), which the signature block prints.
 */
async function signingTitle(tx: Tx, user: SessionUser, unitId: string): Promise<{ title: string; position: string | null } | null> {
  const role = SIGNING_ROLES.find((r) => holdsRole(user, r, unitId, true));
  if (!role) return null;
  const [grant] = await tx
    .select({ position: grants.position })
    .from(grants)
    .where(and(eq(grants.userId, user.id), eq(grants.role, role), eq(grants.unitId, unitId)))
    .limit(1);
  return { title: roleTitle(role), position: grant?.position ?? null };
}

/**
 * The line above "Căn cứ" in a decision: the head's title and the full name of the issuer
 * ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI"); a deputy decides in the head's name.
 */
function authorityLine(unit: { kind: string; name: string }, signing: { title: string; position: string | null } | null): string | null {
  if (!signing) return null;
  const head = signing.position ? signing.position.replace(/^Phó\s+/i, "") : signing.title;
  const name = isPeopleCommittee(unit) ? peopleCommitteeName(unit.name) : unit.name;
  return `${head.charAt(0).toLocaleUpperCase("vi")}${head.slice(1)} ${name}`;
}

/**
 * The year a Party body's current term began, which keys its Party documents' sequence; a Party document
 * from a unit that is not a Party body, a state document from a Party body, or a Party body with no term
 * is refused: nothing of the step is applied.
 */
function partyTermYear(unit: { kind: string; name: string; termFrom: string | null }, spec: IssueDocument): number {
  const refuse = (message: string, messageEn: string) => new DomainError("VALIDATION_FAILED", message, { messageEn, fields: [{ path: "/", message, messageEn }] });
  if (unit.kind !== "party") throw refuse(`Văn bản của Đảng chỉ do tổ chức Đảng ban hành; "${unit.name}" không phải tổ chức Đảng`, "a Party document is issued only by a Party body");
  if (!spec.partyDocument) throw refuse(`"${unit.name}" là tổ chức Đảng: văn bản ban hành theo thể thức văn bản của Đảng`, "a Party body issues Party documents only");
  if (!unit.termFrom) throw refuse(`"${unit.name}" chưa khai báo ngày bắt đầu nhiệm kỳ: văn bản của Đảng được đánh số theo nhiệm kỳ`, "the Party body has no term: its documents are numbered per term");
  return Number(unit.termFrom.slice(0, 4));
}

/** The roles that sign for a unit, the highest first. */
const SIGNING_ROLES: Role[] = ["leader", "specialist", "accountant", "admin"];
