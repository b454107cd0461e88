import { createHash, randomUUID } from "node:crypto";
import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Clock } from "../clock";
import type { Db, Tx } from "../db/client";
import { attachments } from "../db/schema";
import { DomainError, type FieldError } from "../errors";
import type { SessionUser } from "../identity";
import type { BlobStorage } from "../storage/blob-storage";
import { isUuid } from "./dossiers";
import { cleanFileName } from "./file-names";
import { mediaTypeOf } from "./media-types";

export type AttachmentRow = typeof attachments.$inferSelect;

/** An uploaded file as the multipart parser hands it over. */
export type Upload = { bytes: Uint8Array; name: string; declaredType: string };

/**
 * Dossier files: stored once per content (SHA-256) in blob storage, described by a row that form data
 * refers to by id. A file is the uploader's until a dossier's data refers to it; then it belongs to that
 * dossier, for good, and is visible to whoever may see the dossier.
 */
export class AttachmentService {
  constructor(
    private readonly db: Db,
    private readonly storage: BlobStorage,
    private readonly clock: Clock,
    readonly maxBytes: number,
  ) {}

  /** Checks size and type, stores the bytes and records the file. */
  async upload(user: SessionUser, file: Upload): Promise<AttachmentRow> {
    if (file.bytes.byteLength > this.maxBytes) throw tooLarge(this.maxBytes);
    if (file.bytes.byteLength === 0) {
      throw new DomainError("VALIDATION_FAILED", "Tệp rỗng", { messageEn: "the file is empty", fields: [{ path: "/file", message: "Tệp rỗng", messageEn: "the file is empty" }] });
    }
    const mediaType = await mediaTypeOf(file.bytes, file);
    const sha256 = createHash("sha256").update(file.bytes).digest("hex");
    await this.storage.put(sha256, file.bytes);
    const [row] = await this.db
      .insert(attachments)
      .values({
        id: randomUUID(),
        sha256,
        size: file.bytes.byteLength,
        mediaType,
        originalName: cleanFileName(file.name, mediaType),
        storageKey: sha256,
        uploadedBy: user.id,
        instanceId: null,
        createdAt: this.clock.now(),
      })
      .returning();
    return row!;
  }

  async find(id: string): Promise<AttachmentRow | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.db.select().from(attachments).where(eq(attachments.id, id));
    return row ?? null;
  }

  /** The file's bytes as a stream (null only if the store lost them). */
  open(row: AttachmentRow): Promise<ReadableStream<Uint8Array> | null> {
    return this.storage.get(row.storageKey);
  }

  /**
   * Field errors for referenced ids that `user` may not put in this dossier's data: ids that do not
   * exist, files of someone else, files that already belong to another dossier. `instanceId` is null for
   * a dossier being started; `data` locates each id for the error's path.
   */
  async problems(
    user: SessionUser | null,
    instanceId: string | null,
    ids: string[],
    data: unknown,
    form: string,
    via: Db | Tx,
  ): Promise<FieldError[]> {
    if (ids.length === 0) return [];
    const usable = await this.usable(via, user, instanceId, ids);
    return ids
      .filter((id) => !usable.has(id))
      .flatMap((id) =>
        pointersOf(data, id).map((path) => ({
          path,
          code: "attachment",
          form,
          message: "Tệp đính kèm không tồn tại hoặc không thuộc hồ sơ này",
          messageEn: `attachment "${id}" does not exist or does not belong to this dossier`,
        })),
      );
  }

  /**
   * Makes the referenced files belong to the dossier, inside the step's transaction. The update locks
   * the rows, so two dossiers racing for one file cannot both have it: the loser gets 422.
   */
  async link(tx: Tx, user: SessionUser | null, instanceId: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const linked = await tx
      .update(attachments)
      .set({ instanceId })
      .where(and(inArray(attachments.id, ids.filter(isUuid)), this.mayUse(user, instanceId)))
      .returning({ id: attachments.id });
    if (linked.length < ids.length) {
      throw new DomainError("VALIDATION_FAILED", "Tệp đính kèm không tồn tại hoặc không thuộc hồ sơ này", {
        messageEn: "an attachment does not exist or belongs to another dossier",
      });
    }
  }

  private async usable(db: Db | Tx, user: SessionUser | null, instanceId: string | null, ids: string[]): Promise<Set<string>> {
    const candidates = ids.filter(isUuid);
    if (candidates.length === 0) return new Set();
    const rows = await db
      .select({ id: attachments.id })
      .from(attachments)
      .where(and(inArray(attachments.id, candidates), this.mayUse(user, instanceId)));
    return new Set(rows.map((r) => r.id));
  }

  /** Files of this dossier, and the user's own files not yet in any dossier. */
  private mayUse(user: SessionUser | null, instanceId: string | null) {
    const own = user ? and(isNull(attachments.instanceId), eq(attachments.uploadedBy, user.id)) : undefined;
    const ofDossier = instanceId ? eq(attachments.instanceId, instanceId) : undefined;
    return or(own, ofDossier) ?? sql`false`;
  }
}

/** 413 for a file over the limit, naming the limit ("20 MB", or "256 KB" for small ones). */
export function tooLarge(maxBytes: number): DomainError {
  const MB = 1024 * 1024;
  const limit = maxBytes >= MB ? `${Math.floor(maxBytes / MB)} MB` : `${Math.floor(maxBytes / 1024)} KB`;
  return new DomainError("PAYLOAD_TOO_LARGE", `Tệp quá lớn (tối đa ${limit})`, { messageEn: `files are limited to ${limit}`, maxBytes });
}

export { cleanFileName };

/** JSON pointers of every place in `data` holding exactly the string `value`. */
export function pointersOf(data: unknown, value: string, at = ""): string[] {
  if (data === value) return [at || "/"];
  if (Array.isArray(data)) return data.flatMap((item, i) => pointersOf(item, value, `${at}/${i}`));
  if (data && typeof data === "object") {
    return Object.entries(data).flatMap(([k, v]) => pointersOf(v, value, `${at}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`));
  }
  return [];
}
