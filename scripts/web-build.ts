/**
 * Builds the web UI with Vite when `web/dist` is missing or older than any of its sources (the web
 * app and the form core it imports). Used by `npm start` (through `scripts/build-web.ts`) and by the
 * browser tests.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(fileURLToPath(import.meta.url), "..", "..");
const SOURCES = ["web/src", "web/index.html", "web/vite.config.ts", "forms", "package-lock.json"];
const STAMP = "web/dist/index.html";

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** True when `web/dist` is older than a source file (or missing). */
export function webBuildIsStale(): boolean {
  const stamp = join(ROOT, STAMP);
  const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  return built <= Math.max(...SOURCES.map((s) => newest(join(ROOT, s))));
}

/** Builds when stale (or always with `force`); answers whether it built. */
export async function ensureWebBuild(options: { force?: boolean } = {}): Promise<boolean> {
  if (!options.force && !webBuildIsStale()) return false;
  const { build } = await import("vite");
  await build({ configFile: join(ROOT, "web/vite.config.ts"), logLevel: "warn" });
  return true;
}
