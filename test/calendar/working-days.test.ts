import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  buildCalendar,
  isWorkingDay,
  reminderDates,
  shippedCalendar,
  workingDayOnOrAfter,
  workingDaysBetween,
} from "../../workflows/calendar";

const cal = shippedCalendar();

describe("isWorkingDay", () => {
  it.each([
    ["2026-04-24", true, "Friday"],
    ["2026-04-25", false, "Saturday"],
    ["2026-04-26", false, "Sunday (and Giỗ Tổ)"],
    ["2026-04-27", false, "Monday in lieu of Giỗ Tổ"],
    ["2026-04-28", true, "Tuesday"],
    ["2026-01-10", true, "make-up Saturday"],
    ["2026-01-11", false, "ordinary Sunday"],
    ["2026-08-22", true, "make-up Saturday"],
    ["2026-08-31", false, "swapped Monday"],
    ["2026-11-24", true, "Tuesday (Culture Day not in force in the shipped data)"],
  ])("%s → %s (%s)", (date, expected) => {
    expect(isWorkingDay(cal, date)).toBe(expected);
  });

  it("falls back to weekends only outside the covered years", () => {
    expect(isWorkingDay(cal, "2028-05-01")).toBe(true); // Monday; 2028 is not in the calendar
    expect(isWorkingDay(cal, "2028-04-30")).toBe(false); // Sunday
  });
});

describe("addWorkingDays — the day of receipt never counts (BLDS 2015 Điều 147)", () => {
  it.each([
    // Received Fri 24/04/2026, 30 working days. Sat 25, Sun 26 (Giỗ Tổ), Mon 27 (in lieu) are off:
    // #1 Tue 28/4, #2 Wed 29/4; Thu 30/4, Fri 1/5 and the weekend off; May 4–8 #3–7, 11–15 #8–12,
    // 18–22 #13–17, 25–29 #18–22, Jun 1–5 #23–27, Mon 8/6 #28, Tue 9/6 #29, Wed 10/6 #30.
    ["2026-04-24", 30, "2026-06-10"],
    // Received Wed 29/04/2026, 30 working days: 30/4, 1/5, 2–3/5 off; May 4–8 #1–5, 11–15 #6–10,
    // 18–22 #11–15, 25–29 #16–20, Jun 1–5 #21–25, Jun 8–12 #26–30 → Fri 12/6.
    ["2026-04-29", 30, "2026-06-12"],
    // Received Fri 13/02/2026, the Friday before Tết, 30 working days: 14–15 weekend, 16–20 Tết,
    // 21–22 weekend; Feb 23–27 #1–5, Mar 2–6 #6–10, 9–13 #11–15, 16–20 #16–20, 23–27 #21–25,
    // Mar 30–Apr 3 #26–30 → Fri 3/4 (one week later than the 27/3 a weekends-only count gives).
    ["2026-02-13", 30, "2026-04-03"],
    // Received Fri 29/01/2027 before the provisional Tết 2027: Feb 1–4 #1–4, Fri 5/2 (29 Chạp) to Thu 11/2
    // off (Tết + 2 days in lieu), Fri 12/2 #5.
    ["2027-01-29", 5, "2027-02-12"],
    // Weekend skipping: Fri + 1 → Mon, Sat + 1 → Mon, Sun + 5 → next Fri.
    ["2026-06-05", 1, "2026-06-08"],
    ["2026-06-06", 1, "2026-06-08"],
    ["2026-06-07", 5, "2026-06-12"],
    // Make-up Saturdays count: Fri 9/1 + 1 → Sat 10/1; Fri 21/8 + 5 → Sat 22/8, Mon 24–Thu 27/8.
    ["2026-01-09", 1, "2026-01-10"],
    ["2026-08-21", 5, "2026-08-27"],
    // Quốc khánh 2026: Fri 28/8 + 3 → 29–30 weekend, 31/8 swapped, 1–2/9 off; Thu 3/9 #1, Fri 4/9 #2, Mon 7/9 #3.
    ["2026-08-28", 3, "2026-09-07"],
    // From an uncovered year into a covered one: 31/12/2025 + 1 → 1/1 and 2/1/2026 off, weekend → Mon 5/1.
    ["2025-12-31", 1, "2026-01-05"],
    ["2026-04-24", 0, "2026-04-24"],
    // Backwards: the working day before Mon 4/5/2026 is Wed 29/4.
    ["2026-05-04", -1, "2026-04-29"],
    ["2026-05-04", -3, "2026-04-24"],
  ])("%s + %i working days = %s", (date, n, due) => {
    expect(addWorkingDays(cal, date, n)).toBe(due);
    expect(workingDaysBetween(cal, date, due)).toBe(n);
  });

  it("caps the count", () => {
    expect(() => addWorkingDays(cal, "2026-01-01", 3651)).toThrow(expect.objectContaining({ code: "RANGE_TOO_LARGE" }));
    expect(() => addWorkingDays(cal, "2026-01-01", 1.5)).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
    expect(addWorkingDays(cal, "2026-01-01", 3650) > "2039-01-01").toBe(true);
  });
});

describe("workingDaysBetween (from < d ≤ to)", () => {
  it.each([
    ["2026-04-24", "2026-05-04", 3], // 28/4, 29/4, 4/5
    ["2026-05-04", "2026-04-24", -3],
    ["2026-04-24", "2026-04-24", 0],
    ["2026-02-13", "2026-02-22", 0], // Tết week + weekends
    ["2026-01-01", "2026-12-31", 250], // 261 weekdays (52 weeks + Thu 1/1) − 13 weekdays off + 2 make-up Saturdays
  ])("(%s, %s) = %i", (from, to, n) => {
    expect(workingDaysBetween(cal, from, to)).toBe(n);
  });

  it("caps the span", () => {
    expect(() => workingDaysBetween(cal, "2000-01-01", "2030-01-01")).toThrow(
      expect.objectContaining({ code: "RANGE_TOO_LARGE" }),
    );
  });
});

describe("workingDayOnOrAfter and reminderDates", () => {
  it.each([
    ["2026-05-31", "2026-06-01"],
    ["2026-06-01", "2026-06-01"],
    ["2026-04-30", "2026-05-04"],
    ["2026-08-22", "2026-08-22"],
  ])("workingDayOnOrAfter(%s) = %s", (date, out) => {
    expect(workingDayOnOrAfter(cal, date)).toBe(out);
  });

  it.each([
    ["2026-05-04", [3, 1], ["2026-04-24", "2026-04-29"]],
    ["2026-06-10", [3, 1, 0], ["2026-06-05", "2026-06-09", "2026-06-10"]],
    ["2026-02-24", [3, 1], ["2026-02-12", "2026-02-23"]], // across Tết
  ] as const)("reminderDates(%s, %j) = %j", (due, offsets, out) => {
    expect(reminderDates(cal, due, offsets)).toEqual(out);
  });

  it("refuses a negative offset", () => {
    expect(() => reminderDates(cal, "2026-05-04", [-1])).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
  });
});

describe("an empty calendar", () => {
  it("counts weekends only", () => {
    const none = buildCalendar([]);
    expect(addWorkingDays(none, "2026-04-24", 30)).toBe("2026-06-05");
  });
});
