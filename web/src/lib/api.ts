/**
 * The one HTTP client of the web UI: JSON in and out, the session cookie, the CSRF header on every
 * write, and the server's error shape turned into an `ApiError` the pages can show.
 */

/** One invalid field, as the server reports it (a JSON pointer into the submitted data). */
export type FieldProblem = { path: string; message: string; messageEn?: string };

/** The server's error body: `{ error: { code, message, messageEn?, fields?, allowedEvents? } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly messageEn?: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

let csrfToken: string | null = null;

/** Remembers the token the server handed out with the session (login, `/api/me`). */
export function setCsrfToken(token: string | null | undefined) {
  csrfToken = token ?? null;
}

async function parseError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    /* not JSON: a proxy or a crash page */
  }
  const e = (body as { error?: Record<string, unknown> } | null)?.error;
  if (e && typeof e.message === "string") {
    return new ApiError(
      response.status,
      typeof e.code === "string" ? e.code : "ERROR",
      e.message,
      typeof e.messageEn === "string" ? e.messageEn : undefined,
      Array.isArray(e.fields) ? (e.fields as FieldProblem[]) : [],
    );
  }
  return new ApiError(response.status, `HTTP_${response.status}`, `Máy chủ trả lời lỗi ${response.status}`, `The server answered ${response.status}`);
}

/**
 * Identical writes sent within this time are one user action (a double-click, a second tap on a slow
 * phone): they share one `Idempotency-Key`, so the server does the work once and answers both alike.
 */
const SAME_ACTION_MS = 1_000;
const recentActions = new Map<string, { key: string; at: number }>();
const inFlight = new Map<string, Promise<unknown>>();

/** A random key; `crypto.randomUUID` needs a secure context, `getRandomValues` does not. */
function freshKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The key of a write: the one of the same request sent a moment ago, else a fresh one. */
function keyFor(signature: string | null): string {
  if (signature === null) return freshKey();
  const now = Date.now();
  for (const [s, v] of recentActions) if (now - v.at > SAME_ACTION_MS) recentActions.delete(s);
  const known = recentActions.get(signature);
  if (known) return known.key;
  const key = freshKey();
  recentActions.set(signature, { key, at: now });
  return key;
}

/**
 * Sends a request to the API; resolves with the parsed JSON, rejects with an `ApiError`. Every write
 * carries an `Idempotency-Key` (design §10); the same write sent again while the first is on its way
 * waits for the first one's answer instead of going out twice.
 */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const write = method !== "GET" && method !== "HEAD";
  const payload = body instanceof FormData ? body : body !== undefined ? JSON.stringify(body) : undefined;
  if (!write) return send<T>(method, path, payload, null);
  // Uploads are not compared (a file may be large): each is its own action.
  const signature = payload instanceof FormData ? null : `${method} ${path} ${payload ?? ""}`;
  const key = keyFor(signature);
  if (signature === null) return send<T>(method, path, payload, key);
  const pending = inFlight.get(signature);
  if (pending) return pending as Promise<T>;
  const sent = send<T>(method, path, payload, key).finally(() => inFlight.delete(signature));
  inFlight.set(signature, sent);
  return sent;
}

async function send<T>(method: string, path: string, payload: BodyInit | undefined, idempotencyKey: string | null): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (idempotencyKey !== null) {
    if (csrfToken) headers["x-csrf-token"] = csrfToken;
    headers["idempotency-key"] = idempotencyKey;
  }
  if (typeof payload === "string") headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: payload, credentials: "same-origin" });
  } catch {
    throw new ApiError(0, "NETWORK", "Không kết nối được tới máy chủ", "Cannot reach the server");
  }
  if (!response.ok) throw await parseError(response);
  if (response.status === 204) return undefined as T;
  const type = response.headers.get("content-type") ?? "";
  return (type.includes("json") ? await response.json() : await response.text()) as T;
}

export const get = <T>(path: string) => api<T>("GET", path);
export const post = <T>(path: string, body?: unknown) => api<T>("POST", path, body ?? {});

/** Builds a query string from the defined, non-empty values. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "" && v !== false) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}
