/**
 * Accessibility check for the browser tests: axe-core (the engine behind Lighthouse and most audit
 * tools) injected into the page as it is now, failing the test on any serious or critical violation.
 *
 * Use it on every page state a browser test visits, after the state has rendered:
 *
 *   import { expectNoSeriousA11yViolations } from "../support/axe";
 *   await expectNoSeriousA11yViolations(page, "inbox, unit tab");
 *
 * `label` only names the state in the failure message. Open dialogs, shown errors and expanded forms
 * are checked as they are on screen, so call it again after each change worth checking. Minor and
 * moderate findings do not fail the test (set AXE_VERBOSE=1 to print them). AXE_REPORT_ONLY=1 prints the
 * serious ones instead of failing, to survey a whole walk at once while fixing.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { AxeResults, Result, RunOptions } from "axe-core";
import type { Page } from "playwright-core";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const OPTIONS: RunOptions = {
  resultTypes: ["violations"],
  rules: {
    // Experimental in axe, but it is what speech-input users meet: a link whose name differs from its text.
    "label-content-name-mismatch": { enabled: true },
  },
};

const SERIOUS = new Set(["serious", "critical"]);

function describeViolation(v: Result): string {
  const nodes = v.nodes
    .slice(0, 5)
    .map((n) => `    ${n.target.join(" ")}\n      ${(n.failureSummary ?? "").replace(/\n/g, "\n      ")}`)
    .join("\n");
  const more = v.nodes.length > 5 ? `\n    … and ${v.nodes.length - 5} more` : "";
  return `  [${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} node${v.nodes.length === 1 ? "" : "s"})\n${nodes}${more}`;
}

/** Runs axe-core on the page as it is and returns its violations of every impact. */
export async function axeViolations(page: Page): Promise<Result[]> {
  if (!(await page.evaluate("typeof window.axe === 'object'"))) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate<AxeResults>(`window.axe.run(document, ${JSON.stringify(OPTIONS)})`);
  return results.violations;
}

/** Fails with a readable list (rule, help, the offending elements) when axe finds a serious or critical violation. */
export async function expectNoSeriousA11yViolations(page: Page, label: string): Promise<void> {
  const violations = await axeViolations(page);
  const serious = violations.filter((v) => SERIOUS.has(v.impact ?? ""));
  if (process.env.AXE_VERBOSE) {
    const rest = violations.filter((v) => !SERIOUS.has(v.impact ?? ""));
    if (rest.length) console.log(`axe, ${label} (not failing):\n${rest.map(describeViolation).join("\n")}`);
  }
  if (!serious.length) return;
  if (process.env.AXE_REPORT_ONLY) return void console.log(`axe, ${label}:\n${serious.map(describeViolation).join("\n")}`);
  throw new Error(`axe: ${serious.length} serious or critical accessibility violation(s) on "${label}" (${page.url()}):\n${serious.map(describeViolation).join("\n")}`);
}
