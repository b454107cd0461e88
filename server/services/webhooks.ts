import { randomBytes, randomUUID } from "node:crypto";
import { and, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Clock } from "../clock";
import type { Db, Tx } from "../db/client";
import { webhookDeliveries, webhooks } from "../db/schema";
import { notFound } from "../errors";
import type { SessionUser } from "../identity";
import { signWebhook } from "./webhook-signature";

/** A delivery is tried this many times, then kept as dead for an admin to retry. */
export const MAX_ATTEMPTS = 8;
/** While one process sends a delivery, others leave it alone this long (a crash mid-send: it is sent again after). */
const LEASE_MS = 60_000;
const SEND_TIMEOUT_MS = 5_000;
/** 30 s, 1 min, 2 min … at most 1 h between attempts. */
const backoffMs = (attempts: number) => Math.min(30_000 * 2 ** (attempts - 1), 3_600_000);

export const WebhookBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    url: z
      .string()
      .max(2000)
      .url()
      .refine((u) => /^https?:\/\//i.test(u), "chỉ nhận địa chỉ http:// hoặc https://"),
    unitId: z.string().uuid(),
  })
  .strict();
export const DeliveryQuery = z.object({ status: z.enum(["pending", "delivered", "dead"]).optional() });

export type WebhookView = Omit<typeof webhooks.$inferSelect, "secret">;
type DeliveryRow = typeof webhookDeliveries.$inferSelect;

/**
 * Signed webhooks for dossier steps, fed by the outbox: the dispatcher's transaction adds one delivery per
 * webhook of the dossier's unit or a unit above it (unique per webhook and outbox row); the scheduler sends
 * due deliveries outside any transaction, under a lease, and records each outcome. Delivery is at least
 * once: a receiver drops a repeated `X-Hoso-Delivery`.
 */
export class WebhookService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly send: typeof fetch = fetch,
  ) {}

  async create(admin: SessionUser, body: z.infer<typeof WebhookBody>): Promise<{ webhook: WebhookView; secret: string }> {
    const secret = randomBytes(32).toString("base64url");
    const [row] = await this.db
      .insert(webhooks)
      .values({ id: randomUUID(), name: body.name, url: body.url, secret, unitId: body.unitId, createdBy: admin.id, createdAt: this.clock.now() })
      .returning();
    return { webhook: view(row!), secret };
  }

  async list(unitIds: ReadonlySet<string>): Promise<WebhookView[]> {
    if (!unitIds.size) return [];
    return (await this.db.select().from(webhooks).where(inArray(webhooks.unitId, [...unitIds])).orderBy(desc(webhooks.createdAt))).map(view);
  }

  async revoke(id: string, unitIds: ReadonlySet<string>): Promise<void> {
    await this.inScope(id, unitIds);
    await this.db.update(webhooks).set({ revokedAt: this.clock.now() }).where(and(eq(webhooks.id, id), isNull(webhooks.revokedAt)));
  }

  /** A webhook's latest deliveries (100), optionally by status: the dead-letter view. */
  async deliveries(id: string, unitIds: ReadonlySet<string>, status?: "pending" | "delivered" | "dead"): Promise<DeliveryRow[]> {
    await this.inScope(id, unitIds);
    const byStatus =
      status === "delivered" ? isNotNull(webhookDeliveries.deliveredAt) : status === "dead" ? isNotNull(webhookDeliveries.deadAt) : status === "pending" ? and(isNull(webhookDeliveries.deliveredAt), isNull(webhookDeliveries.deadAt)) : undefined;
    return this.db.select().from(webhookDeliveries).where(and(eq(webhookDeliveries.webhookId, id), byStatus)).orderBy(desc(webhookDeliveries.id)).limit(100);
  }

  /** A dead delivery is tried again from now (its attempts start over). */
  async retry(deliveryId: number, unitIds: ReadonlySet<string>): Promise<DeliveryRow> {
    const [row] = await this.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId));
    if (!row) throw notFound("NOT_FOUND", "no such delivery");
    await this.inScope(row.webhookId, unitIds);
    const [revived] = await this.db
      .update(webhookDeliveries)
      .set({ deadAt: null, attempts: 0, nextAttemptAt: this.clock.now(), lastError: null })
      .where(and(eq(webhookDeliveries.id, deliveryId), isNotNull(webhookDeliveries.deadAt)))
      .returning();
    return revived ?? row;
  }

  /** In the dispatcher's transaction: a delivery per matching webhook for each step row (one statement). */
  async enqueue(tx: Tx, outboxIds: number[], now: Date): Promise<void> {
    if (!outboxIds.length) return;
    const ids = sql.join(
      outboxIds.map((id) => sql`${id}`),
      sql`, `,
    );
    await tx.execute(sql`
      with recursive rows as (
        select o.id, o.instance_id, o.payload, o.created_at, i.unit_id, i.code, i.title, i.workflow_key
          from outbox o join instances i on i.id = o.instance_id
         where o.id in (${ids}) and o.kind = 'step'
      ), up(outbox_id, unit_id) as (
        select id, unit_id from rows where unit_id is not null
        union
        select up.outbox_id, u.parent_id from up join units u on u.id = up.unit_id where u.parent_id is not null
      )
      insert into webhook_deliveries (webhook_id, outbox_id, payload, next_attempt_at)
      select w.id, r.id,
             jsonb_build_object(
               'event', 'dossier.step',
               'occurredAt', r.created_at,
               'dossier', jsonb_build_object('id', r.instance_id, 'code', r.code, 'title', r.title, 'workflow', r.workflow_key),
               'step', jsonb_build_object('event', r.payload->'event', 'seq', r.payload->'seq', 'entered', r.payload->'entered', 'finished', r.payload->'finished')),
             ${now.toISOString()}::timestamptz
        from up join rows r on r.id = up.outbox_id join webhooks w on w.unit_id = up.unit_id and w.revoked_at is null
      on conflict do nothing`);
  }

  /** Sends up to `limit` due deliveries; returns how many were tried. */
  async deliver(limit = 20): Promise<number> {
    const now = this.clock.now();
    // Claimed under a lease in a short transaction: no HTTP call ever holds a database connection.
    const claimed = await this.db.transaction(async (tx) => {
      const due = await tx
        .select({ id: webhookDeliveries.id })
        .from(webhookDeliveries)
        .where(and(isNull(webhookDeliveries.deliveredAt), isNull(webhookDeliveries.deadAt), sql`${webhookDeliveries.nextAttemptAt} <= ${now.toISOString()}::timestamptz`))
        .orderBy(webhookDeliveries.nextAttemptAt)
        .limit(limit)
        .for("update", { skipLocked: true });
      if (!due.length) return [];
      return tx
        .update(webhookDeliveries)
        .set({ attempts: sql`${webhookDeliveries.attempts} + 1`, nextAttemptAt: new Date(now.getTime() + LEASE_MS) })
        .where(inArray(webhookDeliveries.id, due.map((d) => d.id)))
        .returning();
    });
    if (!claimed.length) return 0;
    const hooks = new Map((await this.db.select().from(webhooks).where(inArray(webhooks.id, [...new Set(claimed.map((d) => d.webhookId))]))).map((w) => [w.id, w]));
    await Promise.all(claimed.map((delivery) => this.attempt(delivery, hooks.get(delivery.webhookId)!, now)));
    return claimed.length;
  }

  private async attempt(delivery: DeliveryRow, hook: typeof webhooks.$inferSelect, now: Date): Promise<void> {
    let status: number | null = null;
    let error: string | null = null;
    if (hook.revokedAt) error = "webhook revoked";
    else {
      const body = JSON.stringify({ id: String(delivery.id), ...(delivery.payload as object) });
      try {
        const res = await this.send(hook.url, {
          method: "POST",
          redirect: "manual",
          signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
          headers: {
            "content-type": "application/json",
            "user-agent": "Hoso-Webhook/1",
            "x-hoso-delivery": String(delivery.id),
            "x-hoso-event": "dossier.step",
            "x-hoso-signature": signWebhook(hook.secret, body, Math.floor(now.getTime() / 1000)),
          },
          body,
        });
        status = res.status;
        await res.body?.cancel();
        if (status < 200 || status >= 300) error = `HTTP ${status}`;
      } catch (e) {
        error = e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 500) : String(e);
      }
    }
    const dead = error !== null && (hook.revokedAt !== null || delivery.attempts >= MAX_ATTEMPTS);
    await this.db
      .update(webhookDeliveries)
      .set({
        lastStatus: status,
        lastError: error,
        ...(error === null ? { deliveredAt: now } : dead ? { deadAt: now } : { nextAttemptAt: new Date(now.getTime() + backoffMs(delivery.attempts)) }),
      })
      .where(eq(webhookDeliveries.id, delivery.id));
  }

  private async inScope(id: string, unitIds: ReadonlySet<string>): Promise<void> {
    const [hook] = await this.db.select({ unitId: webhooks.unitId }).from(webhooks).where(eq(webhooks.id, id));
    if (!hook || !unitIds.has(hook.unitId)) throw notFound("NOT_FOUND", "no such webhook");
  }
}

function view(row: typeof webhooks.$inferSelect): WebhookView {
  const { secret: _kept, ...rest } = row;
  return rest;
}
