import { createReadStream } from "node:fs";
import { access, mkdir, rename, rm, writeFile } from "node:fs/promises";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { Readable } from "node:stream";
import { assertSafeKey, type BlobStorage } from "./blob-storage";

/**
 * Blobs as files under a folder (`<HOSO_DATA_DIR>/files`), two levels of sub-folders by the key's first
 * characters so that no folder grows huge: `files/ab/cd/abcd…`. Used with both database kinds; several
 * server processes need the folder on shared storage (or an S3-compatible store instead).
 */
export class FileBlobStorage implements BlobStorage {
  constructor(private readonly root: string) {}

  private pathOf(key: string): { dir: string; file: string } {
    assertSafeKey(key);
    const dir = join(this.root, key.slice(0, 2), key.slice(2, 4));
    return { dir, file: join(dir, key) };
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const { dir, file } = this.pathOf(key);
    if (await exists(file)) return;
    await mkdir(dir, { recursive: true });
    // Write aside, then rename: a reader never sees half a file, and two writers of one key both succeed.
    const temp = `${file}.${randomUUID()}.part`;
    try {
      await writeFile(temp, bytes, { flag: "wx" });
      await rename(temp, file);
    } finally {
      await rm(temp, { force: true });
    }
  }

  async get(key: string): Promise<ReadableStream<Uint8Array> | null> {
    const { file } = this.pathOf(key);
    if (!(await exists(file))) return null;
    return Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
