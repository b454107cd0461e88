import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatViNumber, parseViNumber } from "../../forms";

describe("parseViNumber: a number as a Vietnamese official types it", () => {
  it.each([
    ["37.754", 37_754],
    ["24.000", 24_000],
    ["1.234,5", 1234.5],
    ["0,5", 0.5],
    ["1234", 1234],
    ["1.234.567", 1_234_567],
    ["37 754", 37_754],
    ["37\u00a0754", 37_754],
    [" 12 ", 12],
    ["12,", 12],
    ["24,00", 24],
    ["-1.500", -1500],
    ["0", 0],
    ["-0", 0],
    ["9.007.199.254.740.991", Number.MAX_SAFE_INTEGER],
  ])("reads %j as %d", (typed, value) => {
    expect(parseViNumber(typed)).toEqual({ ok: true, value });
  });

  it.each([
    ["1.23", "NUMBER_FORMAT"],
    ["1,234.5", "NUMBER_FORMAT"],
    ["12.34.5", "NUMBER_FORMAT"],
    ["1,2,3", "NUMBER_FORMAT"],
    ["1.2345", "NUMBER_FORMAT"],
    ["1234.567", "NUMBER_FORMAT"],
    ["37.", "NUMBER_FORMAT"],
    [".5", "NUMBER_FORMAT"],
    [",5", "NUMBER_FORMAT"],
    ["12a", "NUMBER_FORMAT"],
    ["abc", "NUMBER_FORMAT"],
    ["1e6", "NUMBER_FORMAT"],
    ["0x10", "NUMBER_FORMAT"],
    ["Infinity", "NUMBER_FORMAT"],
    ["+5", "NUMBER_FORMAT"],
    ["", "NUMBER_EMPTY"],
    ["   ", "NUMBER_EMPTY"],
    ["9.007.199.254.740.992", "NUMBER_TOO_LARGE"],
    ["99999999999999999999", "NUMBER_TOO_LARGE"],
  ])("refuses %j (%s) with a Vietnamese message", (typed, code) => {
    const reading = parseViNumber(typed);
    expect(reading).toMatchObject({ ok: false, code });
    if (!reading.ok) expect(reading.message).toMatch(/[ốốộữớặ]|Chưa|Số/u);
  });

  it.each([
    ["1,5", "NUMBER_DECIMALS"],
    ["1.234,05", "NUMBER_DECIMALS"],
  ])("an integer field refuses the decimal %j", (typed, code) => {
    expect(parseViNumber(typed, { integer: true })).toMatchObject({ ok: false, code });
  });

  it("an integer field still takes whole numbers, with or without ,00", () => {
    expect(parseViNumber("1.990", { integer: true })).toEqual({ ok: true, value: 1990 });
    expect(parseViNumber("24,00", { integer: true })).toEqual({ ok: true, value: 24 });
  });
});

describe("formatViNumber: the stored value shown back the Vietnamese way", () => {
  it.each([
    [37_754, "37.754"],
    [24_000, "24.000"],
    [1234.5, "1.234,5"],
    [0.5, "0,5"],
    [1234, "1.234"],
    [999, "999"],
    [-1500, "-1.500"],
    [1_000_000_000_000_000, "1.000.000.000.000.000"],
  ])("shows %d as %j", (value, shown) => {
    expect(formatViNumber(value)).toBe(shown);
  });

  it("parse(format(n)) = n for integers up to 10^15", () => {
    fc.assert(fc.property(fc.integer({ min: -1e15, max: 1e15 }), (n) => parseViNumber(formatViNumber(n)).ok && (parseViNumber(formatViNumber(n)) as { value: number }).value === n));
  });

  it("parse(format(n)) = n for one-decimal values up to 10^15", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e16, max: 1e16 }), (tenths) => {
        const n = tenths / 10;
        const reading = parseViNumber(formatViNumber(n));
        return reading.ok && reading.value === n;
      }),
    );
  });
});

describe("formatViNumber without grouping: a year", () => {
  it("shows 1958 as 1958, and reads it back", () => {
    expect(formatViNumber(1958, { grouping: false })).toBe("1958");
    expect(parseViNumber(formatViNumber(1958, { grouping: false }), { integer: true })).toEqual({ ok: true, value: 1958 });
  });
});
