import { describe, expect, it } from "vitest";
import { isLedgerAmount, MAX_VND_AMOUNT, parseVnd } from "../../forms";

describe("parseVnd: an amount in đồng as typed on the fund desk", () => {
  it.each([
    ["2.000.000,00", 2_000_000],
    ["2.000.000", 2_000_000],
    ["2000000", 2_000_000],
    ["2 000 000 ₫", 2_000_000],
    ["2.000.000,", 2_000_000],
    ["1.500.000 đ", 1_500_000],
    ["  750.000 VND ", 750_000],
    ["100.000.000.000", MAX_VND_AMOUNT],
  ])("reads %j as %d", (typed, value) => {
    expect(parseVnd(typed)).toEqual({ ok: true, value });
  });

  it.each([
    ["2.000.000,5", "VND_DECIMALS"],
    ["2.000.000,05", "VND_DECIMALS"],
    ["2,5", "VND_DECIMALS"],
    ["2.5", "VND_FORMAT"],
    ["2,000,000", "VND_FORMAT"],
    ["2.000.00", "VND_FORMAT"],
    ["-5.000", "VND_FORMAT"],
    ["1e6", "VND_FORMAT"],
    ["", "VND_EMPTY"],
    ["100.000.000.001", "VND_TOO_LARGE"],
    ["9007199254740991", "VND_TOO_LARGE"],
    ["99999999999999999999", "VND_TOO_LARGE"],
  ])("refuses %j (%s) with a Vietnamese message", (typed, code) => {
    const reading = parseVnd(typed);
    expect(reading).toMatchObject({ ok: false, code });
    expect(reading.ok ? "" : reading.message).toMatch(/[ốốềđ]|Chưa|Số tiền/u);
  });

  it("never reads the decimals as more đồng (the old desk made 2.000.000,00 into 200.000.000 ₫)", () => {
    const reading = parseVnd("2.000.000,00");
    expect(reading.ok && reading.value).toBe(2_000_000);
  });

  it("reads dots anywhere as grouping while a field regroups as one types, but never a decimal comma", () => {
    expect(parseVnd("5.0000", { looseGroups: true })).toEqual({ ok: true, value: 50_000 });
    expect(parseVnd("2.000.000,00", { looseGroups: true })).toEqual({ ok: true, value: 2_000_000 });
    expect(parseVnd("2.000.000,5", { looseGroups: true })).toMatchObject({ ok: false, code: "VND_DECIMALS" });
    expect(parseVnd("5.0000")).toMatchObject({ ok: false, code: "VND_FORMAT" });
  });

  it("caps a ledger amount far under 2^53", () => {
    expect(MAX_VND_AMOUNT * 1000).toBeLessThan(Number.MAX_SAFE_INTEGER);
    expect(isLedgerAmount(MAX_VND_AMOUNT)).toBe(true);
    expect(isLedgerAmount(MAX_VND_AMOUNT + 1)).toBe(false);
    expect(isLedgerAmount(0)).toBe(false);
    expect(isLedgerAmount(1.5)).toBe(false);
  });
});
