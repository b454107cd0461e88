/** `npm start` runs this first (`prestart`): builds the web UI when it is missing or stale. `--force` always builds. */
import { ensureWebBuild } from "./web-build";

const built = await ensureWebBuild({ force: process.argv.includes("--force") });
console.log(built ? "web UI built into web/dist" : "web/dist is up to date");
