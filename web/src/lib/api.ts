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

/** Sends a request to the API; resolves with the parsed JSON, rejects with an `ApiError`. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  const write = method !== "GET" && method !== "HEAD";
  if (write && csrfToken) headers["x-csrf-token"] = csrfToken;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers["content-type"] = "application/json";
    payload = JSON.stringify(body);
  }
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
