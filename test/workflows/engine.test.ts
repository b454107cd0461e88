import { describe, expect, it } from "vitest";
import {
  availableEvents,
  builtinDefinitions,
  checkDefinition,
  compileWorkflow,
  EngineError,
  replay,
  sendEvent,
  startDossier,
  type Actor,
  type DossierEvent,
  type WorkflowDefinition,
} from "../../workflows";

const applicant: Actor = { id: "u-app", roles: ["applicant"] };
const specialist: Actor = { id: "u-spec", roles: ["specialist"] };
const leader: Actor = { id: "u-lead", roles: ["leader"] };
/** The least a committee needs to hand its dossier in: members for its scope and the criminal-record extract. */
const COMMITTEE = { name: "Hội Cựu giáo chức", scope: "commune", members: [{}, {}, {}], criminalRecord: "att-llpt" };

function founding() {
  const check = checkDefinition(builtinDefinitions[0]);
  if (!check.ok) throw new Error(JSON.stringify(check.problems));
  return compileWorkflow(check.definition);
}

describe("association-founding through the pure core", () => {
  const path: [DossierEvent, string][] = [
    [{ type: "SUBMIT", actor: applicant }, "committeeReview"],
    [{ type: "REQUEST_SUPPLEMENT", actor: specialist, data: { items: ["CV"] } }, "committeeSupplement"],
    [{ type: "RESUBMIT", actor: applicant, data: { note: "đã bổ sung" } }, "committeeReview"],
    [{ type: "PROPOSE", actor: specialist }, "committeeDecision"],
    [{ type: "APPROVE", actor: leader }, "committeeRecognized"],
  ];

  it("walks draft → committeeRecognized and reports entered/exited states", () => {
    const wf = founding();
    let step = startDossier(wf, COMMITTEE);
    expect(step.to).toEqual(["draft"]);
    for (const [event, expected] of path) {
      const before = step.to;
      step = sendEvent(wf, step.snapshot, event);
      expect(step.to).toEqual([expected]);
      expect(step.exited).toEqual(before);
      expect(step.entered).toEqual([expected]);
    }
    expect(step.snapshot.context.data).toMatchObject({ name: "Hội Cựu giáo chức", note: "đã bổ sung" });
  });

  it("replays a history to exactly the same snapshot, also through JSON", () => {
    const wf = founding();
    let snapshot = startDossier(wf, COMMITTEE).snapshot;
    for (const [event] of path) snapshot = JSON.parse(JSON.stringify(sendEvent(wf, snapshot, event).snapshot));
    expect(replay(wf, COMMITTEE, path.map(([e]) => e))).toEqual(snapshot);
  });

  it("refuses an event that is not possible now, listing the ones that are", () => {
    const wf = founding();
    const { snapshot } = startDossier(wf, {});
    const error = (() => {
      try {
        sendEvent(wf, snapshot, { type: "APPROVE", actor: leader });
      } catch (e) {
        return e as EngineError;
      }
    })();
    expect(error).toBeInstanceOf(EngineError);
    expect(error?.code).toBe("EVENT_NOT_ALLOWED");
    expect(error?.details.allowedEvents).toEqual(["SUBMIT", "WITHDRAW"]);
  });

  it("refuses an actor without the state's role", () => {
    const wf = founding();
    const submitted = sendEvent(wf, startDossier(wf, COMMITTEE).snapshot, { type: "SUBMIT", actor: applicant }).snapshot;
    expect(() => sendEvent(wf, submitted, { type: "PROPOSE", actor: applicant })).toThrowError(
      expect.objectContaining({ code: "ROLE_NOT_ALLOWED" }),
    );
    expect(availableEvents(wf, submitted, specialist).map((e) => e.type)).toEqual(["REQUEST_SUPPLEMENT", "PROPOSE", "PROPOSE_REJECTION"]);
    expect(availableEvents(wf, submitted, applicant)).toEqual([]);
  });
});

const minimal = (states: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  key: "test-flow",
  title: { vi: "Thử" },
  initial: "a",
  states,
  ...extra,
});

describe("checkDefinition reports every problem", () => {
  it.each([
    ["unknown target", minimal({ a: { title: { vi: "A" }, on: { GO: { target: "nowhere" } } } }), "UNKNOWN_STATE", "/states/a/on/GO/target"],
    ["missing initial", { ...minimal({ a: { title: { vi: "A" } } }), initial: "zzz" }, "UNKNOWN_INITIAL", "/initial"],
    ["event without target or actions", minimal({ a: { title: { vi: "A" }, on: { GO: {} } } }), "MISSING_TARGET", "/states/a/on/GO/target"],
    ["unknown data action", minimal({ a: { title: { vi: "A" }, on: { GO: { actions: ["khongCo"] } } } }), "UNKNOWN_ACTION", "/states/a/on/GO/actions/0"],
    ["reserved CHILD_UPDATE", minimal({ a: { title: { vi: "A" }, on: { CHILD_UPDATE: { target: "a" } } } }), "RESERVED_EVENT", "/states/a/on/CHILD_UPDATE"],
    ["bad spawn path", minimal({ a: { title: { vi: "A" }, spawn: { workflow: "x", forEach: "$.data.units", unit: "$.units.id" } } }), "BAD_SPAWN_VALUE", "/states/a/spawn/unit"],
    [
      "unreachable state",
      minimal({ a: { title: { vi: "A" }, on: { GO: { target: "b" } } }, b: { title: { vi: "B" }, type: "final" }, c: { title: { vi: "C" }, type: "final" } }),
      "UNREACHABLE_STATE",
      "/states/c",
    ],
    [
      "bad JSONLogic",
      minimal({ a: { title: { vi: "A" }, on: { GO: { target: "b", guard: { condition: { frobnicate: [1] } } } } }, b: { title: { vi: "B" }, type: "final" } }),
      "BAD_CONDITION",
      "/states/a/on/GO/guard/condition",
    ],
    [
      "compound state without initial",
      minimal({ a: { title: { vi: "A" }, states: { x: { title: { vi: "X" } } } } }),
      "MISSING_INITIAL",
      "/states/a/initial",
    ],
  ])("%s", (_name, def, code, path) => {
    const check = checkDefinition(def);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.problems).toContainEqual(expect.objectContaining({ code, path }));
  });

  it("lists several problems at once", () => {
    const check = checkDefinition(
      minimal({ a: { title: { vi: "A" }, on: { GO: { target: "x" }, BACK: { target: "y" } } }, z: { title: { vi: "Z" } } }),
    );
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.problems.map((p) => p.code).sort()).toEqual(["UNKNOWN_STATE", "UNKNOWN_STATE", "UNREACHABLE_STATE"]);
  });
});

describe("nested, parallel and conditional states", () => {
  const def = minimal(
    {
      a: {
        title: { vi: "A" },
        on: {
          GO: [
            { target: "big", guard: { condition: { ">": [{ var: "data.amount" }, { var: "config.threshold" }] } } },
            { target: "small" },
          ],
        },
      },
      small: { title: { vi: "Nhỏ" }, assignee: { role: "leader" }, on: { APPROVE: { target: "done" } } },
      big: {
        title: { vi: "Lớn" },
        type: "parallel",
        states: {
          first: {
            title: { vi: "Lãnh đạo 1" },
            initial: "firstPending",
            states: {
              firstPending: { title: { vi: "Chờ" }, on: { APPROVE_1: { target: "firstDone", guard: { role: "leader" } } } },
              firstDone: { title: { vi: "Xong" }, type: "final" },
            },
          },
          second: {
            title: { vi: "Lãnh đạo 2" },
            initial: "secondPending",
            states: {
              secondPending: { title: { vi: "Chờ" }, on: { APPROVE_2: { target: "secondDone", guard: { role: "leader" } } } },
              secondDone: { title: { vi: "Xong" }, type: "final" },
            },
          },
        },
        on: { RETURN: { target: "a", guard: { role: "leader" } } },
        always: [{ target: "done", guard: { condition: { and: [{ var: "data.ok1" }, { var: "data.ok2" }] } } }],
      },
      done: { title: { vi: "Xong" }, type: "final" },
    },
    { config: { threshold: 100 } },
  );

  it("picks the first passing guarded alternative", () => {
    const check = checkDefinition(def);
    expect(check).toMatchObject({ ok: true });
    if (!check.ok) return;
    const wf = compileWorkflow(check.definition as WorkflowDefinition);
    const small = sendEvent(wf, startDossier(wf, { amount: 50 }).snapshot, { type: "GO", actor: applicant });
    expect(small.to).toEqual(["small"]);
    const big = sendEvent(wf, startDossier(wf, { amount: 500 }).snapshot, { type: "GO", actor: applicant });
    expect(big.to).toEqual(["firstPending", "secondPending"]);
    expect(big.entered).toEqual(["big", "first", "firstPending", "second", "secondPending"]);
    const one = sendEvent(wf, big.snapshot, { type: "APPROVE_1", actor: leader });
    expect(one.to).toEqual(["firstDone", "secondPending"]);
    const back = sendEvent(wf, one.snapshot, { type: "RETURN", actor: leader });
    expect(back.to).toEqual(["a"]);
    expect(back.exited.sort()).toEqual(["big", "first", "firstDone", "second", "secondPending"]);
  });
});
