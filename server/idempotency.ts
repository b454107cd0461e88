/**
 * Retry-safe writes (design §10): a state-changing request sent with an `Idempotency-Key` header is done
 * once per signed-in user and key. The key is reserved in the database before the route runs and the
 * answer (status and body) stored after it; a retry of the same request gets that stored answer.
 *
 * - The same key with another method, path or body: 422 `IDEMPOTENCY_KEY_REUSED`.
 * - The same request while the first is still running: 409 `IDEMPOTENCY_IN_PROGRESS` (with
 *   `Retry-After`), never a wait, so a burst of duplicates ties up no connection.
 * - A 5xx answer is not kept (the key is released), so the retry runs the work again.
 * - Keys are kept for `KEY_LIFETIME_MS`; an older one counts as unused.
 *
 * Starting a dossier, taking a step, recording a receipt and reversing an entry store their answer in
 * the same transaction as the work (`c.var.idempotency.storeIn(tx, …)`): both commit or neither. Every other route's answer is stored
 * after its transaction has committed, in its own statement; if the process dies between the two, the
 * key stays reserved without an answer and a retry with it gets 409 `IDEMPOTENCY_IN_PROGRESS` until the
 * key expires (the work is never done twice, but that key cannot fetch the answer). Requests without a
 * session (sign-in, public routes) are not keyed.
 */
import { createHash } from "node:crypto";
import { and, eq, isNull, lt } from "drizzle-orm";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./app-env";
import type { Tx } from "./db/client";
import { idempotencyKeys } from "./db/schema";
import { DomainError } from "./errors";

/** How long a key and its answer are kept: a day covers any retry by a client or a person. */
export const KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** What a route may do with the request's key: store its successful answer in its own transaction. */
export type IdempotentWrite = { storeIn(tx: Tx, status: number, body: unknown): Promise<void> };

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** A key is the client's: printable ASCII, at most 200 characters (a UUID is the usual choice). */
const KEY_SHAPE = /^[\x21-\x7e]{1,200}$/;

export const idempotency: MiddlewareHandler<AppEnv> = async (c, next) => {
  const key = c.req.header("idempotency-key");
  const user = c.var.user;
  if (key === undefined || !user || !STATE_CHANGING.has(c.req.method)) return next();
  if (!KEY_SHAPE.test(key)) {
    throw new DomainError("VALIDATION_FAILED", "Khoá chống gửi trùng (Idempotency-Key) không hợp lệ", { messageEn: "Idempotency-Key: 1-200 printable ASCII characters" });
  }
  const { database, clock } = c.var.services;
  const { db } = database;
  const url = new URL(c.req.url);
  const body = new Uint8Array(await c.req.arrayBuffer());
  const requestHash = createHash("sha256").update(`${c.req.method}\n${url.pathname}${url.search}\n`).update(body).digest("hex");
  const now = clock.now();
  const mine = and(eq(idempotencyKeys.userId, user.id), eq(idempotencyKeys.key, key));
  // Expired keys of this user go first, so that an old key can be used again.
  await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.userId, user.id), lt(idempotencyKeys.createdAt, new Date(now.getTime() - KEY_LIFETIME_MS))));
  const [reserved] = await db.insert(idempotencyKeys).values({ userId: user.id, key, requestHash, createdAt: now }).onConflictDoNothing().returning({ key: idempotencyKeys.key });
  if (!reserved) {
    const [earlier] = await db.select().from(idempotencyKeys).where(mine);
    if (earlier && earlier.requestHash !== requestHash) {
      throw new DomainError("IDEMPOTENCY_KEY_REUSED", "Khoá chống gửi trùng này đã dùng cho một yêu cầu khác", { messageEn: "this Idempotency-Key was used for another request" });
    }
    if (!earlier || earlier.status === null) {
      c.header("retry-after", "1");
      throw new DomainError("IDEMPOTENCY_IN_PROGRESS", "Yêu cầu này đang được xử lý, vui lòng chờ", { messageEn: "the first request with this Idempotency-Key is still running" });
    }
    const empty = earlier.status === 204 || earlier.status === 205 || earlier.status === 304;
    return new Response(empty ? null : earlier.body, {
      status: earlier.status,
      headers: { ...(earlier.contentType ? { "content-type": earlier.contentType } : {}), "idempotent-replayed": "true" },
    });
  }
  let storedInTransaction = false;
  c.set("idempotency", {
    async storeIn(tx, status, answer) {
      await tx.update(idempotencyKeys).set({ status, contentType: "application/json", body: JSON.stringify(answer) }).where(mine);
      storedInTransaction = true;
    },
  });
  // Releases the key so that a retry runs the work again — unless an answer was stored with the work: a
  // commit whose acknowledgement the outage swallowed then replays instead of being done twice.
  const unanswered = and(mine, isNull(idempotencyKeys.status));
  const release = () => db.delete(idempotencyKeys).where(unanswered);
  try {
    await next();
  } catch (error) {
    // The database is gone (that may be why the route failed): release once it is back, or every retry
    // would be 409 IDEMPOTENCY_IN_PROGRESS until the key expires.
    await release().catch(() => releaseLater(release));
    throw error;
  }
  // A success means the route's transaction, and the answer stored in it, committed.
  if (storedInTransaction && c.res.status < 400) return;
  if (c.res.status >= 500) {
    await release().catch(() => releaseLater(release));
    return;
  }
  const text = await c.res.clone().text();
  await db.update(idempotencyKeys).set({ status: c.res.status, contentType: c.res.headers.get("content-type"), body: text }).where(mine);
};

/** Tries a failed release again every second for up to 10 minutes (an outage's length), then leaves it to expire. */
function releaseLater(release: () => Promise<unknown>, attempt = 1): void {
  if (attempt > 600) return;
  setTimeout(() => void release().catch(() => releaseLater(release, attempt + 1)), 1000).unref();
}
