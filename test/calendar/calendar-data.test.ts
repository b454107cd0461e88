import { describe, expect, it } from "vitest";
import {
  buildCalendar,
  CalendarYear,
  covers,
  isProvisional,
  isWorkingDay,
  shippedCalendar,
  shippedCalendarYears,
} from "../../workflows/calendar";
import { toEpochDay, weekdayOfEpochDay } from "../../workflows/calendar/dates";

const cal = shippedCalendar();
const weekday = (d: string): number => weekdayOfEpochDay(toEpochDay(d));

describe("shipped calendar data", () => {
  it("ships 2026 (published) and 2027 (provisional)", () => {
    expect(shippedCalendarYears.map((y) => [y.year, y.provisional ?? false])).toEqual([
      [2026, false],
      [2027, true],
    ]);
    expect(isProvisional(cal, "2027-06-01")).toBe(true);
    expect(isProvisional(cal, "2026-06-01")).toBe(false);
    expect(covers(cal, "2026-01-01")).toBe(true);
    expect(covers(cal, "2027-12-31")).toBe(true);
    expect(covers(cal, "2025-12-31")).toBe(false);
    expect(covers(cal, "2028-01-01")).toBe(false);
  });

  // Every weekday on which civil servants do not work in 2026 (Bộ Nội vụ 9441/TB-BNV, VPCP 12729/VPCP-KGVX).
  const daysOff2026 = [
    ["2026-01-01", "Tết Dương lịch (Thu)"],
    ["2026-01-02", "swap for Sat 10/01"],
    ["2026-02-16", "Tết: 29 Chạp"],
    ["2026-02-17", "Tết: mùng 1"],
    ["2026-02-18", "Tết: mùng 2"],
    ["2026-02-19", "Tết: mùng 3"],
    ["2026-02-20", "Tết: mùng 4"],
    ["2026-04-27", "in lieu of Giỗ Tổ on Sun 26/04"],
    ["2026-04-30", "30/4 (Thu)"],
    ["2026-05-01", "1/5 (Fri)"],
    ["2026-08-31", "swap for Sat 22/08"],
    ["2026-09-01", "Quốc khánh adjacent day (Tue)"],
    ["2026-09-02", "Quốc khánh (Wed)"],
  ] as const;
  const daysOff2027 = [
    ["2027-01-01", "Tết Dương lịch (Fri)"],
    ["2027-02-05", "Tết: 29 Chạp (Fri)"],
    ["2027-02-08", "Tết: mùng 3 (Mon)"],
    ["2027-02-09", "Tết: mùng 4 (Tue)"],
    ["2027-02-10", "in lieu of mùng 1 on Sat"],
    ["2027-02-11", "in lieu of mùng 2 on Sun"],
    ["2027-04-16", "Giỗ Tổ 10/3 Đinh Mùi (Fri)"],
    ["2027-04-30", "30/4 (Fri)"],
    ["2027-05-03", "in lieu of 1/5 on Sat"],
    ["2027-09-02", "Quốc khánh (Thu)"],
    ["2027-09-03", "Quốc khánh adjacent day (Fri, provisional)"],
  ] as const;

  it.each([...daysOff2026, ...daysOff2027])("%s is a weekday off: %s", (date) => {
    expect(weekday(date)).toBeGreaterThanOrEqual(1);
    expect(weekday(date)).toBeLessThanOrEqual(5);
    expect(isWorkingDay(cal, date)).toBe(false);
  });

  it.each([2026, 2027])("%i has exactly the listed weekdays off", (year) => {
    const expected = (year === 2026 ? daysOff2026 : daysOff2027).map(([d]) => d);
    const actual: string[] = [];
    for (let day = toEpochDay(`${year}-01-01`); day <= toEpochDay(`${year}-12-31`); day++) {
      const date = new Date(day * 86_400_000).toISOString().slice(0, 10);
      const wd = weekdayOfEpochDay(day);
      if (wd >= 1 && wd <= 5 && !isWorkingDay(cal, date)) actual.push(date);
    }
    expect(actual).toEqual(expected);
  });

  it("has the statutory 11 days per year (Điều 112): 1 + 5 + 1 + 1 + 1 + 2", () => {
    for (const y of shippedCalendarYears) {
      expect(y.holidays.filter((h) => h.compensatesFor === undefined)).toHaveLength(11);
    }
  });

  it("compensates every statutory holiday that falls on a weekend (Điều 112 khoản 3)", () => {
    for (const y of shippedCalendarYears) {
      const weekendHolidays = y.holidays
        .filter((h) => h.compensatesFor === undefined && [0, 6].includes(weekday(h.date)))
        .map((h) => h.date);
      const compensated = y.holidays.flatMap((h) => (h.compensatesFor ? [h.compensatesFor] : []));
      expect(compensated.sort()).toEqual(weekendHolidays.sort());
    }
  });

  it.each([
    ["2026-01-10", "Saturday worked for Fri 02/01"],
    ["2026-08-22", "Saturday worked for Mon 31/08"],
  ])("make-up day %s is a working day (%s)", (date) => {
    expect(weekday(date)).toBe(6);
    expect(isWorkingDay(cal, date)).toBe(true);
  });

  it("cites its sources", () => {
    expect(shippedCalendarYears[0]?.source).toMatch(/9441\/TB-BNV/);
    expect(shippedCalendarYears[0]?.source).toMatch(/12729\/VPCP-KGVX/);
    expect(shippedCalendarYears[1]?.source).toMatch(/PROVISIONAL/);
  });
});

describe("CalendarYear schema (what an admin may save)", () => {
  const name = { vi: "Ngày nghỉ", en: "Day off" };
  const valid = { year: 2026, holidays: [], makeupWorkdays: [], extraDaysOff: [], source: "test" };

  it("accepts a minimal year", () => {
    expect(CalendarYear.safeParse(valid).success).toBe(true);
  });

  it.each([
    ["an impossible date", { holidays: [{ date: "2026-02-30", name }] }, "holidays.0.date"],
    ["a date not written YYYY-MM-DD", { holidays: [{ date: "30/04/2026", name }] }, "holidays.0.date"],
    ["a date in another year", { holidays: [{ date: "2027-01-01", name }] }, "holidays.0.date"],
    ["the same date twice", { holidays: [{ date: "2026-01-01", name }, { date: "2026-01-01", name }] }, "holidays.1.date"],
    ["a make-up day on a weekday", { makeupWorkdays: [{ date: "2026-01-09", name }] }, "makeupWorkdays.0.date"],
    ["a swapped day off on a weekend", { extraDaysOff: [{ date: "2026-01-10", name }] }, "extraDaysOff.0.date"],
    [
      "a make-up day replacing a day that is not off",
      { makeupWorkdays: [{ date: "2026-01-10", name, replaces: "2026-01-05" }] },
      "makeupWorkdays.0.replaces",
    ],
    ["a missing English name", { holidays: [{ date: "2026-01-01", name: { vi: "Tết" } }] }, "holidays.0.name.en"],
    ["an unknown field", { holiday: [] }, ""],
    ["no source", { source: "" }, "source"],
  ])("refuses %s", (_what, patch, path) => {
    const result = CalendarYear.safeParse({ ...valid, ...patch });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toContain(path);
  });

  it("buildCalendar refuses an invalid year and a year given twice", () => {
    const bad = { ...valid, holidays: [{ date: "2026-02-30", name }] } as unknown as CalendarYear;
    expect(() => buildCalendar([bad])).toThrow(expect.objectContaining({ code: "INVALID_CALENDAR" }));
    expect(() => buildCalendar([valid, valid])).toThrow(expect.objectContaining({ code: "INVALID_CALENDAR" }));
  });

  it("an edited year changes the answers", () => {
    const withCultureDay = {
      ...valid,
      holidays: [{ date: "2026-11-24", name: { vi: "Ngày Văn hóa Việt Nam", en: "Vietnamese Culture Day" } }],
    };
    expect(isWorkingDay(buildCalendar([valid]), "2026-11-24")).toBe(true);
    expect(isWorkingDay(buildCalendar([withCultureDay]), "2026-11-24")).toBe(false);
  });
});
