/**
 * Where the bytes of uploaded files live. Keys are opaque, safe strings chosen by the server (the
 * SHA-256 of the content), so a store may shard or prefix them as it likes. One small interface so that
 * an S3-compatible store can sit beside the file-system and in-memory ones.
 */
export interface BlobStorage {
  /** Stores `bytes` under `key`; storing the same key again keeps one copy (content-addressed). */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The bytes under `key` as a stream, or null when there are none. */
  get(key: string): Promise<ReadableStream<Uint8Array> | null>;
}

/** Keys are lower-case hex digests or similar: nothing that could climb out of a folder. */
export function assertSafeKey(key: string): void {
  if (!/^[a-z0-9][a-z0-9_-]{3,127}$/.test(key)) throw new Error(`unsafe blob key: ${JSON.stringify(key)}`);
}
