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
      { path: "/fund", id: "f", kinds: ["fund"], own: false },
      { path: "/authority", id: "a", kinds: ["association"], own: false },
      { path: "/any", id: "x", kinds: null, own: false },
      { path: "/a~1b/0/unitId", id: "u0", kinds: null, own: false },
      { path: "/a~1b/1/unitId", id: "u1", kinds: null, own: false },
      { path: "/tags/0", id: "t0", kinds: ["commune", "district"], own: false },
      { path: "/tags/1", id: "t0", kinds: ["commune", "district"], own: false },
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

  it("x-unit-kinds-by: the kinds follow a top-level field (a commune association's authority is a commune)", () => {
    const byScope = {
      type: "object",
      properties: {
        scope: { type: "string" },
        authority: { type: "string", format: "unit", "x-unit-kinds": ["office", "province"], "x-unit-kinds-by": { field: "scope", kinds: { commune: ["commune"] } } },
      },
    };
    expect(unitRefs(byScope, { scope: "commune", authority: "a" })).toEqual([{ path: "/authority", id: "a", kinds: ["commune"], own: false }]);
    expect(unitRefs(byScope, { scope: "province", authority: "a" })).toEqual([{ path: "/authority", id: "a", kinds: ["office", "province"], own: false }]);
    // A hostile value (a prototype key, a non-string) falls back to the field's own kinds.
    expect(unitRefs(byScope, { scope: "__proto__", authority: "a" })[0]!.kinds).toEqual(["office", "province"]);
    expect(unitRefs(byScope, { scope: ["commune"], authority: "a" })[0]!.kinds).toEqual(["office", "province"]);
    const form = (by: unknown) => ({
      key: "k",
      title: { vi: "Mẫu" },
      schema: { type: "object", properties: { s: { type: "string" }, u: { type: "string", format: "unit", "x-unit-kinds-by": by } } },
      uischema: { type: "Control", scope: "#/properties/u" },
    });
    expect(checkForm(form({ field: "s", kinds: { commune: ["commune"] } }))).toEqual([]);
    expect(checkForm(form({ field: "s", kinds: { commune: ["village"] } })).length).toBeGreaterThan(0);
    expect(checkForm(form({ kinds: {} })).length).toBeGreaterThan(0);
  });
});
