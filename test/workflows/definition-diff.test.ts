/** What changes between two versions of a definition, as the publish confirmation lists it. */
import { describe, expect, it } from "vitest";
import { diffDefinitions, type WorkflowDefinition } from "../../workflows";

const v1 = {
  key: "p",
  title: { vi: "P" },
  initial: "a",
  states: {
    a: { title: { vi: "A" }, on: { GO: { target: "b", title: { vi: "Đi" } }, PICK: [{ target: "b", guard: { "==": [1, 1] } }, { target: "c" }] } },
    b: { title: { vi: "B" }, states: { b1: { title: { vi: "B1" } } }, initial: "b1" },
    c: { type: "final", title: { vi: "C" } },
  },
} as unknown as WorkflowDefinition;

describe("diffDefinitions", () => {
  it("finds nothing between a definition and itself, key order aside", () => {
    const reordered = JSON.parse(JSON.stringify({ states: v1.states, initial: v1.initial, title: v1.title, key: v1.key, version: 9 }));
    expect(diffDefinitions(v1, reordered)).toEqual([]);
  });

  it("lists states and transitions added, removed and changed, nested ones too, but not the transitions of a removed state", () => {
    const v2 = JSON.parse(JSON.stringify(v1));
    v2.title = { vi: "P mới" };
    delete v2.states.c;
    v2.states.a.on.PICK = [{ target: "b", guard: { "==": [1, 2] } }];
    v2.states.a.on.STOP = { target: "d" };
    v2.states.a.always = [{ target: "d" }];
    v2.states.b.states.b1.deadline = { days: 5 };
    v2.states.d = { type: "final", title: { vi: "D" } };
    expect(diffDefinitions(v1, v2)).toEqual([
      { kind: "workflow", fields: ["title"] },
      { kind: "stateRemoved", state: "c", title: { vi: "C" } },
      { kind: "transitionRemoved", state: "a", stateTitle: { vi: "A" }, event: "PICK", title: null, target: "c" },
      { kind: "transitionChanged", state: "a", stateTitle: { vi: "A" }, event: "PICK", title: null, target: "b", fields: ["guard"] },
      { kind: "transitionAdded", state: "a", stateTitle: { vi: "A" }, event: "STOP", title: null, target: "d" },
      { kind: "transitionAdded", state: "a", stateTitle: { vi: "A" }, event: null, title: null, target: "d" },
      { kind: "stateChanged", state: "b1", title: { vi: "B1" }, fields: ["deadline"] },
      { kind: "stateAdded", state: "d", title: { vi: "D" } },
    ]);
  });

  it("calls every state new when there is no running version", () => {
    expect(diffDefinitions(null, v1).map((c) => c.kind)).toEqual(["stateAdded", "stateAdded", "stateAdded", "stateAdded"]);
  });
});
