/**
 * The README's "Legal basis" table, generated from the built-in definitions' figures and sources.
 * `npm run legal-basis` rewrites it in README.md between its markers; a test checks it is current.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { builtinDefinitions, legalBasisTable, legalFigures, WorkflowDefinition } from "../workflows";

export const README = join(fileURLToPath(import.meta.url), "..", "..", "README.md");
export const START = "<!-- legal-basis:start (npm run legal-basis) -->";
export const END = "<!-- legal-basis:end -->";

/** The table for the definitions that ship with Hoso. */
export function builtinLegalBasis(): string {
  return legalBasisTable(builtinDefinitions.flatMap((input) => legalFigures(WorkflowDefinition.parse(input))));
}

/** The README with its table section replaced. */
export function withTable(readme: string, table: string): string {
  const from = readme.indexOf(START);
  const to = readme.indexOf(END);
  if (from < 0 || to < from) throw new Error(`README.md has no ${START} … ${END} section`);
  return `${readme.slice(0, from + START.length)}\n${table}\n${readme.slice(to)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(README, withTable(readFileSync(README, "utf8"), builtinLegalBasis()));
  console.log("README.md: legal basis table written");
}
