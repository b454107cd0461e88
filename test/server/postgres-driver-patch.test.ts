import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";

// Without the repair of scripts/patch-postgres.mjs (run by `postinstall`), a PostgreSQL restart under load
// kills the server with an uncaught TypeError (issue 21; test/reliability/database-outage.test.ts).
describe("the installed postgres.js", () => {
  it("carries the closed-socket guard in both its builds (npm ci ran postinstall)", () => {
    const root = dirname(dirname(dirname(createRequire(import.meta.url).resolve("postgres"))));
    for (const file of ["src/connection.js", "cjs/src/connection.js"]) {
      const text = readFileSync(join(root, file), "utf8");
      expect(text, `${file}: run npm ci (or node scripts/patch-postgres.mjs)`).toContain("/* hoso: guarded against a closed socket */");
      expect(text.match(/chunk = nextWriteTimer = null/g)?.length, file).toBe(4);
    }
  });
});
