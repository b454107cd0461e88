import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { builtinDefinitions, checkDefinition, LegalSource, legalFigures, SettingSource, WorkflowDefinition } from "../../workflows";
import { builtinLegalBasis, END, README, START } from "../../scripts/legal-basis";

const figures = builtinDefinitions.flatMap((input) => legalFigures(WorkflowDefinition.parse(input)));

describe("legal figures of the built-in definitions", () => {
  it("finds the figures the law fixes: minimums, deadlines, the congress limit, report cut-offs, fund limits", () => {
    const paths = figures.map((f) => `${f.workflow}:${f.path}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        "association-founding:config.minCommitteeMembers.province",
        "association-founding:config.minRegisteredMembers.commune",
        "association-founding:states.committeeReview.deadline.workingDays",
        "association-founding:config.congress.periodDays",
        "association-founding:config.congress.extensionMaxDays",
        "association-founding:config.congress.reportWorkingDays",
        "association-dissolution:states.dissolutionReview.deadline.workingDays",
        "plan:config.reportingPeriods.sixMonth.cutoffMonthDay",
        "plan:config.reportingPeriods.annual.dueDaysAfterCutoff",
        "fund-disbursement:config.twoLeaderThreshold",
        "fund-disbursement:states.verification.deadline.workingDays",
      ]),
    );
    // The congress period is a config figure now: it runs from the permission's effective date, the timer reads the date.
    expect(figures.find((f) => f.path === "config.congress.periodDays")?.value).toBe(90);
  });

  it.each(figures.map((f) => [`${f.workflow}:${f.path}`, f] as const))("%s has a structured source (decree … verified, or a setting)", (_, figure) => {
    const legal = LegalSource.safeParse(figure.source);
    const setting = SettingSource.safeParse(figure.source);
    expect(legal.success || setting.success, `${figure.workflow} ${figure.path}: ${JSON.stringify(figure.source)}`).toBe(true);
  });

  it("fails a figure without a source, one with free text only, and a config source naming nothing", () => {
    const bare = { key: "bare", title: { vi: "Thử" }, initial: "a", states: { a: { title: { vi: "A" }, deadline: { workingDays: 5, source: "Nghị định X" } } }, config: { limit: 3 } };
    const found = legalFigures(WorkflowDefinition.parse(bare));
    expect(found.map((f) => [f.path, LegalSource.safeParse(f.source).success])).toEqual([
      ["config.limit", false],
      ["states.a.deadline.workingDays", false],
    ]);
    const stray = checkDefinition({ ...bare, configSources: { limt: { setting: "typo" } } });
    expect(stray.ok ? [] : stray.problems.map((p) => [p.code, p.path])).toEqual([["UNKNOWN_CONFIG_SOURCE", "/configSources/limt"]]);
    const halfDone = checkDefinition({ ...bare, configSources: { limit: { decree: "Nghị định 45/2010/NĐ-CP" } } });
    expect(halfDone.ok).toBe(false); // `verified` is required
  });

  it("the README's Legal basis table is the generated one and lists every figure with its value", () => {
    const readme = readFileSync(README, "utf8");
    const section = readme.slice(readme.indexOf(START) + START.length, readme.indexOf(END)).trim();
    expect(section, "run `npm run legal-basis`").toBe(builtinLegalBasis());
    for (const f of figures) expect(section).toContain(`| \`${f.workflow}\` | \`${f.path}\` |`);
  });
});
