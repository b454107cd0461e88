import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FileBlobStorage } from "../../server/storage/file-blob-storage";
import { databaseKinds } from "../support/databases";
import { pdfBytes } from "../support/files";
import { createTestApp, type TestApp, type TestUser } from "../support/harness";

/**
 * A real full disk: a 64 KiB tmpfs as the files folder (mounting needs root; CI runs as root, and
 * elsewhere the test says why it is skipped). The kernel answers ENOSPC to the write.
 */
function mountTinyDisk(): string | null {
  const dir = mkdtempSync(join(tmpdir(), "hoso-full-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", dir], { stdio: "ignore" });
    return dir;
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
}

const probe = mountTinyDisk();
if (probe) execFileSync("umount", [probe]), rmSync(probe, { recursive: true, force: true });
else console.warn("storage-full: skipped — mounting a tmpfs needs root (mount -t tmpfs)");

describe.skipIf(!probe).each(databaseKinds)("a full disk on %s", (kind) => {
  let disk: string;
  let t: TestApp;
  let applicant: TestUser;
  beforeAll(async () => {
    disk = mountTinyDisk()!;
    t = await createTestApp(kind, { storage: new FileBlobStorage(disk) });
    const unit = await t.unit();
    applicant = await t.user({ grants: [{ role: "applicant", unitId: unit.id }] });
  });
  afterAll(async () => {
    await t?.close();
    if (disk) execFileSync("umount", [disk]), rmSync(disk, { recursive: true, force: true });
  });

  it("answers an upload that does not fit 507 STORAGE_FULL with a message, saves nothing, and works again once space is free", async () => {
    const res = await t.upload(applicant, { bytes: pdfBytes(200 * 1024, 3), name: "ho-so-lon.pdf", type: "application/pdf" });
    expect(res.status).toBe(507);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("STORAGE_FULL");
    expect(body.error.message).toMatch(/hết dung lượng/);
    expect(await t.services.database.db.query.attachments.findMany()).toEqual([]);
    // No half-written file left behind to fill the disk further.
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [e.name]));
    expect(files(disk)).toEqual([]);

    const small = await t.upload(applicant, { bytes: pdfBytes(8 * 1024, 4), name: "ho-so-nho.pdf", type: "application/pdf" });
    expect(small.status).toBe(201);
  });
});
