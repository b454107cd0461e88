import { describe, expect, it } from "vitest";
import { dossierUnit, resolveAssignee, resolveAssigneeUnit, type WorkflowDefinition } from "../../workflows";

const context = { data: { authorityUnit: "snv", nested: { unit: "commune-1" }, empty: "", list: ["x"] }, starterUnitId: "starter-unit", dossierUnitId: "dossier-unit" };

describe("resolveAssigneeUnit", () => {
  it.each([
    ["$.data.authorityUnit", "snv"],
    ["$.data.nested.unit", "commune-1"],
    ["$starter.unit", "starter-unit"],
    [undefined, "dossier-unit"],
    ["$.data.missing", null],
    ["$.data.empty", null],
    ["$.data.list", null],
    ["$.data.nested", null],
    ["$.data.authorityUnit.deeper", null],
    ["authorityUnit", null],
    ["$.data.", null],
  ])("%s → %s", (rule, expected) => {
    expect(resolveAssigneeUnit(rule, context)).toBe(expected);
  });
});

describe("resolveAssignee", () => {
  it("makes applicant tasks personal and defaults them to the starter's unit", () => {
    expect(resolveAssignee({ role: "applicant" }, context)).toEqual({ role: "applicant", unitId: "starter-unit", personal: true, visibleToAncestors: false, source: null });
  });
  it("points at the data field an official's unit comes from", () => {
    expect(resolveAssignee({ role: "specialist", unit: "$.data.nested.unit", visibleToAncestors: true }, context)).toEqual({
      role: "specialist",
      unitId: "commune-1",
      personal: false,
      visibleToAncestors: true,
      source: "/nested/unit",
    });
  });
});

describe("dossierUnit", () => {
  const definition = {
    key: "x",
    title: { vi: "X" },
    initial: "draft",
    states: {
      draft: { title: { vi: "Soạn" }, assignee: { role: "applicant", unit: "$starter.unit" } },
      review: { title: { vi: "Xét" }, type: "compound", initial: "a", states: { a: { title: { vi: "A" }, assignee: { role: "specialist", unit: "$.data.authorityUnit" } } } },
    },
  } as WorkflowDefinition;
  it("is the authority named in the data, found in nested states", () => {
    expect(dossierUnit(definition, { authorityUnit: "snv" }, "home")).toBe("snv");
  });
  it("falls back to the starter's unit", () => {
    expect(dossierUnit(definition, {}, "home")).toBe("home");
  });
});
