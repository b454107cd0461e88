import { addCalendarDays, addWorkingDays, isIsoDate, workingDayOnOrAfter, type Calendar, type IsoDate } from "../calendar";

/** The founding congress's figures, from the definition's `config.congress` (each with its source there). */
export type CongressRules = {
  /** Days from the permission decision's effective date within which the congress must be held. */
  periodDays: number;
  /** An extension may be asked for only this many days before the period ends (or later, up to its last day). */
  extensionRequestDaysBefore: number;
  /** The longest extension. */
  extensionMaxDays: number;
  /** Working days after the congress within which its report is due. */
  reportWorkingDays: number;
};

/**
 * The period within which the founding congress must be held, kept in the dossier data (`$congress`):
 * the day it runs from, its last day, the first day an extension may be asked for, and the last day a
 * congress held on its last day may still be reported (after which the permission has lapsed for good).
 */
export type CongressPeriod = {
  from: IsoDate;
  limit: IsoDate;
  extendableFrom: IsoDate;
  reportLatest: IsoDate;
  /** Days granted by an extension, null until one is granted (one only). */
  extendedBy: number | null;
};

const positiveInt = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v > 0;

/** The congress rules of a definition's config, or null when one of them is missing. */
export function congressRulesFrom(config: Record<string, unknown>): CongressRules | null {
  const c = config.congress as Record<string, unknown> | undefined;
  if (!c || typeof c !== "object") return null;
  const { periodDays, extensionRequestDaysBefore, extensionMaxDays, reportWorkingDays } = c;
  if (![periodDays, extensionRequestDaysBefore, extensionMaxDays, reportWorkingDays].every(positiveInt)) return null;
  return { periodDays, extensionRequestDaysBefore, extensionMaxDays, reportWorkingDays } as CongressRules;
}

/** The last day of `days` counted from `from` (the start day does not count; a day off moves to the next working day). */
function lastDay(cal: Calendar, from: IsoDate, days: number): IsoDate {
  return workingDayOnOrAfter(cal, addCalendarDays(from, days));
}

function periodEnding(cal: Calendar, from: IsoDate, limit: IsoDate, rules: CongressRules, extendedBy: number | null): CongressPeriod {
  return {
    from,
    limit,
    extendableFrom: addCalendarDays(limit, -rules.extensionRequestDaysBefore),
    reportLatest: addWorkingDays(cal, limit, rules.reportWorkingDays),
    extendedBy,
  };
}

/**
 * The congress period of a permission effective on `effectiveDate`: it runs from that date, not from the
 * day the decision was signed.
 *
 * @example congressPeriod(cal, "2026-03-02", rules).limit // "2026-06-01" (31/05 is a Sunday)
 */
export function congressPeriod(cal: Calendar, effectiveDate: IsoDate, rules: CongressRules): CongressPeriod {
  return periodEnding(cal, effectiveDate, lastDay(cal, effectiveDate, rules.periodDays), rules, null);
}

/**
 * The period moved by an extension of `days`, counted from the old last day; null when the period was
 * already extended or `days` is not a whole number from 1 to the maximum (the guard then refuses).
 */
export function extendedCongressPeriod(cal: Calendar, period: CongressPeriod, days: unknown, rules: CongressRules): CongressPeriod | null {
  if (period.extendedBy !== null || !positiveInt(days) || days > rules.extensionMaxDays) return null;
  return periodEnding(cal, period.from, lastDay(cal, period.limit, days), rules, days);
}

/** The period stored in a dossier's data, when it is one. */
export function storedCongressPeriod(value: unknown): CongressPeriod | null {
  if (!value || typeof value !== "object") return null;
  const p = value as Record<string, unknown>;
  const dates = [p.from, p.limit, p.extendableFrom, p.reportLatest];
  if (!dates.every((d) => typeof d === "string" && isIsoDate(d))) return null;
  if (p.extendedBy !== null && !positiveInt(p.extendedBy)) return null;
  return p as unknown as CongressPeriod;
}

/**
 * When the report of a congress held on `heldOn` is due, and whether `today` is past it. A late report
 * is recorded, not refused: the decree sets a duty to report, not the loss of the permission.
 *
 * @example congressReportDue(cal, "2026-05-29", "2026-06-09", rules) // { due: "2026-07-10", late: false }
 */
export function congressReportDue(cal: Calendar, heldOn: IsoDate, today: IsoDate, rules: CongressRules): { due: IsoDate; late: boolean } {
  const due = addWorkingDays(cal, heldOn, rules.reportWorkingDays);
  return { due, late: today > due };
}
