/**
 * `postinstall`: repairs a known fault of postgres.js 3.4.x (porsager/postgres#1154, #1208; fix proposed
 * in #1168/#1209, unreleased): a small write is queued behind `setImmediate`, and when the connection
 * closes first (PostgreSQL restarts, fails over, the network drops) the queued write runs on a `null`
 * socket and throws outside any promise — an uncaught TypeError that killed Hoso (issue 21). Teardown
 * also left the queued bytes and timer behind, so the reconnected connection never wrote again.
 *
 * The repair: a write with no socket fails its queries with CONNECTION_CLOSED (which Hoso answers as
 * 503 DATABASE_UNAVAILABLE), and teardown forgets the queued bytes. Idempotent; fails loudly if the
 * driver's text changed (a new version: check whether it still needs this).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const MARK = "/* hoso: guarded against a closed socket */";
// The driver's folder: its `cjs/src/index.js` is what `require` resolves to.
const root = dirname(dirname(dirname(createRequire(import.meta.url).resolve("postgres"))));
const replacements = [
  [
    "  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)",
    `  function nextWrite(fn) {\n    ${MARK}\n    if (!socket) {\n      chunk = nextWriteTimer = null\n      error(Errors.connection('CONNECTION_CLOSED', options))\n      return false\n    }\n    const x = socket.write(chunk, fn)`,
  ],
  // terminate() and closed(): cancel the queued write and forget it.
  ["    clearImmediate(nextWriteTimer)\n    if (socket) {", "    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    if (socket) {"],
  ["    clearImmediate(nextWriteTimer)\n    socket.removeListener('data', data)", "    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    socket.removeListener('data', data)"],
];

for (const file of ["src/connection.js", "cjs/src/connection.js"].map((f) => join(root, f))) {
  let text = readFileSync(file, "utf8");
  if (text.includes(MARK)) continue;
  for (const [from, to] of replacements) {
    if (!text.includes(from)) {
      console.error(`patch-postgres: ${file} is not the postgres.js this patch knows; review scripts/patch-postgres.mjs`);
      process.exit(1);
    }
    text = text.replace(from, to);
  }
  writeFileSync(file, text);
  console.log(`patch-postgres: patched ${file}`);
}
