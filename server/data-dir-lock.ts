import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";

/** The file in the data folder that names the process using it. */
export const LOCK_FILE = "hoso.lock";

/** Whether a process with this id is alive (signal 0 only checks; EPERM means alive but not ours). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Takes the embedded database's data folder for this process: PGlite is one process's, and two servers on
 * one folder corrupt it. The lock is a file holding the owner's pid, created exclusively; a lock left by a
 * process that no longer runs (killed, crashed) is taken over. Returns the release function.
 */
export function lockDataDir(dir: string): () => void {
  if (dir.startsWith("memory://")) return () => {};
  mkdirSync(dir, { recursive: true });
  const file = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return () => {
        // Only our own lock: never remove one another process took over.
        if (readPid(file) === process.pid) rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = readPid(file);
    if (owner !== null && owner !== process.pid && alive(owner)) {
      throw new Error(
        `Thư mục dữ liệu ${dir} đang được tiến trình Hoso khác dùng (pid ${owner}); dừng tiến trình đó trước, hoặc chọn HOSO_DATA_DIR khác. ` +
          `(The data folder is in use by another Hoso process, pid ${owner}: stop it first, or set another HOSO_DATA_DIR.)`,
      );
    }
    // Stale (its process is gone) or unreadable: take it over.
    rmSync(file, { force: true });
  }
  throw new Error(`Không lấy được khoá thư mục dữ liệu ${dir} (could not lock the data folder)`);
}

function readPid(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}
