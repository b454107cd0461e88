import { describe, expect, it } from "vitest";
import {
  checkDefinition,
  compileWorkflow,
  EngineError,
  MAX_MICROSTEPS,
  sendEvent,
  startDossier,
  WorkflowDefinition,
  type Actor,
} from "../../workflows";
import { evaluateCondition } from "../../workflows/json-logic";

const applicant: Actor = { id: "u-app", roles: ["applicant"] };
const title = (vi: string) => ({ vi });

/** Two states whose eventless transitions lead to each other, entered by GO (the attack of issue 16, item 4). */
const pingPong = {
  key: "ping-pong",
  title: title("Vòng lặp"),
  initial: "a",
  states: {
    a: { title: title("A"), on: { GO: { target: "b" } } },
    b: { title: title("B"), always: [{ target: "c" }] },
    c: { title: title("C"), always: [{ target: "b" }] },
  },
};

/** Doubles an array once per item of `data.items`: 2^24 elements for 24 items. */
const doubling = { "!!": [{ reduce: [{ var: "data.items" }, { merge: [{ var: "accumulator" }, { var: "accumulator" }] }, [1]] }] };

function problemsOf(input: unknown, options: Parameters<typeof checkDefinition>[1] = {}) {
  const result = checkDefinition(input, options);
  return result.ok ? [] : result.problems;
}

/** The error a step throws, or fails the test when it answers. */
function refusal(step: () => unknown): EngineError {
  try {
    step();
  } catch (e) {
    if (e instanceof EngineError) return e;
    throw e;
  }
  throw new Error("the step was not refused");
}

describe("checkDefinition and the server's computations", () => {
  const withCompute = (compute: string[]) => ({
    key: "tinh-toan",
    title: title("Tính toán"),
    initial: "a",
    states: { a: { title: title("A"), on: { GO: { target: "b", compute } } }, b: { title: title("B"), type: "final" } },
  });

  it("refuses a compute name the server does not know, at its pointer", () => {
    const problems = problemsOf(withCompute(["planSummary", "khongCo"]), { knownComputations: new Set(["planSummary"]) });
    expect(problems).toEqual([expect.objectContaining({ path: "/states/a/on/GO/compute/1", code: "UNKNOWN_COMPUTATION", message: expect.stringContaining("khongCo") })]);
  });

  it("accepts the names the server knows", () => {
    expect(problemsOf(withCompute(["planSummary"]), { knownComputations: new Set(["planSummary"]) })).toEqual([]);
  });
});

describe("checkDefinition and cycles of eventless transitions", () => {
  it("refuses two states whose always transitions lead to each other, naming both", () => {
    const problems = problemsOf(pingPong).filter((p) => p.code === "ALWAYS_CYCLE");
    expect(problems.map((p) => p.path).sort()).toEqual(["/states/b/always/0", "/states/c/always/0"]);
    expect(problems[0]!.message).toMatch(/b → c → b|c → b → c/);
  });

  it("refuses a cycle whatever its guards say (they cannot be proven never all true)", () => {
    const guarded = structuredClone(pingPong) as typeof pingPong & { states: { b: { always: object[] } } };
    guarded.states.b.always = [{ target: "c", guard: { condition: { "==": [{ var: "data.x" }, 1] } } }];
    expect(problemsOf(guarded).map((p) => p.code)).toContain("ALWAYS_CYCLE");
  });

  it("sees a cycle through a parent's initial state and refuses a targetless always", () => {
    const viaParent = {
      key: "qua-cha",
      title: title("Qua trạng thái cha"),
      initial: "start",
      states: {
        start: { title: title("Bắt đầu"), on: { GO: { target: "p" } } },
        p: { title: title("P"), initial: "x", states: { x: { title: title("X"), always: [{ target: "p" }] } } },
        stay: { title: title("Ở lại"), always: [{ actions: ["recordLateness"] }] },
      },
    };
    const withStay = { ...viaParent, states: { ...viaParent.states, start: { title: title("Bắt đầu"), on: { GO: { target: "p" }, STAY: { target: "stay" } } } } };
    const paths = problemsOf(withStay).filter((p) => p.code === "ALWAYS_CYCLE").map((p) => p.path).sort();
    expect(paths).toEqual(["/states/p/states/x/always/0", "/states/stay/always/0"]);
  });

  it("accepts a chain of eventless transitions that ends", () => {
    const chain = {
      key: "chuoi",
      title: title("Chuỗi"),
      initial: "a",
      states: {
        a: { title: title("A"), on: { GO: { target: "b" } } },
        b: { title: title("B"), always: [{ target: "c", guard: { condition: { "==": [{ var: "data.x" }, 1] } } }, { target: "d" }] },
        c: { title: title("C"), always: [{ target: "d" }] },
        d: { title: title("D"), type: "final" },
      },
    };
    expect(problemsOf(chain)).toEqual([]);
  });
});

describe("the engine's microstep cap", () => {
  // A definition stored before the check existed: compiled without it.
  const wf = compileWorkflow(WorkflowDefinition.parse(pingPong));

  it(`refuses a step that does not settle within ${MAX_MICROSTEPS} microsteps, instead of spinning`, () => {
    const start = startDossier(wf, {});
    const error = refusal(() => sendEvent(wf, start.snapshot, { type: "GO", actor: applicant }));
    expect(error.code).toBe("WORKFLOW_LOOP");
  });
});

describe("the JSONLogic budget", () => {
  const scope = (items: unknown[]) => ({ data: { items }, event: {}, actor: null, config: {} });

  it("stops a reduce that doubles an array per item", () => {
    const items = Array.from({ length: 24 }, (_, i) => i);
    expect(refusal(() => evaluateCondition(doubling, scope(items))).code).toBe("CONDITION_TOO_COSTLY");
  });

  it("lets ordinary conditions over 200 lines through", () => {
    const lines = Array.from({ length: 200 }, (_, i) => ({ amount: 1000 + i }));
    const rule = { all: [{ var: "data.items" }, { ">": [{ var: "amount" }, 0] }] };
    expect(evaluateCondition(rule, scope(lines))).toBe(true);
    const sum = { ">": [{ reduce: [{ var: "data.items" }, { "+": [{ var: "accumulator" }, { var: "current.amount" }] }, 0] }, 200_000] };
    expect(evaluateCondition(sum, scope(lines))).toBe(true);
  });

  const costly = (where: "on" | "always") => ({
    key: "ton-kem",
    title: title("Tốn kém"),
    initial: "a",
    states: {
      a: { title: title("A"), on: { GO: where === "on" ? { target: "c", guard: { condition: doubling } } : { target: "b" }, SKIP: { target: "b" } } },
      b: { title: title("B"), always: [{ target: "c", guard: { condition: doubling } }] },
      c: { title: title("C"), type: "final" },
    },
  });

  it.each(["on", "always"] as const)("refuses a step whose %s condition goes over its budget", (where) => {
    const check = checkDefinition(costly(where));
    if (!check.ok) throw new Error(JSON.stringify(check.problems));
    const wf = compileWorkflow(check.definition);
    const start = startDossier(wf, { items: Array.from({ length: 24 }, (_, i) => i) });
    const error = refusal(() => sendEvent(wf, start.snapshot, { type: "GO", actor: applicant }));
    expect(error.code).toBe("CONDITION_TOO_COSTLY");
  });
});
