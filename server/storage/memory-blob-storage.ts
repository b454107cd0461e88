import { assertSafeKey, type BlobStorage } from "./blob-storage";

/** Blobs in a map: for tests and throw-away servers. */
export class MemoryBlobStorage implements BlobStorage {
  private readonly blobs = new Map<string, Uint8Array>();

  async put(key: string, bytes: Uint8Array): Promise<void> {
    assertSafeKey(key);
    if (!this.blobs.has(key)) this.blobs.set(key, new Uint8Array(bytes));
  }

  async get(key: string): Promise<ReadableStream<Uint8Array> | null> {
    assertSafeKey(key);
    const bytes = this.blobs.get(key);
    if (!bytes) return null;
    return new ReadableStream({
      start(controller) {
        controller.enqueue(bytes.slice());
        controller.close();
      },
    });
  }

  /** How many distinct blobs are stored (tests check deduplication). */
  get size(): number {
    return this.blobs.size;
  }
}
