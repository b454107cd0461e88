import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { requireUser } from "../auth/require-user";
import type { Context } from "hono";
import { attachmentDisposition, inlineDisposition } from "../content-disposition";
import { DomainError, notFound } from "../errors";
import type { SessionUser } from "../identity";
import type { Services } from "../services";
import { canSeeDossier } from "../services/access";
import { tooLarge, type AttachmentRow } from "../services/attachments";
import { PREVIEWABLE_MEDIA_TYPES } from "../services/media-types";

/** The description of a stored file that clients put into form data (by `id`) and show. */
export function describeAttachment(row: AttachmentRow) {
  return {
    id: row.id,
    sha256: row.sha256,
    size: row.size,
    mediaType: row.mediaType,
    originalName: row.originalName,
    instanceId: row.instanceId,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The uploader, and anyone who may see the dossier the file belongs to. */
async function maySee(services: Services, user: SessionUser, row: AttachmentRow): Promise<boolean> {
  if (row.uploadedBy === user.id) return true;
  if (!row.instanceId) return false;
  const dossier = await services.dossierReads.find(row.instanceId);
  return dossier !== null && (await canSeeDossier(services.database.db, user, dossier));
}

export const attachmentRoutes = new Hono<AppEnv>()
  .post("/", async (c) => {
    const user = requireUser(c);
    if (!/^multipart\/form-data\b/i.test(c.req.header("content-type") ?? "")) {
      throw new DomainError("UNSUPPORTED_MEDIA_TYPE", "Tệp phải được gửi dạng multipart/form-data", { messageEn: "expected multipart/form-data" });
    }
    let file: unknown;
    try {
      file = (await c.req.formData()).get("file");
    } catch {
      throw new DomainError("VALIDATION_FAILED", "Dữ liệu tải lên không đọc được", { messageEn: "malformed multipart body" });
    }
    if (!(file instanceof File)) {
      throw new DomainError("VALIDATION_FAILED", "Chưa chọn tệp", {
        messageEn: "send the file in a part named \"file\"",
        fields: [{ path: "/file", message: "Chưa chọn tệp", messageEn: "no file" }],
      });
    }
    const { attachments } = c.var.services;
    if (file.size > attachments.maxBytes) throw tooLarge(attachments.maxBytes);
    const row = await attachments.upload(user, { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name, declaredType: file.type });
    return c.json(describeAttachment(row), 201);
  })
  .get("/:id", async (c) => {
    const { row, stream } = await openVisible(c);
    return c.body(stream, 200, {
      ...commonHeaders(row),
      "content-disposition": attachmentDisposition(row.originalName),
      // Should a browser render it anyway, the file runs no script and loads nothing.
      "content-security-policy": "default-src 'none'; sandbox",
    });
  })
  // For the viewer on the dossier page: PDFs and images only (the type sniffed at upload, never the
  // name), shown in place under a CSP that lets the file run nothing; anything else is for download.
  .get("/:id/inline", async (c) => {
    const { row, stream } = await openVisible(c, (found) => {
      if (!PREVIEWABLE_MEDIA_TYPES.has(found.mediaType)) {
        throw new DomainError("UNSUPPORTED_FILE_TYPE", "Không xem trực tiếp được loại tệp này; hãy tải tệp về", {
          messageEn: `${found.mediaType} cannot be previewed; download it`,
          allowed: [...PREVIEWABLE_MEDIA_TYPES],
        });
      }
    });
    return c.body(stream, 200, {
      ...commonHeaders(row),
      "content-disposition": inlineDisposition(row.originalName),
      "content-security-policy": INLINE_CSP,
    });
  });

/**
 * No script, no network, no form, no plugin-made request: the file is shown and nothing else. Chromium
 * still renders a PDF under it (its viewer is the browser's own, not the document's script).
 */
const INLINE_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";

function commonHeaders(row: AttachmentRow): Record<string, string> {
  return {
    "content-type": row.mediaType,
    "content-length": String(row.size),
    etag: `"${row.sha256}"`,
    "cache-control": "private, max-age=0, must-revalidate",
    "x-content-type-options": "nosniff",
  };
}

/** The attachment `:id` and its bytes, for its uploader or whoever may see its dossier (404 for the rest). */
async function openVisible(c: Context<AppEnv>, check?: (row: AttachmentRow) => void) {
  const user = requireUser(c);
  const { attachments } = c.var.services;
  const row = await attachments.find(c.req.param("id") ?? "");
  if (!row || !(await maySee(c.var.services, user, row))) throw notFound("ATTACHMENT_NOT_FOUND", "no such attachment");
  check?.(row);
  const stream = await attachments.open(row);
  if (!stream) throw new Error(`attachment ${row.id}: blob ${row.storageKey} is missing from storage`);
  return { row, stream };
}
