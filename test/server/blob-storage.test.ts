import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BlobStorage } from "../../server/storage/blob-storage";
import { FileBlobStorage } from "../../server/storage/file-blob-storage";
import { MemoryBlobStorage } from "../../server/storage/memory-blob-storage";

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "hoso-files-"));
});
afterAll(async () => rm(root, { recursive: true, force: true }));

const stores: [string, () => BlobStorage][] = [
  ["file system", () => new FileBlobStorage(join(root, "files"))],
  ["memory", () => new MemoryBlobStorage()],
];

describe.each(stores)("blob storage: %s", (_name, make) => {
  const key = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256);

  it("gives back exactly the bytes stored, and null for a missing key", async () => {
    const store = make();
    await store.put(key, bytes);
    const back = await store.get(key);
    expect(back).not.toBeNull();
    expect(Buffer.compare(Buffer.from(await readAll(back!)), Buffer.from(bytes))).toBe(0);
    expect(await store.get("0".repeat(64))).toBeNull();
  });

  it("keeps one copy when the same key is stored twice, also at once", async () => {
    const store = make();
    await Promise.all([store.put(key, bytes), store.put(key, bytes), store.put(key, bytes)]);
    expect((await readAll((await store.get(key))!)).length).toBe(bytes.length);
  });

  it("refuses keys that could leave its folder", async () => {
    const store = make();
    await expect(store.put("../../etc/passwd", bytes)).rejects.toThrow(/unsafe blob key/);
    await expect(store.get("ab/../../x")).rejects.toThrow(/unsafe blob key/);
  });
});

describe("file-system blob storage layout", () => {
  it("shards files by the key's first characters and leaves no temporary files", async () => {
    const store = new FileBlobStorage(join(root, "layout"));
    const key = "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789";
    await store.put(key, new Uint8Array([1, 2, 3]));
    expect(await readdir(join(root, "layout", "ab", "cd"))).toEqual([key]);
  });
});
