import { CalendarYear } from "./calendar-schema";
import { toEpochDay, type IsoDate } from "./dates";
import { CalendarError } from "./errors";

/**
 * The lookup structure every working-day function takes: built once (at boot, or when an admin saves a
 * year) from validated years, then only read. Frozen, so it can be shared freely.
 */
export interface Calendar {
  /** The validated years, ascending. */
  readonly years: readonly CalendarYear[];
  /** Years the calendar knows; outside them only weekends are days off (see `covers`). */
  readonly coveredYears: ReadonlySet<number>;
  /** Years that follow the law but not yet a published schedule. */
  readonly provisionalYears: ReadonlySet<number>;
  /** Holidays, compensatory days and swapped days off: every listed day on which no one works. */
  readonly daysOff: ReadonlySet<IsoDate>;
  /** Saturdays/Sundays that are working days. */
  readonly makeupWorkdays: ReadonlySet<IsoDate>;
}

/**
 * Validates years (the same zod schema the admin API uses) and indexes them for O(1) day lookups.
 * Throws `CalendarError("INVALID_CALENDAR")` on an invalid year or a year given twice.
 *
 * @example
 * const cal = buildCalendar([year2026, year2027]);
 * cal.daysOff.has("2026-09-02");        // true
 * cal.makeupWorkdays.has("2026-08-22"); // true
 */
export function buildCalendar(years: readonly CalendarYear[]): Calendar {
  const parsed: CalendarYear[] = [];
  const coveredYears = new Set<number>();
  const provisionalYears = new Set<number>();
  const daysOff = new Set<IsoDate>();
  const makeupWorkdays = new Set<IsoDate>();
  for (const raw of years) {
    const result = CalendarYear.safeParse(raw);
    if (!result.success) {
      const first = result.error.issues[0];
      const where = first ? `${first.path.join(".")}: ${first.message}` : "invalid";
      throw new CalendarError("INVALID_CALENDAR", `calendar year ${String((raw as { year?: unknown }).year)} — ${where}`);
    }
    const y = result.data;
    if (coveredYears.has(y.year)) throw new CalendarError("INVALID_CALENDAR", `calendar year ${y.year} given twice`);
    coveredYears.add(y.year);
    if (y.provisional === true) provisionalYears.add(y.year);
    for (const h of y.holidays) daysOff.add(h.date);
    for (const d of y.extraDaysOff) daysOff.add(d.date);
    for (const m of y.makeupWorkdays) makeupWorkdays.add(m.date);
    parsed.push(y);
  }
  parsed.sort((a, b) => a.year - b.year);
  return Object.freeze({
    years: Object.freeze(parsed),
    coveredYears,
    provisionalYears,
    daysOff,
    makeupWorkdays,
  });
}

/**
 * Whether the calendar has data for the year of `date`. Outside covered years the working-day
 * functions still answer, counting only weekends as days off — callers that must not guess check this.
 *
 * @example
 * covers(cal, "2026-05-01"); // true
 * covers(cal, "2031-05-01"); // false: 30/4 and 1/5 would count as working days
 */
export function covers(cal: Calendar, date: IsoDate): boolean {
  toEpochDay(date); // validates
  return cal.coveredYears.has(Number(date.slice(0, 4)));
}

/**
 * Whether the year of `date` is covered only provisionally (law + lunar calendar, schedule not yet published).
 *
 * @example
 * isProvisional(cal, "2027-02-10"); // true until the 2027 schedule is published and the data updated
 */
export function isProvisional(cal: Calendar, date: IsoDate): boolean {
  toEpochDay(date);
  return cal.provisionalYears.has(Number(date.slice(0, 4)));
}

/**
 * Whether every year from `from` to `to` (either order) is covered.
 *
 * @example
 * coversRange(cal, "2026-11-20", "2027-01-15"); // true with 2026 and 2027 loaded
 */
export function coversRange(cal: Calendar, from: IsoDate, to: IsoDate): boolean {
  toEpochDay(from);
  toEpochDay(to);
  const [a, b] = [Number(from.slice(0, 4)), Number(to.slice(0, 4))].sort((x, y) => x - y) as [number, number];
  for (let y = a; y <= b; y++) if (!cal.coveredYears.has(y)) return false;
  return true;
}

/**
 * Whether any year from `from` to `to` (either order) is only provisional.
 *
 * @example
 * touchesProvisional(cal, "2026-12-01", "2027-01-20"); // true: 2027 is provisional
 */
export function touchesProvisional(cal: Calendar, from: IsoDate, to: IsoDate): boolean {
  const [a, b] = [Number(from.slice(0, 4)), Number(to.slice(0, 4))].sort((x, y) => x - y) as [number, number];
  for (let y = a; y <= b; y++) if (cal.provisionalYears.has(y)) return true;
  return false;
}
