/**
 * A `Content-Disposition: attachment` header that keeps a Vietnamese file name: `filename*` in UTF-8
 * (RFC 5987 / RFC 6266) for every current browser, and a plain-ASCII `filename` without diacritics for
 * the rest ("Đơn đề nghị.pdf" → "Don de nghi.pdf").
 *
 * @example attachmentDisposition("Đơn.pdf") // `attachment; filename="Don.pdf"; filename*=UTF-8''%C4%90%C6%A1n.pdf`
 */
export function attachmentDisposition(name: string): string {
  return `attachment; filename="${asciiFallback(name)}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}

/** The same for a file shown in place (the viewer), keeping its name for "save as". */
export function inlineDisposition(name: string): string {
  return `inline; filename="${asciiFallback(name)}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}

function asciiFallback(name: string): string {
  const plain = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^\x20-\x7e]|["\\%]/g, "_");
  return plain || "file";
}

/** Percent-encodes everything but RFC 5987's attr-char set. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
