import type { PGlite } from "@electric-sql/pglite";

/** How often the embedded database looks at how much write-ahead log a crash would have to replay. */
export const CHECKPOINT_CHECK_MS = 10_000;
/** WAL written since the last checkpoint beyond which the embedded database checkpoints. */
export const CHECKPOINT_AFTER_BYTES = 8 * 1024 * 1024;

/**
 * Keeps the embedded database's crash recovery short. PGlite runs PostgreSQL in single-user mode, where
 * no checkpointer process exists: neither `checkpoint_timeout` nor `max_wal_size` ever triggers a
 * checkpoint, so after a `kill -9` the next start replays every WAL record written since the process
 * started (measured: 170 MB of WAL → 14 s to open, against 0.7 s with checkpoints). Every
 * `intervalMs`, when more than `afterBytes` of WAL were written since the last checkpoint, this runs
 * `CHECKPOINT` (tens of milliseconds; queries wait behind it, as behind any statement). Durability is
 * unchanged: a checkpoint only writes to the data files what the WAL already holds.
 * Returns `stop`, which waits for a checkpoint in progress (call it before closing the database).
 */
export function keepRecoveryShort(client: PGlite, options: { intervalMs?: number; afterBytes?: number } = {}): { check(): Promise<boolean>; stop(): Promise<void> } {
  const afterBytes = options.afterBytes ?? CHECKPOINT_AFTER_BYTES;
  let running: Promise<boolean> | null = null;
  let stopped = false;
  let warned = false;
  /** Checkpoints when due; true when it did. */
  const check = (): Promise<boolean> => {
    if (stopped) return Promise.resolve(false);
    running ??= (async () => {
      const { rows } = await client.query<{ bytes: string }>("select (pg_current_wal_insert_lsn() - redo_lsn)::text as bytes from pg_control_checkpoint()");
      if (Number(rows[0]?.bytes ?? 0) <= afterBytes || stopped) return false;
      await client.exec("checkpoint");
      return true;
    })()
      .catch((error: unknown) => {
        // A failed checkpoint loses nothing (the WAL still holds everything); say so once, try again later.
        if (!warned) console.warn("embedded database: checkpoint failed, will try again:", error instanceof Error ? error.message : error);
        warned = true;
        return false;
      })
      .finally(() => (running = null));
    return running;
  };
  const timer = setInterval(() => void check(), options.intervalMs ?? CHECKPOINT_CHECK_MS);
  timer.unref();
  return {
    check,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
