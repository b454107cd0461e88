/**
 * Guards the purity of the engine and form cores (style §1): `workflows/` and `forms/` must not reach
 * the outside world. Fails with every offending line listed.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const PURE_ROOTS = ["workflows", "forms"];
const FORBIDDEN: [RegExp, string][] = [
  [/from\s+["'](node:|fs["']|path["']|crypto["']|os["']|child_process)/, "Node built-in import"],
  [/from\s+["'][^"']*\/server\//, "import from server/"],
  [/from\s+["'](drizzle-orm|postgres|@electric-sql|hono|@hono)/, "database or HTTP library"],
  [/\bDate\.now\s*\(/, "Date.now(): pass time in"],
  [/\bnew Date\(\s*\)/, "new Date() without argument: pass time in"],
  [/\bMath\.random\s*\(/, "Math.random(): pass ids in"],
  [/\bprocess\.env\b/, "process.env: configuration is passed in"],
  [/\b(setTimeout|setInterval)\s*\(/, "timers: delays are data"],
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

const problems: string[] = [];
for (const root of PURE_ROOTS) {
  for (const file of files(root)) {
    readFileSync(file, "utf8")
      .split("\n")
      .forEach((line, i) => {
        if (/^\s*(\/\/|\*)/.test(line)) return;
        for (const [pattern, why] of FORBIDDEN) if (pattern.test(line)) problems.push(`${relative(".", file)}:${i + 1}: ${why}\n    ${line.trim()}`);
      });
  }
}
if (problems.length) {
  console.error(`Purity check failed (${problems.length}):\n${problems.join("\n")}`);
  process.exit(1);
}
console.log(`Purity check: ${PURE_ROOTS.join(", ")} import nothing outward.`);
