import { describe, expect, it } from "vitest";
import { addCalendarDays, calendarDaysBetween, CalendarError, isIsoDate, toVietnamDate } from "../../workflows/calendar";

describe("toVietnamDate (UTC+07:00, no DST)", () => {
  it.each([
    ["2026-04-29T16:59:59Z", "2026-04-29"], // 23:59:59 in Hà Nội
    ["2026-04-29T17:00:00Z", "2026-04-30"], // midnight in Hà Nội
    ["2026-04-30T00:00:00+07:00", "2026-04-30"],
    ["2026-04-29T23:59:59.999+07:00", "2026-04-29"],
    ["2026-04-30T06:59:59+07:00", "2026-04-30"],
    ["2026-04-29T20:00:00-05:00", "2026-04-30"], // 01:00 next day in Hà Nội
    ["2026-12-31T17:00:00Z", "2027-01-01"],
    ["2026-03-01T12:00:00.123456Z", "2026-03-01"],
    [Date.UTC(2026, 3, 29, 17), "2026-04-30"],
    [Date.UTC(2026, 3, 29, 16, 59, 59, 999), "2026-04-29"],
    [new Date("2026-04-29T17:00:00Z"), "2026-04-30"],
  ] as const)("%s → %s", (instant, date) => {
    expect(toVietnamDate(instant)).toBe(date);
  });

  it.each(["2026-04-29T10:00:00", "2026-04-29", "yesterday", "", Number.NaN, new Date("nope")])(
    "refuses the ambiguous or invalid instant %s",
    (bad) => {
      expect(() => toVietnamDate(bad)).toThrow(CalendarError);
      try {
        toVietnamDate(bad);
      } catch (e) {
        expect((e as CalendarError).code).toBe("INVALID_INSTANT");
      }
    },
  );
});

describe("ISO dates", () => {
  it.each([
    ["2026-02-28", true],
    ["2028-02-29", true],
    ["2026-02-29", false],
    ["2026-02-30", false],
    ["2026-13-01", false],
    ["2026-4-1", false],
    ["0999-01-01", false],
    ["2026-04-01T00:00:00Z", false],
  ])("isIsoDate(%s) = %s", (s, ok) => {
    expect(isIsoDate(s)).toBe(ok);
  });

  it.each([
    ["2026-03-02", 90, "2026-05-31"],
    ["2026-12-31", 1, "2027-01-01"],
    ["2028-02-28", 1, "2028-02-29"],
    ["2026-01-01", -1, "2025-12-31"],
    ["2026-04-24", 0, "2026-04-24"],
  ])("addCalendarDays(%s, %i) = %s", (d, n, out) => {
    expect(addCalendarDays(d, n)).toBe(out);
    expect(calendarDaysBetween(d, out)).toBe(n);
  });

  it("refuses an impossible date with INVALID_DATE", () => {
    expect(() => addCalendarDays("2026-02-30", 1)).toThrow(expect.objectContaining({ code: "INVALID_DATE" }));
  });
});
