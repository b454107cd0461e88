/**
 * `npm start` runs this first: builds the web UI with Vite when `web/dist` is missing or older than
 * any of its sources (the web app and the form core it imports), so a fresh clone just works and a
 * second start costs nothing. `--force` always builds.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { build } from "vite";

const SOURCES = ["web/src", "web/index.html", "web/vite.config.ts", "forms", "package-lock.json"];
const STAMP = "web/dist/index.html";

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const force = process.argv.includes("--force");
const built = existsSync(STAMP) ? statSync(STAMP).mtimeMs : 0;
const sources = Math.max(...SOURCES.map(newest));
if (!force && built > sources) {
  console.log("web/dist is up to date");
} else {
  await build({ configFile: "web/vite.config.ts", logLevel: "warn" });
  console.log("web UI built into web/dist");
}
