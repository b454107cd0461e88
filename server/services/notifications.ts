import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import type { Clock } from "../clock";
import type { Db, Tx } from "../db/client";
import { instances, notifications, outbox } from "../db/schema";
import { notFound } from "../errors";
import type { Mailer } from "./mailer";
import type { OutboxEffect } from "./outbox";
import { outboxInsert } from "./outbox";
import type { Recipients } from "./recipients";
import type { ApplierOf } from "./step-pipeline";

export type NotificationRow = typeof notifications.$inferSelect;
type Draft = { userId: string; kind: string; title: string; body: string };

/**
 * In-app notifications, fed by the outbox: each step writes an outbox row in its transaction; the
 * dispatcher turns pending rows into one notification per recipient (unique per outbox row and user,
 * so processing a row again adds nothing) and hands them to the mailer after commit.
 */
export class NotificationService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly recipients: Recipients,
    private readonly mailer: Mailer,
    /** More work on the same outbox rows, in the dispatcher's transaction (the webhooks' deliveries). */
    private readonly alsoInTransaction: (tx: Tx, outboxIds: number[], now: Date) => Promise<void> = async () => {},
  ) {}

  /** One outbox row per step that enters states (the `notify` effect; comments notify nobody). */
  readonly notify: ApplierOf<"notify"> = async ({ event, entered, finished }, { instance, actor, seq, at, write }) => {
    const effect: OutboxEffect = { kind: "step", payload: { code: instance.code, title: instance.title, event, seq, actorId: actor?.id ?? null, entered, finished } };
    write((q) => outboxInsert(q, instance.id, effect, at));
  };

  /**
   * Processes up to `limit` pending outbox rows; returns how many. Rows other dispatchers hold are skipped.
   * A batch costs a fixed number of round trips, not a few per row: the dossiers are read at once, the
   * recipients of every row are looked up together (pipelined), and the notifications are inserted and
   * the rows marked processed with one statement each.
   */
  async dispatch(limit = 50): Promise<number> {
    const now = this.clock.now();
    const { count, created } = await this.db.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(outbox)
        .where(isNull(outbox.processedAt))
        .orderBy(asc(outbox.id))
        .limit(limit)
        .for("update", { skipLocked: true });
      if (rows.length === 0) return { count: 0, created: [] };
      const ids = [...new Set(rows.flatMap((r) => (r.instanceId ? [r.instanceId] : [])))];
      const dossiers = new Map(
        (ids.length ? await tx.select({ id: instances.id, starterId: instances.starterId }).from(instances).where(inArray(instances.id, ids)) : []).map((d) => [d.id, d]),
      );
      const drafts = await Promise.all(rows.map((row) => this.draftsFor(tx, row, row.instanceId ? dossiers.get(row.instanceId) : undefined)));
      const values = rows.flatMap((row, i) => drafts[i]!.map((d) => ({ id: randomUUID(), outboxId: row.id, instanceId: row.instanceId, createdAt: now, readAt: null, ...d })));
      const created = values.length ? await tx.insert(notifications).values(values).onConflictDoNothing().returning() : [];
      await this.alsoInTransaction(tx, rows.map((r) => r.id), now);
      await tx
        .update(outbox)
        .set({ processedAt: now })
        .where(inArray(outbox.id, rows.map((r) => r.id)));
      return { count: rows.length, created };
    });
    // Mail goes out after commit only; the log-only mailer cannot fail, a real one would retry by itself.
    for (const n of created) await this.mailer.send({ userId: n.userId, subject: n.title, text: n.body });
    return count;
  }

  private async draftsFor(tx: Tx, row: typeof outbox.$inferSelect, dossier: { id: string; starterId: string } | undefined): Promise<Draft[]> {
    if (!dossier) return [];
    const effect = { kind: row.kind, payload: row.payload } as OutboxEffect;
    const drafts: Draft[] = [];
    const skip = effect.kind === "step" ? effect.payload.actorId : null;
    const to = (users: string[], kind: string, title: string, body: string) => {
      for (const userId of new Set(users)) {
        if (userId !== skip && !drafts.some((d) => d.userId === userId)) drafts.push({ userId, kind, title, body });
      }
    };
    if (effect.kind === "step") {
      const p = effect.payload;
      if (p.finished) {
        const last = p.entered[0]?.title ?? "";
        to(this.recipients.starter(dossier), "finished", `Hồ sơ ${p.code} đã kết thúc: ${last}`, `${p.title} — ${last}.`);
      }
      for (const e of p.entered) {
        const users = await this.recipients.forState(tx, dossier, e.state, e.role);
        to(users, "task", `Hồ sơ ${p.code}: ${e.title}`, `${p.title} — bước mới: ${e.title}.`);
      }
    } else if (effect.kind === "reminder") {
      const p = effect.payload;
      const users = await this.recipients.forState(tx, dossier, p.state, p.role);
      to(users, "reminder", `Sắp đến hạn: hồ sơ ${p.code} (hạn ${dmy(p.due)})`, `${p.title} — còn ${p.daysLeft} ngày làm việc, hạn xử lý ${dmy(p.due)}.`);
    } else {
      const p = effect.payload;
      const users = await this.recipients.leadersFor(tx, dossier, p.state);
      to(users, "escalation", `Quá hạn: hồ sơ ${p.code} (hạn ${dmy(p.due)})`, `${p.title} — đã quá hạn xử lý ${dmy(p.due)}, đang ở bước chưa xử lý xong.`);
    }
    return drafts;
  }

  /** The caller's notifications, unread first, newest first. */
  async list(userId: string, page: number, pageSize: number, unreadOnly: boolean) {
    const where = and(eq(notifications.userId, userId), unreadOnly ? isNull(notifications.readAt) : undefined);
    const rows = await this.db
      .select()
      .from(notifications)
      .where(where)
      .orderBy(sql`${notifications.readAt} is not null`, desc(notifications.createdAt), desc(notifications.outboxId), desc(notifications.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize);
    const [counts] = await this.db
      .select({ total: sql<number>`count(*)::int`, unread: sql<number>`(count(*) filter (where ${notifications.readAt} is null))::int` })
      .from(notifications)
      .where(where);
    return { items: rows.map(toJson), total: counts?.total ?? 0, unread: counts?.unread ?? 0, page, pageSize };
  }

  /** Marks every unread notification of the caller read, in one statement; returns how many. */
  async markAllRead(userId: string): Promise<{ updated: number }> {
    const rows = await this.db
      .update(notifications)
      .set({ readAt: this.clock.now() })
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    return { updated: rows.length };
  }

  /** Marks one of the caller's notifications read (again: unchanged). Another user's: 404. */
  async markRead(userId: string, id: string) {
    const [row] = await this.db
      .update(notifications)
      .set({ readAt: sql`coalesce(${notifications.readAt}, ${this.clock.now().toISOString()}::timestamptz)` })
      .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
      .returning();
    if (!row) throw notFound("NOT_FOUND", "no such notification");
    return toJson(row);
  }
}

function toJson(n: NotificationRow) {
  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    instanceId: n.instanceId,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt ? n.readAt.toISOString() : null,
  };
}

/** `2026-06-10` → `10/06/2026`. */
function dmy(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}
