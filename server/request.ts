import type { Context } from "hono";
import type { z } from "zod";
import { DomainError, type FieldError } from "./errors";
import { checkJsonBody } from "./storable-text";
import { zodIssueVi } from "./zod-messages";

/** Zod issues as field errors: JSON pointer, Vietnamese message, English message. */
export function zodFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => {
    const missing = issue.code === "invalid_type" && "input" in issue && issue.input === undefined;
    return {
      path: "/" + issue.path.map(String).join("/"),
      message: zodIssueVi(issue, missing),
      messageEn: issue.message,
    };
  });
}

/** Validates anything against a schema, refusing with 422 and every field error. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value, { reportInput: true });
  if (!parsed.success) {
    throw new DomainError("VALIDATION_FAILED", "Dữ liệu không hợp lệ", { messageEn: "invalid request", fields: zodFieldErrors(parsed.error) });
  }
  return parsed.data;
}

/** Reads a JSON body: 415 when it is not JSON, 400 when it does not parse, 422 when it does not fit. */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new DomainError("UNSUPPORTED_MEDIA_TYPE", "Yêu cầu phải gửi dữ liệu JSON", { messageEn: "expected application/json" });
  }
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch {
    throw new DomainError("INVALID_JSON", "Dữ liệu JSON không đọc được", { messageEn: "malformed JSON body" });
  }
  checkJsonBody(body);
  return parseWith(schema, body);
}

/** Reads query parameters against a schema (strings coerced by the schema). */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  return parseWith(schema, c.req.query());
}
