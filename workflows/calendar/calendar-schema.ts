import { z } from "zod";
import { isIsoDate, toEpochDay, weekdayOfEpochDay } from "./dates";

/** A `YYYY-MM-DD` string that is a real date. */
export const IsoDateSchema = z.string().refine(isIsoDate, { message: "must be a real date written YYYY-MM-DD" });

export const CalendarName = z.object({ vi: z.string().min(1), en: z.string().min(1) }).strict();

/** A statutory holiday, or a compensatory day off ("nghỉ bù") when a holiday fell on a weekend. */
export const CalendarHoliday = z
  .object({
    date: IsoDateSchema,
    name: CalendarName,
    /** Set on a compensatory day: the weekend holiday it makes up for (Bộ luật Lao động 2019, Điều 112 khoản 3). */
    compensatesFor: IsoDateSchema.optional(),
  })
  .strict();

/** A weekday made a day off by a published swap ("hoán đổi ngày làm việc"). */
export const CalendarDayOff = z.object({ date: IsoDateSchema, name: CalendarName }).strict();

/** A Saturday or Sunday worked to pay back a swapped day off ("làm bù"). */
export const CalendarMakeupWorkday = z
  .object({
    date: IsoDateSchema,
    name: CalendarName,
    /** The weekday given off in exchange. */
    replaces: IsoDateSchema.optional(),
  })
  .strict();

const isWeekend = (date: string): boolean => {
  const wd = weekdayOfEpochDay(toEpochDay(date));
  return wd === 0 || wd === 6;
};

/**
 * One year of the working-day calendar, as shipped in `data/<year>.json` and as edited by an admin.
 *
 * @example
 * const year = CalendarYear.parse(JSON.parse(text)); // throws a ZodError listing every problem
 * CalendarYear.safeParse({ year: 2026, holidays: [{ date: "2026-02-30", name: { vi: "x", en: "x" } }],
 *   makeupWorkdays: [], extraDaysOff: [], source: "…" }).success; // false
 */
export const CalendarYear = z
  .object({
    year: z.number().int().min(1970).max(9999),
    holidays: z.array(CalendarHoliday),
    makeupWorkdays: z.array(CalendarMakeupWorkday),
    extraDaysOff: z.array(CalendarDayOff),
    /** Where the dates come from: the law and the published notices, with numbers and dates. */
    source: z.string().min(1),
    /** True while the year follows the law and the lunar calendar but no schedule is published yet. */
    provisional: z.boolean().optional(),
    notes: z.string().optional(),
  })
  .strict()
  .superRefine((y, ctx) => {
    const seen = new Map<string, string>();
    const check = (list: "holidays" | "makeupWorkdays" | "extraDaysOff", i: number, date: string): void => {
      const path = [list, i, "date"];
      if (!isIsoDate(date)) return; // already reported by the field schema
      if (Number(date.slice(0, 4)) !== y.year) {
        ctx.addIssue({ code: "custom", path, message: `${date} is not in ${y.year}` });
      }
      const before = seen.get(date);
      if (before !== undefined) ctx.addIssue({ code: "custom", path, message: `${date} is listed twice (also in ${before})` });
      seen.set(date, list);
      // A make-up day on a weekday, or a swapped day off on a weekend, would change nothing: surely a typo.
      if (list === "makeupWorkdays" && !isWeekend(date)) {
        ctx.addIssue({ code: "custom", path, message: `make-up working day ${date} must be a Saturday or Sunday` });
      }
      if (list === "extraDaysOff" && isWeekend(date)) {
        ctx.addIssue({ code: "custom", path, message: `swapped day off ${date} must be a weekday` });
      }
    };
    y.holidays.forEach((h, i) => check("holidays", i, h.date));
    y.makeupWorkdays.forEach((m, i) => check("makeupWorkdays", i, m.date));
    y.extraDaysOff.forEach((d, i) => check("extraDaysOff", i, d.date));

    const offDates = new Set(y.extraDaysOff.map((d) => d.date));
    y.makeupWorkdays.forEach((m, i) => {
      if (m.replaces !== undefined && m.replaces.startsWith(`${y.year}-`) && !offDates.has(m.replaces)) {
        ctx.addIssue({
          code: "custom",
          path: ["makeupWorkdays", i, "replaces"],
          message: `${m.replaces} is not among this year's extraDaysOff`,
        });
      }
    });
    const holidayDates = new Set(y.holidays.map((h) => h.date));
    y.holidays.forEach((h, i) => {
      if (h.compensatesFor !== undefined && h.compensatesFor.startsWith(`${y.year}-`) && !holidayDates.has(h.compensatesFor)) {
        ctx.addIssue({
          code: "custom",
          path: ["holidays", i, "compensatesFor"],
          message: `${h.compensatesFor} is not among this year's holidays`,
        });
      }
    });
  });
export type CalendarYear = z.infer<typeof CalendarYear>;
