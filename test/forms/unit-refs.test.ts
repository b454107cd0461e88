import { describe, expect, it } from "vitest";
import { checkForm, unitRefs } from "../../forms";

describe("unit references in form data", () => {
  const schema = {
    type: "object",
    properties: {
      fund: { type: "string", format: "unit", "x-unit-kinds": ["fund"] },
      authority: { type: "string", format: "unit", "x-unit-picker": { level: "association" } },
      any: { type: "string", format: "unit", "x-unit-picker": { level: "any" } },
      "a/b": { type: "array", items: { type: "object", properties: { unitId: { type: "string", format: "unit" } } } },
      tags: { type: "array", items: { type: "string", format: "unit", "x-unit-kinds": ["commune", "district"] } },
    },
  };

  it("finds every one, at any depth and in arrays, with its JSON pointer and allowed kinds", () => {
    const data = { fund: "f", authority: "a", any: "x", "a/b": [{ unitId: "u0" }, { unitId: "u1" }], tags: ["t0", "t0"], other: "not a unit" };
    expect(unitRefs(schema, data)).toEqual([
      { path: "/fund", id: "f", kinds: ["fund"] },
      { path: "/authority", id: "a", kinds: ["association"] },
      { path: "/any", id: "x", kinds: null },
      { path: "/a~1b/0/unitId", id: "u0", kinds: null },
      { path: "/a~1b/1/unitId", id: "u1", kinds: null },
      { path: "/tags/0", id: "t0", kinds: ["commune", "district"] },
      { path: "/tags/1", id: "t0", kinds: ["commune", "district"] },
    ]);
  });

  it("accepts x-unit-kinds in a form definition and refuses an unknown kind", () => {
    const form = (kinds: unknown) => ({
      key: "k",
      title: { vi: "Mẫu" },
      schema: { type: "object", properties: { u: { type: "string", format: "unit", "x-unit-kinds": kinds } } },
      uischema: { type: "Control", scope: "#/properties/u" },
    });
    expect(checkForm(form(["commune"]))).toEqual([]);
    expect(checkForm(form(["village"])).length).toBeGreaterThan(0);
  });
});
