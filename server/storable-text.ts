import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./app-env";
import { DomainError, type FieldError } from "./errors";

/** A NUL, or half of a surrogate pair: PostgreSQL stores neither (in `text` nor in `jsonb`). */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** How deep a JSON body may nest: far beyond any form, far below what would exhaust a stack. */
export const MAX_JSON_DEPTH = 64;

export function isStorable(text: string): boolean {
  return !UNSTORABLE.test(text);
}

const invalidText = (fields: FieldError[]) =>
  new DomainError("VALIDATION_FAILED", "Dữ liệu chứa ký tự không hợp lệ", { messageEn: "text with a NUL character or a lone surrogate cannot be stored", fields });

/**
 * Refuses (422) a request whose path or query holds text the database cannot store, before any route
 * passes it to a query: otherwise PostgreSQL refuses the statement and the caller would see a 500.
 */
export const storableUrl: MiddlewareHandler<AppEnv> = async (c, next) => {
  const fields: FieldError[] = [];
  let path: string;
  try {
    path = decodeURIComponent(c.req.path);
  } catch {
    path = c.req.path; // a malformed escape stays as it is: it is then plain (storable) text
  }
  if (!isStorable(path)) fields.push({ path: "/path", message: "Đường dẫn chứa ký tự không hợp lệ", messageEn: "the path holds a NUL or a lone surrogate" });
  for (const [name, values] of Object.entries(c.req.queries())) {
    if (!isStorable(name) || values.some((v) => !isStorable(v))) {
      fields.push({ path: `/query/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`, message: "Tham số chứa ký tự không hợp lệ", messageEn: "the parameter holds a NUL or a lone surrogate" });
    }
  }
  if (fields.length) throw invalidText(fields);
  await next();
};

/**
 * Checks a parsed JSON body: every string (keys too) storable, nesting at most `MAX_JSON_DEPTH`.
 * Refuses with 422 and the JSON pointer of each offending field.
 */
export function checkJsonBody(value: unknown): void {
  const fields: FieldError[] = [];
  const walk = (v: unknown, pointer: string, depth: number) => {
    if (fields.length >= 20) return;
    if (typeof v === "string") {
      if (!isStorable(v)) fields.push({ path: pointer || "/", message: "Chứa ký tự không hợp lệ (NUL hoặc ký tự Unicode không trọn vẹn)", messageEn: "NUL or lone surrogate" });
      return;
    }
    if (v === null || typeof v !== "object") return;
    if (depth >= MAX_JSON_DEPTH) {
      fields.push({ path: pointer || "/", message: "Dữ liệu lồng nhau quá sâu", messageEn: `nested deeper than ${MAX_JSON_DEPTH} levels` });
      return;
    }
    for (const [key, child] of Object.entries(v)) {
      const here = `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
      if (!isStorable(key)) fields.push({ path: here.replace(UNSTORABLE, "\ufffd"), message: "Tên trường chứa ký tự không hợp lệ", messageEn: "NUL or lone surrogate in a key" });
      walk(child, here, depth + 1);
    }
  };
  walk(value, "", 0);
  if (fields.length) throw invalidText(fields.map((f) => ({ ...f, path: f.path.replace(new RegExp(UNSTORABLE, "g"), "\ufffd") })));
}
