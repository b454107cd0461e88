import { describe, expect, it } from "vitest";
import { computeDeadline, shippedCalendar, workingDaysBetween, type DeadlineInput } from "../../workflows/calendar";

const cal = shippedCalendar();
/** 09:00 in Hà Nội on a date. */
const at = (date: string, time = "09:00"): string => `${date}T${time}:00+07:00`;
const thirty = { workingDays: 30 };

describe("computeDeadline — running clock", () => {
  // Received Fri 24/04/2026: due Wed 10/06/2026 (worked out in working-days.test.ts).
  const input: DeadlineInput = { rule: thirty, startedAt: at("2026-04-24") };

  it.each([
    [at("2026-04-24", "16:00"), { due: "2026-06-10", daysLeft: 30, overdue: false, used: 0 }],
    [at("2026-04-27"), { due: "2026-06-10", daysLeft: 30, overdue: false, used: 0 }], // day in lieu of Giỗ Tổ
    [at("2026-05-04"), { due: "2026-06-10", daysLeft: 27, overdue: false, used: 3 }],
    [at("2026-06-09"), { due: "2026-06-10", daysLeft: 1, overdue: false, used: 29 }],
    [at("2026-06-10", "23:59"), { due: "2026-06-10", daysLeft: 0, overdue: false, used: 30 }],
    ["2026-06-10T17:00:00Z", { due: "2026-06-10", daysLeft: -1, overdue: true, used: 31 }], // 00:00 on 11/6 in Hà Nội
    [at("2026-06-15"), { due: "2026-06-10", daysLeft: -3, overdue: true, used: 33 }],
  ])("now %s", (now, expected) => {
    const s = computeDeadline(cal, input, now);
    expect(s).toMatchObject({ ...expected, paused: false, unit: "workingDays", total: 30, remaining: 30 - expected.used });
    expect(s.calendarCovered).toBe(true);
    expect(s.provisional).toBe(false);
  });

  it("takes the receipt date in Vietnam, not in UTC", () => {
    // 17:30Z on Tue 28/4 is 00:30 on Wed 29/4 in Hà Nội: received on the 29th → due Fri 12/6, not Thu 11/6.
    const s = computeDeadline(cal, { rule: thirty, startedAt: "2026-04-28T17:30:00Z" }, at("2026-05-04"));
    expect(s.due).toBe("2026-06-12");
  });
});

describe("computeDeadline — supplement request pauses the clock", () => {
  // Received Mon 02/03/2026. Working days: 3–6/3 #1–4, 9–13/3 #5–9, Mon 16/3 #10.
  // Unpaused, 30 working days end Mon 13/4/2026 (no holidays in March–mid-April).
  const startedAt = at("2026-03-02");
  const pausedOn10 = { from: at("2026-03-16", "10:00") };
  // Resubmission 7 calendar days later, Mon 23/3: the working days 17, 18, 19, 20, 23/3 (5) are not consumed.
  const resumed = { ...pausedOn10, to: at("2026-03-23", "10:00") };

  it("unpaused, the due date is 13/4", () => {
    expect(computeDeadline(cal, { rule: thirty, startedAt }, at("2026-03-16")).due).toBe("2026-04-13");
  });

  it("while paused: no due date, 20 days remaining", () => {
    const s = computeDeadline(cal, { rule: thirty, startedAt, pauses: [pausedOn10] }, at("2026-03-20"));
    expect(s).toMatchObject({ paused: true, due: null, daysLeft: null, overdue: false, used: 10, remaining: 20 });
  });

  it("after the resubmission, the due date moves by exactly the working days paused", () => {
    const s = computeDeadline(cal, { rule: thirty, startedAt, pauses: [resumed] }, at("2026-03-24"));
    // 20 remaining from Mon 23/3: 24–27/3 #1–4, 30/3–3/4 #5–9, 6–10/4 #10–14, 13–17/4 #15–19, Mon 20/4 #20.
    expect(s).toMatchObject({ paused: false, due: "2026-04-20", daysLeft: 19, used: 11, remaining: 19 });
    expect(workingDaysBetween(cal, "2026-04-13", s.due as string)).toBe(workingDaysBetween(cal, "2026-03-16", "2026-03-23"));
    expect(workingDaysBetween(cal, "2026-04-13", s.due as string)).toBe(5);
  });

  it("adds up several pauses", () => {
    // Second pause Wed 1/4 → Fri 3/4 skips Thu 2/4 and Fri 3/4: 5 + 2 = 7 working days later than 13/4.
    const pauses = [resumed, { from: at("2026-04-01"), to: at("2026-04-03", "15:00") }];
    const s = computeDeadline(cal, { rule: thirty, startedAt, pauses }, at("2026-04-06"));
    expect(s.due).toBe("2026-04-22");
    expect(workingDaysBetween(cal, "2026-04-13", "2026-04-22")).toBe(7);
  });

  it("a pause over public holidays only skips the working days in it", () => {
    // Received Mon 13/4/2026; unpaused due: 14–17/4 #1–4, 20–24/4 #5–9, 28–29/4 #10–11, May 4–8 #12–16,
    // 11–15 #17–21, 18–22 #22–26, 25–28 #27–30 → Thu 28/5. Paused Fri 24/4 (9 used) to Mon 4/5 (10 calendar
    // days): of 25/4–4/5 only 28/4, 29/4 and 4/5 are working days, so due moves 3 working days to Tue 2/6.
    const base = { rule: thirty, startedAt: at("2026-04-13") };
    expect(computeDeadline(cal, base, at("2026-04-14")).due).toBe("2026-05-28");
    const s = computeDeadline(cal, { ...base, pauses: [{ from: at("2026-04-24"), to: at("2026-05-04") }] }, at("2026-05-05"));
    expect(s).toMatchObject({ due: "2026-06-02", used: 10 });
  });

  it("a pause lifted the same day changes nothing", () => {
    const pauses = [{ from: at("2026-03-16", "08:00"), to: at("2026-03-16", "16:00") }];
    expect(computeDeadline(cal, { rule: thirty, startedAt, pauses }, at("2026-03-17")).due).toBe("2026-04-13");
  });

  it("a pause after the deadline has passed does not cure it", () => {
    // 5 working days from Mon 2/3 end Mon 9/3; the supplement request comes Thu 12/3.
    const s = computeDeadline(
      cal,
      { rule: { workingDays: 5 }, startedAt, pauses: [{ from: at("2026-03-12") }] },
      at("2026-03-13"),
    );
    expect(s).toMatchObject({ paused: true, due: "2026-03-09", overdue: true, daysLeft: -4, used: 8, remaining: -3 });
  });
});

describe("computeDeadline — calendar days (congress within 90 days of the permission)", () => {
  it.each([
    // 2/3 + 90 = Sun 31/5 → the limit ends on the next working day, Mon 1/6 (BLDS 2015 Điều 148 khoản 5).
    ["2026-03-02", "2026-06-01", at("2026-05-01"), 31],
    // 1/2 + 90 = Sat 2/5 → Mon 4/5.
    ["2026-02-01", "2026-05-04", at("2026-05-04"), 0],
    // 15/1 + 90 = Wed 15/4, a working day.
    ["2026-01-15", "2026-04-15", at("2026-04-16"), -1],
  ])("permission %s → congress by %s", (permitted, due, now, daysLeft) => {
    const s = computeDeadline(cal, { rule: { calendarDays: 90 }, startedAt: at(permitted) }, now);
    expect(s).toMatchObject({ unit: "calendarDays", total: 90, due, daysLeft, overdue: daysLeft < 0 });
  });
});

describe("computeDeadline — coverage flags and refusals", () => {
  it("flags a due date in an uncovered year and a provisional one", () => {
    const s = computeDeadline(cal, { rule: { workingDays: 60 }, startedAt: at("2027-11-01") }, at("2027-11-02"));
    expect(s.calendarCovered).toBe(false);
    expect(s.provisional).toBe(true);
  });

  it.each([
    [{ rule: {}, startedAt: at("2026-03-02") }, "INVALID_RULE"],
    [{ rule: { workingDays: 30, calendarDays: 90 }, startedAt: at("2026-03-02") }, "INVALID_RULE"],
    [{ rule: { workingDays: 0 }, startedAt: at("2026-03-02") }, "INVALID_RULE"],
    [{ rule: { workingDays: 2.5 }, startedAt: at("2026-03-02") }, "INVALID_RULE"],
    [{ rule: thirty, startedAt: "2026-03-02" }, "INVALID_INSTANT"],
    [{ rule: thirty, startedAt: at("2026-03-20") }, "INVALID_ARGUMENT"], // after now
    [{ rule: thirty, startedAt: at("2026-03-02"), pauses: [{ from: at("2026-03-01") }] }, "INVALID_PAUSES"],
    [{ rule: thirty, startedAt: at("2026-03-02"), pauses: [{ from: at("2026-03-05") }, { from: at("2026-03-06") }] }, "INVALID_PAUSES"],
    [{ rule: thirty, startedAt: at("2026-03-02"), pauses: [{ from: at("2026-03-05"), to: at("2026-03-04") }] }, "INVALID_PAUSES"],
    [{ rule: thirty, startedAt: at("2026-03-02"), pauses: [{ from: at("2026-03-05"), to: at("2026-03-11") }] }, "INVALID_PAUSES"],
    [
      {
        rule: thirty,
        startedAt: at("2026-03-02"),
        pauses: [
          { from: at("2026-03-05"), to: at("2026-03-08") },
          { from: at("2026-03-07"), to: at("2026-03-09") },
        ],
      },
      "INVALID_PAUSES",
    ],
  ] as const)("refuses %j with %s", (input, code) => {
    expect(() => computeDeadline(cal, input as DeadlineInput, at("2026-03-10"))).toThrow(expect.objectContaining({ code }));
  });
});
