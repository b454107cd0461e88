import { fileTypeFromBuffer } from "file-type";
import { DomainError } from "../errors";

/** The kinds of file a dossier may hold, by media type, with the extensions a file of that kind may have. */
export const ALLOWED_MEDIA_TYPES: Readonly<Record<string, readonly string[]>> = {
  "application/pdf": ["pdf"],
  "image/png": ["png"],
  "image/jpeg": ["jpg", "jpeg"],
  "image/webp": ["webp"],
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ["docx"],
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ["xlsx"],
  "application/vnd.oasis.opendocument.text": ["odt"],
};

/** The kinds a browser shows by itself without running the file's own code: previewed in place. */
export const PREVIEWABLE_MEDIA_TYPES: ReadonlySet<string> = new Set(["application/pdf", "image/png", "image/jpeg", "image/webp"]);

/** Declared types that say nothing about the content (a browser that does not know the extension). */
const UNSPECIFIC = new Set(["", "application/octet-stream", "binary/octet-stream"]);

const ALLOWED_LIST = "PDF, PNG, JPEG, WebP, DOCX, XLSX, ODT";

/**
 * The media type of an upload, read from its bytes (magic numbers, and the parts inside ZIP-based
 * office files), never trusted from the client. Refuses with 415 a type that is not allowed, and a file
 * whose declared type or extension says something else than its bytes (a renamed file).
 *
 * @example await mediaTypeOf(pdfBytes, { name: "don.pdf", declaredType: "application/pdf" }) // "application/pdf"
 */
export async function mediaTypeOf(bytes: Uint8Array, file: { name: string; declaredType: string }): Promise<string> {
  const detected = (await fileTypeFromBuffer(bytes))?.mime;
  const extensions = detected ? ALLOWED_MEDIA_TYPES[detected] : undefined;
  if (!detected || !extensions) {
    throw unsupported(`Loại tệp không được chấp nhận. Chỉ nhận: ${ALLOWED_LIST}`, `file type ${detected ?? "unknown"} is not allowed; allowed: ${ALLOWED_LIST}`);
  }
  const declared = file.declaredType.split(";")[0]!.trim().toLowerCase();
  if (!UNSPECIFIC.has(declared) && declared !== detected) {
    throw unsupported("Nội dung tệp không khớp với loại tệp khai báo", `declared ${declared}, but the content is ${detected}`);
  }
  const extension = /\.([A-Za-z0-9]{1,10})$/.exec(file.name)?.[1]?.toLowerCase();
  if (extension && isKnownExtension(extension) && !extensions.includes(extension)) {
    throw unsupported("Phần mở rộng của tên tệp không khớp với nội dung tệp", `a .${extension} name, but the content is ${detected}`);
  }
  return detected;
}

function isKnownExtension(extension: string): boolean {
  return Object.values(ALLOWED_MEDIA_TYPES).some((list) => list.includes(extension));
}

function unsupported(message: string, messageEn: string): DomainError {
  return new DomainError("UNSUPPORTED_FILE_TYPE", message, { messageEn, allowed: Object.keys(ALLOWED_MEDIA_TYPES) });
}
