import { describe, expect, it } from "vitest";
import { builtinForm, createAjv, plausibilityProblems } from "../../forms";

const ctx = { today: "2026-12-04", started: "2026-11-02", data: null };
const schema = {
  type: "object",
  properties: {
    heldOn: { type: "string", format: "date", "x-plausible": { notBefore: ["started"], notAfter: ["today"] } },
    effectiveDate: { type: "string", format: "date", "x-plausible": { notBefore: [{ ref: "started", days: -365 }] } },
    lines: {
      type: "array",
      items: {
        type: "object",
        properties: {
          birthYear: { type: "integer", "x-plausible": { notBefore: ["1900-01-01"], notAfter: ["today"] } },
          amount: { type: "integer", "x-confirm-above": { amount: 1_000_000_000, field: "amountConfirmed" } },
          amountConfirmed: { type: "boolean" },
        },
      },
    },
  },
};

describe("plausibility rules as data (pure, today handed in)", () => {
  it("accepts dates inside the window and years up to this year", () => {
    expect(plausibilityProblems(schema, { heldOn: "2026-12-04", effectiveDate: "2025-11-02", lines: [{ birthYear: 2026 }, { birthYear: 1900 }] }, ctx)).toEqual([]);
  });

  it("refuses a congress in 2031 or before the dossier, a decision in 1999, birth years 2030 and 1850", () => {
    const problems = plausibilityProblems(schema, { heldOn: "2031-01-01", effectiveDate: "1999-01-01", lines: [{ birthYear: 2030 }, { birthYear: 1850 }] }, ctx);
    expect(problems.map((p) => p.path)).toEqual(["/heldOn", "/effectiveDate", "/lines/0/birthYear", "/lines/1/birthYear"]);
    expect(problems[0]!.message).toBe("01/01/2031 quá muộn: không được sau hôm nay (04/12/2026)");
    expect(problems[1]!.message).toBe("01/01/1999 quá sớm: không được trước ngày lập hồ sơ (02/11/2025)");
    expect(problems[2]!.message).toBe("2030 quá muộn: không được sau hôm nay (2026)");
    expect(plausibilityProblems(schema, { heldOn: "2026-11-01" }, ctx)).toEqual([expect.objectContaining({ path: "/heldOn", code: "dateWindow" })]);
  });

  it("needs amountConfirmed exactly true above the threshold; a \"yes\" string does not confirm", () => {
    const big = 1_000_000_000_000_000;
    expect(plausibilityProblems(schema, { lines: [{ amount: 1_000_000_000 }] }, ctx)).toEqual([]);
    for (const confirmed of [undefined, "yes", 1, "true", false]) {
      const problems = plausibilityProblems(schema, { lines: [{ amount: big, amountConfirmed: confirmed }] }, ctx);
      expect(problems).toEqual([expect.objectContaining({ path: "/lines/0/amountConfirmed", code: "confirmAmount" })]);
      expect(problems[0]!.message).toContain("1.000.000.000.000.000 ₫");
    }
    expect(plausibilityProblems(schema, { lines: [{ amount: big, amountConfirmed: true }] }, ctx)).toEqual([]);
  });

  it("a date of the dossier's data bounds when present, and is ignored while absent", () => {
    const s = { type: "object", properties: { heldOn: { type: "string", "x-plausible": { notBefore: ["data:/permittedOn"] } } } };
    expect(plausibilityProblems(s, { heldOn: "2026-01-01" }, ctx)).toEqual([]);
    expect(plausibilityProblems(s, { heldOn: "2026-01-01" }, { ...ctx, data: { permittedOn: "2026-02-01" } })).toHaveLength(1);
  });

  it("the built-in forms carry the rules and ajv accepts them; a misspelt rule is refused", () => {
    expect(JSON.stringify(builtinForm("decision")!.schema)).toContain("x-plausible");
    expect(JSON.stringify(builtinForm("fund-request")!.schema)).toContain("x-confirm-above");
    const ajv = createAjv("2020-12");
    expect(() => ajv.compile({ type: "string", "x-plausible": { notAfter: ["tomorrow"] } })).toThrow();
    expect(() => ajv.compile({ type: "integer", "x-confirm-above": { amount: 5 } })).toThrow();
  });
});
