import { describe, expect, it } from "vitest";
import { dataActions, validClearances, type FundLine } from "../../workflows";

const line: FundLine = { lineId: "L1", fullName: "Y Hlim", birthYear: 1941, unitId: "u-1", category: "Khác", amount: 2_000_000 };
const ctx = { event: { lineId: "L1", reason: "Đã xác minh thiệt hại mới" }, config: {}, now: null, today: "2026-11-02", actorId: "s-1" };

/** The pure side of issue 15, item 2: a clearance is for a person and an amount. */
describe("a clearance holds for the person and amount it was given for", () => {
  const cleared = dataActions.clearFundFlag!({ lines: [line] }, ctx);

  it("holds while the line is unchanged, even respelled", () => {
    expect(Object.keys(validClearances(cleared))).toEqual(["L1"]);
    expect(Object.keys(validClearances({ ...cleared, lines: [{ ...line, fullName: "y  hlim" }] }))).toEqual(["L1"]);
  });

  it("is dropped when the request moves to another fund, whose specialist has not judged it", () => {
    const atFund = dataActions.clearFundFlag!({ fundUnit: "fund-a", lines: [line] }, ctx);
    expect(Object.keys(validClearances(atFund))).toEqual(["L1"]);
    expect(validClearances({ ...atFund, fundUnit: "fund-b" })).toEqual({});
  });

  it.each([
    ["another name", { fullName: "Đinh Văn Đã" }],
    ["a CCCD added", { cccd: "062150007777" }],
    ["another birth year", { birthYear: 1950 }],
    ["another unit", { unitId: "u-2" }],
    ["another amount", { amount: 9_000_000 }],
  ])("is dropped for %s, and numbering the lines on a resubmission removes it", (_what, change) => {
    const changed = { ...cleared, lines: [{ ...line, ...change }] };
    expect(validClearances(changed)).toEqual({});
    expect(dataActions.numberFundLines!(changed, ctx).$clearances).toEqual({});
  });

  it("does not hold when it records no person (given before clearances were bound)", () => {
    expect(validClearances({ lines: [line], $clearances: { L1: { reason: "cũ", on: null } } })).toEqual({});
  });

  it("numbers new lines after the highest id ever used", () => {
    const out = dataActions.numberFundLines!({ lines: [{ ...line, lineId: "L4" }, { ...line, lineId: undefined as unknown as string }], $nextLine: 2 }, ctx);
    expect((out.lines as FundLine[]).map((l) => l.lineId)).toEqual(["L4", "L5"]);
    expect(out.$nextLine).toBe(6);
  });
});
