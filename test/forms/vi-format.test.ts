import { describe, expect, it } from "vitest";
import { formatDateVi, formatVnd, isCccd, isIsoDate, isPhoneVn, parseDateVi, VND_SEPARATOR } from "../../forms/index.js";

describe("formatVnd", () => {
  it("groups with dots and ends with a no-break space and ₫", () => {
    expect(formatVnd(50_000_000)).toBe("50.000.000\u00a0₫");
    expect(formatVnd(5_000_000)).toBe("5.000.000\u00a0₫");
    expect(formatVnd(0)).toBe("0\u00a0₫");
    expect(VND_SEPARATOR).toBe("\u00a0");
  });
});

describe("formatDateVi / parseDateVi", () => {
  it("shows ISO dates as dd/mm/yyyy", () => {
    expect(formatDateVi("2026-11-24")).toBe("24/11/2026");
    expect(formatDateVi("2023-12-05")).toBe("05/12/2023");
    expect(() => formatDateVi("2026-02-30")).toThrow(RangeError);
  });

  it("reads dd/mm/yyyy (and d/m/yyyy, dots, dashes) back to ISO, refusing days that do not exist", () => {
    expect(parseDateVi("24/11/2026")).toBe("2026-11-24");
    expect(parseDateVi("5/12/2023")).toBe("2023-12-05");
    expect(parseDateVi("01.04.2019")).toBe("2019-04-01");
    expect(parseDateVi("29/02/2024")).toBe("2024-02-29");
    expect(parseDateVi("29/02/2023")).toBeUndefined();
    expect(parseDateVi("2026-11-24")).toBeUndefined();
    expect(parseDateVi("")).toBeUndefined();
  });
});

describe("format predicates", () => {
  it.each([
    ["062080001234", true],
    ["001090012345", true],
    ["096090012345", true],
    ["000090012345", false], // no province 000
    ["097090012345", false], // no province 097
    ["06208000123", false], // 11 digits
    ["0620800012345", false], // 13 digits
    ["06208000123a", false],
  ])("isCccd(%s) = %s", (value, ok) => expect(isCccd(value)).toBe(ok));

  it.each([
    ["0912345678", true],
    ["+84912345678", true],
    ["912345678", false],
    ["09123456789", false],
    ["+840912345678", false],
  ])("isPhoneVn(%s) = %s", (value, ok) => expect(isPhoneVn(value)).toBe(ok));

  it.each([
    ["2024-02-29", true],
    ["2023-02-29", false],
    ["2026-04-31", false],
    ["2026-13-01", false],
    ["26-11-24", false],
  ])("isIsoDate(%s) = %s", (value, ok) => expect(isIsoDate(value)).toBe(ok));
});
