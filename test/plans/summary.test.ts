import { describe, expect, it } from "vitest";
import { compilePlanSummary, formatAchievement, reportingRounds, type UnitReportFacts } from "../../workflows";

describe("formatAchievement", () => {
  it.each([
    [1.5725, "157,3%"],
    [1, "100,0%"],
    [0.5, "50,0%"],
    [0, "0,0%"],
    [12.3456, "1.234,6%"],
    [null, "—"],
  ])("%s → %s", (ratio, text) => {
    expect(formatAchievement(ratio)).toBe(text);
  });
});

describe("reportingRounds", () => {
  it("is one round on the report deadline for a one-off plan", () => {
    expect(reportingRounds({ startDate: "2023-03-01", endDate: "2023-11-30", reportDeadline: "2023-12-05" })).toEqual([
      { index: 0, key: "report", kind: "once", title: "Báo cáo kết quả thực hiện kế hoạch", periodFrom: "2023-03-01", periodTo: "2023-11-30", dueDate: "2023-12-05" },
    ]);
  });
  it("follows the Nghị định 09/2019 cut-offs for a two-year recurring plan, in due order", () => {
    const rounds = reportingRounds({ recurrence: "six-month-and-annual", startDate: "2024-07-01", endDate: "2025-12-31" });
    expect(rounds.map((r) => [r.key, r.periodFrom, r.periodTo, r.dueDate])).toEqual([
      ["2024-Y", "2023-12-15", "2024-12-14", "2024-12-20"],
      ["2025-H1", "2024-12-15", "2025-06-14", "2025-06-20"],
      ["2025-Y", "2024-12-15", "2025-12-14", "2025-12-20"],
    ]);
    expect(rounds.map((r) => r.index)).toEqual([0, 1, 2]);
  });
  it("takes other cut-off days from configuration", () => {
    const rules = { sixMonth: { fromMonthDay: "01-01", cutoffMonthDay: "06-30", dueDaysAfterCutoff: 10 }, annual: { fromMonthDay: "01-01", cutoffMonthDay: "12-31", dueDaysAfterCutoff: 15 } };
    expect(reportingRounds({ recurrence: "annual", startDate: "2024-01-01", endDate: "2024-12-31" }, rules).map((r) => r.dueDate)).toEqual(["2025-01-15"]);
  });
});

describe("compilePlanSummary", () => {
  const plan = {
    indicators: [
      { code: "MH", name: "Mô hình điểm duy trì", unitOfMeasure: "mô hình", target: 10 },
      { code: "HGD", name: "Hộ gia đình tham gia", unitOfMeasure: "hộ", target: 300 },
    ],
    participatingUnits: ["A", "B", "C", "D"].map((x) => ({ unitId: x, unitName: `Huyện ${x}` })),
    budgetLines: ["A", "B", "C", "D"].map((x) => ({ unitId: x, unitName: `Huyện ${x}`, item: "Hỗ trợ mô hình", amount: 5_000_000 })),
  };
  const report = (unitId: string, over: Partial<UnitReportFacts>): UnitReportFacts => ({
    unitId,
    status: "accepted",
    late: false,
    submittedOn: "2023-12-01",
    actuals: [],
    spent: null,
    ...over,
  });
  const round = { index: 0, key: "report", kind: "once" as const, title: "Báo cáo", periodFrom: "2023-03-01", periodTo: "2023-11-30", dueDate: "2023-12-05" };

  it("sums accepted actuals, computes achievement and lists late and missing units", () => {
    const summary = compilePlanSummary({
      plan,
      round,
      today: "2023-12-08",
      reports: [
        report("A", { actuals: [{ code: "MH", value: 4 }, { code: "HGD", value: 150.5 }], spent: 4_800_000 }),
        report("B", { actuals: [{ code: "MH", value: 3 }, { code: "HGD", value: 171.2 }], spent: 5_000_000, submittedOn: "2023-12-07" }),
        report("C", { status: "review", actuals: [{ code: "MH", value: 9 }], spent: 1 }),
        report("D", { status: "pending", late: true, submittedOn: null }),
      ],
    });
    expect(summary.indicators.map((i) => [i.code, i.actual, i.achievementText])).toEqual([
      ["MH", 7, "70,0%"],
      ["HGD", 321.7, "107,2%"],
    ]);
    expect(summary.indicators[0]!.byUnit.map((u) => u.actual)).toEqual([4, 3, null, null]);
    expect(summary.late.map((u) => u.unitId)).toEqual(["B", "D"]);
    expect(summary.missing.map((u) => u.unitId)).toEqual(["C", "D"]);
    expect(summary.budget).toEqual({ planned: 20_000_000, spent: 9_800_000, remaining: 10_200_000 });
    expect(summary.counts).toEqual({ units: 4, accepted: 2, late: 2, missing: 2 });
    expect(summary.units.map((u) => u.status)).toEqual(["accepted", "accepted", "review", "pending"]);
  });

  it("gives no achievement for an indicator without a target and reads absent reports as missing", () => {
    const summary = compilePlanSummary({ plan: { ...plan, indicators: [{ code: "X", name: "X", unitOfMeasure: "", target: 0 }] }, round, today: "2023-12-01", reports: [] });
    expect(summary.indicators[0]).toMatchObject({ actual: 0, achievement: null, achievementText: "—" });
    expect(summary.units.every((u) => u.status === "missing" && !u.late)).toBe(true);
  });
});
