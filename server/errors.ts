import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { EngineError, type EngineErrorCode } from "../workflows";
import { isDatabaseUnavailable, isStorageFull } from "./outage-errors";

/** Seconds a client is asked to wait before retrying during a database outage. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

/** Every refusal the API can give. One table below maps each to its HTTP status. */
export type ErrorCode =
  | EngineErrorCode
  | "INVALID_JSON"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "PAYLOAD_TOO_LARGE"
  | "VALIDATION_FAILED"
  | "INVALID_DEFINITION"
  | "INVALID_FORM"
  | "UNSUPPORTED_FILE_TYPE"
  | "NOT_FOUND"
  | "WORKFLOW_NOT_FOUND"
  | "FORM_NOT_FOUND"
  | "ATTACHMENT_NOT_FOUND"
  | "DOSSIER_NOT_FOUND"
  | "DOCUMENT_NOT_FOUND"
  | "RATE_LIMITED"
  | "STALE_VERSION"
  | "WORKFLOW_NOT_STARTABLE"
  | "UNIT_SUSPENDED"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "CAMPAIGN_NOT_RECEIVING"
  | "ADMIN_OUT_OF_SCOPE"
  | "ROOT_ADMIN_REQUIRED"
  | "INVALID_CREDENTIALS"
  | "LOGIN_LOCKED"
  | "LOGIN_BUSY"
  | "CSRF_REJECTED"
  | "TASK_NOT_FOUND"
  | "TASK_CLOSED"
  | "TASK_NOT_CLAIMABLE"
  | "TASK_ALREADY_CLAIMED"
  | "TASK_CLAIMED_BY_OTHER"
  | "DELEGATE_NOT_ELIGIBLE"
  | "NO_OFFICIAL_IN_UNIT"
  | "UNIT_NOT_FOUND"
  | "UNIT_IN_USE"
  | "UNIT_CYCLE"
  | "USER_NOT_FOUND"
  | "USERNAME_TAKEN"
  | "LAST_ADMIN"
  | "CANNOT_DISABLE_SELF"
  | "USER_HAS_OPEN_TASKS"
  | "UNIT_RETIRED"
  | "ALREADY_CURRENT"
  | "GRANT_NOT_FOUND"
  | "GRANT_EXISTS"
  | "FUND_NOT_FOUND"
  | "BENEFICIARY_EXISTS"
  | "ENTRY_NOT_FOUND"
  | "FUND_INSUFFICIENT"
  | "BENEFICIARY_ALREADY_PAID"
  | "BENEFICIARY_CANNOT_DECIDE"
  | "ENTRY_NOT_REVERSIBLE"
  | "ENTRY_ALREADY_REVERSED"
  | "AMOUNT_TOO_LARGE"
  | "FUND_BALANCE_LIMIT"
  | "RECEIPT_NUMBER_TAKEN"
  | "IDEMPOTENCY_KEY_REUSED"
  | "IDEMPOTENCY_IN_PROGRESS"
  | "DATABASE_UNAVAILABLE"
  | "STORAGE_FULL"
  | "ALREADY_DONE"
  | "NOT_OVERDUE"
  | "DOSSIER_NOT_FINISHED"
  | "API_KEY_INVALID"
  | "API_KEY_READ_ONLY"
  | "API_KEY_ROUTE_FORBIDDEN"
  | "INTERNAL";

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  INVALID_JSON: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  VALIDATION_FAILED: 422,
  INVALID_DEFINITION: 422,
  INVALID_FORM: 422,
  UNSUPPORTED_FILE_TYPE: 415,
  CONDITION_FAILED: 422,
  WORKFLOW_LOOP: 422,
  CONDITION_TOO_COSTLY: 422,
  NOT_FOUND: 404,
  WORKFLOW_NOT_FOUND: 404,
  FORM_NOT_FOUND: 404,
  ATTACHMENT_NOT_FOUND: 404,
  DOSSIER_NOT_FOUND: 404,
  DOCUMENT_NOT_FOUND: 404,
  RATE_LIMITED: 429,
  STALE_VERSION: 409,
  WORKFLOW_NOT_STARTABLE: 422,
  UNIT_SUSPENDED: 422,
  EVENT_NOT_ALLOWED: 409,
  DOSSIER_CLOSED: 409,
  ROLE_NOT_ALLOWED: 403,
  SELF_DECISION_FORBIDDEN: 403,
  FORBIDDEN: 403,
  ADMIN_OUT_OF_SCOPE: 403,
  ROOT_ADMIN_REQUIRED: 403,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  LOGIN_LOCKED: 429,
  LOGIN_BUSY: 429,
  CSRF_REJECTED: 403,
  TASK_NOT_FOUND: 404,
  TASK_CLOSED: 409,
  TASK_NOT_CLAIMABLE: 409,
  TASK_ALREADY_CLAIMED: 409,
  TASK_CLAIMED_BY_OTHER: 403,
  DELEGATE_NOT_ELIGIBLE: 422,
  NO_OFFICIAL_IN_UNIT: 409,
  UNIT_NOT_FOUND: 404,
  UNIT_IN_USE: 409,
  UNIT_CYCLE: 422,
  USER_NOT_FOUND: 404,
  USERNAME_TAKEN: 409,
  LAST_ADMIN: 409,
  CANNOT_DISABLE_SELF: 409,
  USER_HAS_OPEN_TASKS: 409,
  UNIT_RETIRED: 409,
  ALREADY_CURRENT: 409,
  GRANT_NOT_FOUND: 404,
  GRANT_EXISTS: 409,
  FUND_NOT_FOUND: 404,
  BENEFICIARY_EXISTS: 409,
  ENTRY_NOT_FOUND: 404,
  FUND_INSUFFICIENT: 409,
  BENEFICIARY_ALREADY_PAID: 409,
  BENEFICIARY_CANNOT_DECIDE: 403,
  ENTRY_NOT_REVERSIBLE: 409,
  ENTRY_ALREADY_REVERSED: 409,
  AMOUNT_TOO_LARGE: 422,
  FUND_BALANCE_LIMIT: 422,
  RECEIPT_NUMBER_TAKEN: 409,
  CAMPAIGN_NOT_RECEIVING: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  IDEMPOTENCY_IN_PROGRESS: 409,
  DATABASE_UNAVAILABLE: 503,
  STORAGE_FULL: 507,
  ALREADY_DONE: 409,
  NOT_OVERDUE: 409,
  DOSSIER_NOT_FINISHED: 409,
  API_KEY_INVALID: 401,
  API_KEY_READ_ONLY: 403,
  API_KEY_ROUTE_FORBIDDEN: 403,
  INTERNAL: 500,
};

/** A problem with one field of the request, located by a JSON pointer. */
/** `form`: the key of the form whose data the path points into, when a request fills several. */
export type FieldError = { path: string; message: string; messageEn?: string; code?: string; form?: string };

/** A refusal the caller can act on: a code from the closed set, a Vietnamese message, details. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { messageEn?: string; fields?: FieldError[]; [key: string]: unknown } = {},
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const notFound = (
  what:
    | "WORKFLOW_NOT_FOUND"
    | "FORM_NOT_FOUND"
    | "DOSSIER_NOT_FOUND"
    | "DOCUMENT_NOT_FOUND"
    | "ATTACHMENT_NOT_FOUND"
    | "NOT_FOUND"
    | "TASK_NOT_FOUND"
    | "UNIT_NOT_FOUND"
    | "USER_NOT_FOUND"
    | "GRANT_NOT_FOUND"
    | "FUND_NOT_FOUND"
    | "ENTRY_NOT_FOUND",
  messageEn: string,
) =>
  new DomainError(what, "Không tìm thấy", { messageEn });

function errorBody(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
  return { error: { code, message, ...extra } };
}

/** How many field errors one answer lists; the rest are counted (`fieldsOmitted`), never sent (a body of 60.000 bad keys). */
export const MAX_FIELD_ERRORS = 50;

function capped(extra: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const fields = extra?.fields;
  if (!Array.isArray(fields) || fields.length <= MAX_FIELD_ERRORS) return extra;
  return { ...extra, fields: fields.slice(0, MAX_FIELD_ERRORS), fieldsOmitted: fields.length - MAX_FIELD_ERRORS };
}

export function errorResponse(c: Context, error: DomainError) {
  return c.json(errorBody(error.code, error.message, capped(error.extra)), STATUS[error.code]);
}

/** The one place where errors become HTTP responses. */
export const onError: ErrorHandler = (err, c) => {
  if (err instanceof DomainError) return errorResponse(c, err);
  if (err instanceof EngineError) {
    const { allowedEvents, messageEn, roles } = err.details;
    return errorResponse(c, new DomainError(err.code, err.message, { messageEn, allowedEvents, roles }));
  }
  if (err instanceof HTTPException) {
    const code: ErrorCode = err.status === 413 ? "PAYLOAD_TOO_LARGE" : err.status === 401 ? "UNAUTHENTICATED" : "VALIDATION_FAILED";
    return errorResponse(c, new DomainError(code, err.status === 413 ? "Dữ liệu gửi lên quá lớn" : "Yêu cầu không hợp lệ", { messageEn: err.message }));
  }
  // An outage is an expected state, not a bug: a short line in the log, and an answer the client can act on.
  if (isDatabaseUnavailable(err)) {
    console.warn(`database unavailable (${c.req.method} ${c.req.path}): ${describe(err)}`);
    c.header("retry-after", String(OUTAGE_RETRY_AFTER_SECONDS));
    return errorResponse(c, new DomainError("DATABASE_UNAVAILABLE", "Cơ sở dữ liệu tạm thời không truy cập được, vui lòng thử lại sau ít phút", { messageEn: "the database is unavailable; retry later" }));
  }
  if (isStorageFull(err)) {
    console.error(`storage full (${c.req.method} ${c.req.path}): ${describe(err)}`);
    return errorResponse(c, new DomainError("STORAGE_FULL", "Máy chủ hết dung lượng lưu trữ; chưa có gì được lưu. Vui lòng báo quản trị viên", { messageEn: "the server's storage is full; nothing was saved" }));
  }
  console.error(err);
  return c.json(errorBody("INTERNAL", "Lỗi hệ thống, vui lòng thử lại sau", { messageEn: "internal error" }), 500);
};

/** The innermost error's code and message (drizzle wraps the driver's error in `cause`). */
function describe(err: unknown): string {
  let e = err as { cause?: unknown; code?: unknown; message?: unknown };
  while (e.cause && typeof e.cause === "object") e = e.cause as typeof e;
  return `${String(e.code ?? "")} ${String(e.message ?? "")}`.trim();
}

export const onNotFound: NotFoundHandler = (c) =>
  errorResponse(c, new DomainError("NOT_FOUND", "Không tìm thấy đường dẫn", { messageEn: `no route for ${c.req.method} ${c.req.path}` }));
