import { describe, expect, it } from "vitest";
import { normaliseName, publicBeneficiary, shortName } from "../../workflows";
import { periodDays } from "../../server/services/funds/programme-lists";

describe("beneficiary names", () => {
  it.each([
    ["Nguyễn Văn An", "nguyenvanan"],
    ["  NGUYỄN   văn  an ", "nguyenvanan"],
    ["Đinh Thị Hương", "dinhthihuong"],
    ["Y Hlim", "yhlim"],
  ])("normalises %s to %s", (name, key) => expect(normaliseName(name)).toBe(key));

  it("tells different people apart", () => expect(normaliseName("Nguyễn Văn An")).not.toBe(normaliseName("Nguyễn Văn Ân Hai")));

  it.each([
    ["Nguyễn Văn An", "Xã Đăk Kan", "Nguyễn V. A. — xã Đăk Kan"],
    ["Y Blông", "Phường Quyết Thắng", "Y B. — phường Quyết Thắng"],
    ["Trần Thị Ánh Tuyết", "Thị trấn Đăk Hà", "Trần T. Á. T. — thị trấn Đăk Hà"],
    ["A Thuận", null, "A T."],
  ])("shortens %s of %s to %s", (name, unit, shown) => expect(publicBeneficiary(name, unit)).toBe(shown));

  it("keeps a one-word name", () => expect(shortName("Hùng")).toBe("Hùng"));
});

describe("periods of imported lists", () => {
  it.each([
    ["2026", { start: "2026-01-01", end: "2026-12-31" }],
    ["2024-02", { start: "2024-02-01", end: "2024-02-29" }],
    ["2026-01-01..2026-06-30", { start: "2026-01-01", end: "2026-06-30" }],
    ["2026-13", null],
    ["2026-06-30..2026-01-01", null],
    ["năm 2026", null],
  ])("reads %s", (text, days) => expect(periodDays(text)).toEqual(days));
});
