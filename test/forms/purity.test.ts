import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const dir = join(import.meta.dirname, "../../forms");
const sources = readdirSync(dir).filter((f) => f.endsWith(".ts"));

const forbidden: Array<[string, RegExp]> = [
  ["node:* imports", /from\s+["']node:/],
  ["fs/path imports", /from\s+["'](fs|path|os|child_process)["']/],
  ["outward imports", /from\s+["']\.\.\/(server|workflows|web)/],
  ["Date.now()", /Date\.now\(/],
  ["new Date()", /new Date\(/],
  ["Math.random()", /Math\.random\(/],
  ["process.env", /process\.env/],
  ["timers", /\bset(Timeout|Interval)\(/],
];

describe("forms/ stays pure", () => {
  it.each(sources)("%s", (file) => {
    const text = readFileSync(join(dir, file), "utf8");
    for (const [what, re] of forbidden) expect(re.test(text), `${file} uses ${what}`).toBe(false);
  });
});
