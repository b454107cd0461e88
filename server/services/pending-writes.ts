import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { Tx } from "../db/client";
import { rowsOf } from "./session-user";

type Pending = { query: SQLWrapper; onNoRow?: () => Error };

/**
 * The writes of one step whose results nobody reads (the new snapshot, the history entry, tasks closed
 * and opened, timers cancelled, the outbox row), sent to the database together as one statement of
 * data-modifying CTEs instead of one round trip each. Every statement is a round trip, and round trips are
 * what a durable transition's time is made of (BENCHMARKS.md). They are flushed before anything else
 * reads or writes in the step's transaction (`StepContext.tx()`) and when the step ends, so every read
 * sees them. Within one flush the writes share a snapshot: none may depend on another's effect, and no
 * two may change the same row (e.g. a second update of the dossier row goes through `tx()`).
 */
export class PendingWrites {
  private queue: Pending[] = [];

  /** Queues a write. */
  add(query: SQLWrapper): void {
    this.queue.push({ query });
  }

  /** Queues a write with a `returning` clause that must change a row, else the step fails with `onNoRow()`. */
  addGuarded(query: SQLWrapper, onNoRow: () => Error): void {
    this.queue.push({ query, onNoRow });
  }

  /** Sends what is queued (nothing when the queue is empty). */
  async flush(tx: Tx): Promise<void> {
    const queue = this.queue;
    if (queue.length === 0) return;
    this.queue = [];
    const guarded = queue.map((p, i) => ({ ...p, i })).filter((p) => p.onNoRow);
    const ctes = sql.join(
      queue.map((p, i) => sql`${sql.raw(`w${i}`)} as (${p.query.getSQL()})`),
      sql`, `,
    );
    const counts: SQL = guarded.length
      ? sql.join(
          guarded.map((g) => sql.raw(`(select count(*)::int from w${g.i}) as g${g.i}`)),
          sql`, `,
        )
      : sql`1`;
    const [row] = rowsOf<Record<string, number>>(await tx.execute(sql`with ${ctes} select ${counts}`));
    for (const g of guarded) if (!row?.[`g${g.i}`]) throw g.onNoRow!();
  }
}
