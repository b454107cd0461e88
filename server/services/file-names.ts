/**
 * The name an uploaded file is kept and sent back under: no folders, no control characters, no
 * direction marks (a right-to-left override makes `hoadon‮fdp.exe` read as `hoadonexe.pdf`), no
 * invisible spaces, NFC, at most 255 characters; and, given the type read from its bytes, an
 * extension of that type (a PDF+HTML polyglot named `hoadon.html` is kept as `hoadon.html.pdf`).
 */
import { ALLOWED_MEDIA_TYPES } from "./media-types";

// C0 and C1 controls, bidi embeddings/overrides/isolates and marks, zero-width characters and the BOM.
// eslint-disable-next-line no-control-regex
const UNSEEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

export function cleanFileName(name: string, mediaType?: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = base.normalize("NFC").replace(UNSEEN, "").trim() || "tep-dinh-kem";
  const extensions = mediaType ? ALLOWED_MEDIA_TYPES[mediaType] : undefined;
  if (!extensions) return clean.slice(0, 255);
  const own = /\.([A-Za-z0-9]{1,10})$/.exec(clean)?.[1]?.toLowerCase();
  if (own && extensions.includes(own)) return clean.length <= 255 ? clean : `${clean.slice(0, 254 - own.length)}.${own}`;
  const suffix = `.${extensions[0]}`;
  return `${clean.slice(0, 255 - suffix.length)}${suffix}`;
}
