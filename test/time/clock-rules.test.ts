import { describe, expect, it } from "vitest";
import { builtinDefinitions, compileWorkflow, type WorkflowDefinition } from "../../workflows";
import { clockActions, clockRules, type LiveClock } from "../../workflows/clock-rules";

const founding = compileWorkflow(builtinDefinitions.find((d) => (d as WorkflowDefinition).key === "association-founding") as WorkflowDefinition);

describe("clock rules of a definition", () => {
  it("groups states by the deadline's `from`: review, the Sở's tờ trình and the decision share one clock", () => {
    expect(clockRules(founding).map((r) => [r.key, r.rule.workingDays, r.runIn, r.pauseIn])).toEqual([
      ["committeeReview", 30, ["committeeReview", "committeeDecision"], ["committeeSupplement"]],
      ["foundingReview", 60, ["foundingReview", "foundingSubmission", "foundingDecision"], ["foundingSupplement"]],
      ["charterReview", 30, ["charterReview", "charterSubmission", "charterDecision"], ["charterSupplement"]],
    ]);
  });

  const rules = clockRules(founding);
  const cases: [string, string[], [string, LiveClock][], [string, string][]][] = [
    ["entering review starts its clock", ["committeeReview"], [], [["committeeReview", "start"]]],
    ["review → decision keeps it running", ["committeeDecision"], [["committeeReview", "running"]], []],
    ["a supplement request pauses it", ["committeeSupplement"], [["committeeReview", "running"]], [["committeeReview", "pause"]]],
    // Founding's one-stop rule: the time runs again in full from the complete dossier (`oneStop.clockOnSupplement`).
    ["a resubmission restarts it", ["committeeReview"], [["committeeReview", "paused"]], [["committeeReview", "restart"]]],
    ["still waiting: nothing", ["committeeSupplement"], [["committeeReview", "paused"]], []],
    ["a decision stops it", ["committeeRecognized"], [["committeeReview", "running"]], [["committeeReview", "stop"]]],
    ["withdrawal while paused stops it", ["withdrawn"], [["committeeReview", "paused"]], [["committeeReview", "stop"]]],
    ["a pause state entered without a clock starts nothing", ["committeeSupplement"], [], []],
    [
      "the next phase stops one clock and starts another",
      ["foundingReview"],
      [["committeeReview", "running"]],
      [
        ["committeeReview", "stop"],
        ["foundingReview", "start"],
      ],
    ],
  ];
  it.each(cases)("%s", (_, active, live, expected) => {
    expect(clockActions(rules, new Set(active), new Map(live)).map((a) => [a.rule.key, a.action])).toEqual(expected);
  });

  it("resumes with the days left where the procedure says pause, and without a one-stop block", () => {
    const { oneStop, ...plain } = founding.definition;
    const paused = compileWorkflow({ ...founding.definition, oneStop: { ...oneStop!, clockOnSupplement: { ...oneStop!.clockOnSupplement, rule: "pause" } } });
    for (const wf of [paused, compileWorkflow(plain)]) {
      const actions = clockActions(clockRules(wf), new Set(["committeeReview"]), new Map([["committeeReview", "paused" as LiveClock]]));
      expect(actions.map((a) => [a.rule.key, a.action])).toEqual([["committeeReview", "resume"]]);
    }
  });
});
