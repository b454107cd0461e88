import { describe, expect, it } from "vitest";
import { csvCell, csvDocument } from "../../server/csv";
import { summaryCsv } from "../../server/services/plan-export";
import type { PlanSummary } from "../../workflows";

describe("CSV cells are neutralised against formula injection (OWASP)", () => {
  it.each([
    ["=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""],
    ["+1+2", "'+1+2"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tX", "'\tX"],
    ["\r=1", "\"'\r=1\""],
    ["Công ty A", "Công ty A"],
    ["a,b", "\"a,b\""],
  ])("%j → %j", (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it("keeps numbers, negative ones too, as numbers", () => {
    expect(csvCell(-4_000_000)).toBe("-4000000");
    expect(csvCell(null)).toBe("");
  });

  it("writes a document with a byte-order mark and CRLF rows", () => {
    expect(csvDocument([["a", 1], ["=b"]])).toBe("\uFEFFa,1\r\n'=b\r\n");
  });

  it("is what the plan summary export uses", () => {
    const summary: PlanSummary = {
      round: null,
      compiledOn: "2026-11-23",
      indicators: [],
      units: [],
      late: [],
      missing: [],
      budget: { planned: 0, spent: 0, remaining: 0 },
      counts: { units: 0, accepted: 0, late: 0, missing: 0 },
    };
    const csv = summaryCsv({ code: "KH", title: "=cmd|' /C calc'!A0" }, summary);
    expect(csv.split("\r\n")[0]).toBe("\uFEFF'=cmd|' /C calc'!A0");
  });
});
