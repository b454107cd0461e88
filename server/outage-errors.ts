/**
 * Whether an error means "the database cannot be reached now" (it restarts, fails over, the network is
 * cut) rather than "this request is wrong": such a request answers 503 `DATABASE_UNAVAILABLE` and may be
 * retried. postgres.js reports a lost connection with a string `code`, PostgreSQL itself with a SQLSTATE;
 * drizzle wraps either in a `DrizzleQueryError` whose `cause` is the driver's error.
 */
const DRIVER_CODES = new Set([
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/** SQLSTATEs of an outage: 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 53300 too_many_connections. */
const SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300"]);

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code !== "string") continue;
    // Class 08: connection exception (08000, 08003, 08006, 08001, 08004, …).
    if (DRIVER_CODES.has(code) || SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
  }
  return false;
}

/** Whether an error is a full disk (or a full quota) while writing a file or the database. */
export function isStorageFull(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    // ENOSPC / EDQUOT from the file system; SQLSTATE 53100 disk_full from PostgreSQL.
    if (code === "ENOSPC" || code === "EDQUOT" || code === "53100") return true;
  }
  return false;
}
