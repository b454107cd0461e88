import { addCalendarDays, isIsoDate } from "../calendar";
import type { DataAction } from "../data-actions";

/**
 * Forced dissolution: keeps the text of the legal ground the official chose (`data.ground`, a key of
 * `config.grounds`) as `$groundText`, so the notice and the decision cite it as the definition words it.
 */
export const recordDissolutionGround: DataAction = (data, { config }) => {
  const grounds = config.grounds && typeof config.grounds === "object" ? (config.grounds as Record<string, unknown>) : {};
  const text = typeof data.ground === "string" && Object.hasOwn(grounds, data.ground) ? grounds[data.ground] : null;
  return { ...data, $groundText: typeof text === "string" ? text : null };
};

/**
 * Forced dissolution: the association is notified today and may respond until `config.responseDays`
 * calendar days later (`$response.until`, the last day; the period's timer fires the day after).
 *
 * @example openResponsePeriod({}, { event: {}, config: { responseDays: 15 }, now: null, today: "2026-12-04" }).$response // { from: "2026-12-04", until: "2026-12-19" }
 */
export const openResponsePeriod: DataAction = (data, { config, today }) => {
  const days = config.responseDays;
  const until = today && isIsoDate(today) && typeof days === "number" && Number.isInteger(days) && days > 0 ? addCalendarDays(today, days) : null;
  return { ...data, $response: until ? { from: today, until } : null };
};

export const dissolutionDataActions = { recordDissolutionGround, openResponsePeriod };
