import { describe, expect, it } from "vitest";
import {
  builtinDefinitions,
  CHILD_UPDATE,
  checkDefinition,
  compileWorkflow,
  replay,
  sendEvent,
  startDossier,
  SYSTEM_ACTOR,
  type Actor,
  type ChildEntry,
  type DossierEvent,
  type DossierSnapshot,
} from "../../workflows";

const drafter: Actor = { id: "u-draft", roles: ["specialist"] };
const leader: Actor = { id: "u-lead", roles: ["leader"] };

function compiled(key: string) {
  const check = checkDefinition(builtinDefinitions.find((d) => (d as { key: string }).key === key));
  if (!check.ok) throw new Error(JSON.stringify(check.problems));
  return compileWorkflow(check.definition);
}

const units = ["a", "b", "c"].map((id) => ({ unitId: `unit-${id}`, unitName: `Huyện ${id.toUpperCase()}`, assignment: "Duy trì mô hình" }));
const planData = {
  title: "Kế hoạch thử",
  reportToUnit: "unit-bpt",
  approvalUnit: "unit-btt",
  participatingUnits: units,
  indicators: [{ code: "MH", name: "Mô hình điểm", unitOfMeasure: "mô hình", target: 3 }],
  startDate: "2023-03-01",
  endDate: "2023-11-30",
  reportDeadline: "2023-12-05",
};

describe("plan and its child reports in the pure engine", () => {
  const wf = compiled("plan");
  const events: DossierEvent[] = [];
  const send = (snapshot: DossierSnapshot, event: DossierEvent) => {
    events.push(event);
    return sendEvent(wf, snapshot, event);
  };

  it("asks for one child per participating unit on approval, keyed by round and unit", () => {
    let step = startDossier(wf, { ...planData, $children: "forged" });
    expect(step.snapshot.context.data.$children).toBeUndefined();
    step = send(step.snapshot, { type: "SUBMIT", actor: drafter });
    step = send(step.snapshot, { type: "APPROVE", actor: leader, data: { signer: "A", effectiveDate: "2023-03-01" } });
    expect(step.to).toEqual(["inEffect"]);
    expect(step.spawn.map((s) => [s.key, s.workflow, s.unit, s.title])).toEqual([
      ["report:unit-a", "unit-report", "unit-a", "Báo cáo kết quả thực hiện kế hoạch — Huyện A"],
      ["report:unit-b", "unit-report", "unit-b", "Báo cáo kết quả thực hiện kế hoạch — Huyện B"],
      ["report:unit-c", "unit-report", "unit-c", "Báo cáo kết quả thực hiện kế hoạch — Huyện C"],
    ]);
    expect(step.spawn[0]!.data).toMatchObject({ unitId: "unit-a", reviewUnit: "unit-bpt", dueDate: "2023-12-05", indicators: planData.indicators });
    expect(step.snapshot.context.data.$childrenOpen).toBe(3);

    // Nobody but the engine may report on children.
    expect(() => sendEvent(wf, step.snapshot, { type: CHILD_UPDATE, actor: drafter, data: { key: "report:unit-a", id: "x", state: "accepted", final: true } })).toThrowError(
      expect.objectContaining({ code: "ROLE_NOT_ALLOWED" }),
    );
    // Before the deadline, with open children, the drafter cannot compile.
    expect(() => sendEvent(wf, step.snapshot, { type: "COMPILE", actor: drafter, at: "2023-12-05T16:59:00Z" })).toThrowError(
      expect.objectContaining({ code: "CONDITION_FAILED" }),
    );
    // After the deadline (Vietnam time) the drafter may.
    expect(sendEvent(wf, step.snapshot, { type: "COMPILE", actor: drafter, at: "2023-12-05T17:00:00Z" }).to).toEqual(["compiling"]);

    // Children finishing one by one; the last one moves the plan on by itself.
    for (const [i, unit] of units.entries()) {
      step = send(step.snapshot, { type: CHILD_UPDATE, actor: SYSTEM_ACTOR, data: { key: `report:${unit.unitId}`, id: `child-${i}`, state: "accepted", final: true } });
      expect(step.to).toEqual([i < 2 ? "inEffect" : "compiling"]);
    }
    const children = step.snapshot.context.data.$children as ChildEntry[];
    expect(children.map((c) => [c.id, c.state, c.final])).toEqual([
      ["child-0", "accepted", true],
      ["child-1", "accepted", true],
      ["child-2", "accepted", true],
    ]);
    // An update about a child of another round changes nothing.
    const stray = sendEvent(wf, step.snapshot, { type: CHILD_UPDATE, actor: SYSTEM_ACTOR, data: { key: "2022-Y:unit-a", id: "old", state: "pending", final: false } });
    expect(stray.snapshot).toEqual(step.snapshot);

    step = send(step.snapshot, { type: "SUBMIT", actor: drafter, data: { planSummary: { ok: 1 }, note: "x" } });
    step = send(step.snapshot, { type: "APPROVE", actor: leader, data: { signer: "B", effectiveDate: "2023-12-10" } });
    expect(step.to).toEqual(["closed"]);
    expect(step.snapshot.status).toBe("done");
    expect(replay(wf, { ...planData, $children: "forged" }, events)).toEqual(step.snapshot);
  });

  it("runs recurring rounds: six-month then annual, new children each round", () => {
    let step = startDossier(wf, { ...planData, recurrence: "six-month-and-annual", startDate: "2024-01-01", endDate: "2024-12-31" });
    step = sendEvent(wf, step.snapshot, { type: "SUBMIT", actor: drafter });
    step = sendEvent(wf, step.snapshot, { type: "APPROVE", actor: leader });
    expect((step.snapshot.context.data.$rounds as { key: string; dueDate: string }[]).map((r) => [r.key, r.dueDate])).toEqual([
      ["2024-H1", "2024-06-20"],
      ["2024-Y", "2024-12-20"],
    ]);
    expect(step.spawn.map((s) => s.key)).toEqual(["2024-H1:unit-a", "2024-H1:unit-b", "2024-H1:unit-c"]);
    step = sendEvent(wf, step.snapshot, { type: "COMPILE", actor: drafter, at: "2024-06-21T03:00:00Z" });
    step = sendEvent(wf, step.snapshot, { type: "SUBMIT", actor: drafter, data: { planSummary: { round: "H1" } } });
    step = sendEvent(wf, step.snapshot, { type: "APPROVE", actor: leader });
    expect(step.to).toEqual(["inEffect"]);
    expect(step.spawn.map((s) => [s.key, s.data.dueDate])).toEqual([
      ["2024-Y:unit-a", "2024-12-20"],
      ["2024-Y:unit-b", "2024-12-20"],
      ["2024-Y:unit-c", "2024-12-20"],
    ]);
    expect(step.snapshot.context.data.$pastSummaries).toEqual([{ round: expect.objectContaining({ key: "2024-H1" }), summary: { round: "H1" } }]);
    // The approved summary stays (naming its round) for the report document the same step issues.
    expect(step.snapshot.context.data.planSummary).toEqual({ round: "H1" });
    step = sendEvent(wf, step.snapshot, { type: "COMPILE", actor: drafter, at: "2024-12-21T03:00:00Z" });
    step = sendEvent(wf, step.snapshot, { type: "SUBMIT", actor: drafter, data: { planSummary: { round: "Y" } } });
    step = sendEvent(wf, step.snapshot, { type: "APPROVE", actor: leader });
    expect(step.to).toEqual(["closed"]);
  });
});

describe("unit-report in the pure engine", () => {
  const wf = compiled("unit-report");
  const unit: Actor = { id: "u-dh", roles: ["specialist"] };
  const start = () => startDossier(wf, { unitId: "u", dueDate: "2023-12-05" }).snapshot;

  it("lets only the system remind (once a day, before the deadline) and mark late (after it, once)", () => {
    let s = start();
    expect(() => sendEvent(wf, s, { type: "MARK_LATE", actor: unit, at: "2023-12-07T03:00:00Z" })).toThrowError(expect.objectContaining({ code: "ROLE_NOT_ALLOWED" }));
    s = sendEvent(wf, s, { type: "REMIND", actor: SYSTEM_ACTOR, at: "2023-12-02T01:00:00Z" }).snapshot;
    expect(() => sendEvent(wf, s, { type: "REMIND", actor: SYSTEM_ACTOR, at: "2023-12-02T05:00:00Z" })).toThrowError(expect.objectContaining({ code: "CONDITION_FAILED" }));
    expect(() => sendEvent(wf, s, { type: "MARK_LATE", actor: SYSTEM_ACTOR, at: "2023-12-05T16:00:00Z" })).toThrowError(expect.objectContaining({ code: "CONDITION_FAILED" }));
    const late = sendEvent(wf, s, { type: "MARK_LATE", actor: SYSTEM_ACTOR, at: "2023-12-05T17:00:00Z" });
    expect(late.to).toEqual(["pending"]);
    expect(late.entered).toEqual([]);
    expect(late.snapshot.context.data).toMatchObject({ $late: true, $lateSince: "2023-12-06", $reminders: ["2023-12-02"] });
    expect(() => sendEvent(wf, late.snapshot, { type: "MARK_LATE", actor: SYSTEM_ACTOR, at: "2023-12-07T03:00:00Z" })).toThrowError(expect.objectContaining({ code: "CONDITION_FAILED" }));
  });

  it("keeps the engine's $-fields out of reach of submitted data", () => {
    const s = sendEvent(wf, start(), { type: "SUBMIT", actor: unit, data: { actuals: [{ code: "MH", value: 1 }], $late: false } }).snapshot;
    expect(s.context.data).toMatchObject({ actuals: [{ code: "MH", value: 1 }] });
    expect(s.context.data.$late).toBeUndefined();
  });
});
