/**
 * Attachments as the form sees them: upload a file (`POST /api/attachments`, field `file`) and keep
 * its id in the data; read the name and size of an id already stored from a HEAD of the download.
 */
import { post } from "../lib/api";
import type { Attachment } from "../lib/types";

const known = new Map<string, Promise<Attachment | null>>();

export async function uploadAttachment(file: File): Promise<Attachment> {
  const body = new FormData();
  body.set("file", file, file.name);
  // The server answers `{ id, sha256, size, mediaType, originalName }`.
  const stored = await post<Attachment & { originalName?: string }>("/api/attachments", body);
  const meta: Attachment = { ...stored, name: stored.name ?? stored.originalName ?? file.name };
  known.set(meta.id, Promise.resolve(meta));
  return meta;
}

export const attachmentUrl = (id: string) => `/api/attachments/${encodeURIComponent(id)}`;

/** The name, size and type of a stored attachment (cached), or null when it cannot be read. */
export function attachmentMeta(id: string): Promise<Attachment | null> {
  let hit = known.get(id);
  if (!hit) {
    hit = fetch(`${attachmentUrl(id)}/meta`, { credentials: "same-origin" })
      .then(async (r) => (r.ok && (r.headers.get("content-type") ?? "").includes("json") ? ((await r.json()) as Attachment) : headMeta(id)))
      .catch(() => null);
    known.set(id, hit);
  }
  return hit;
}

async function headMeta(id: string): Promise<Attachment | null> {
  const r = await fetch(attachmentUrl(id), { method: "HEAD", credentials: "same-origin" });
  if (!r.ok) return null;
  const disposition = r.headers.get("content-disposition") ?? "";
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  const name = star ? decodeURIComponent(star[1]!) : (plain?.[1] ?? id);
  return { id, name, size: Number(r.headers.get("content-length") ?? 0), mediaType: r.headers.get("content-type") ?? "" };
}
