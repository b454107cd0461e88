/**
 * Plausibility rules written as data in a form's schema, judged on the data a client sends with "today"
 * and the dossier's own dates handed in (pure: no clock here).
 *
 * - `"x-plausible": { "notBefore": [ref…], "notAfter": [ref…] }` on a `format: "date"` string or on an
 *   integer year. A ref is `"today"`, `"started"` (the dossier's start day), `"data:/pointer"` (a date in
 *   the dossier's data so far; ignored while absent), a literal `YYYY-MM-DD`, or `{ "ref": …, "days": n }`
 *   for an offset. A year is compared with the ref's year.
 * - `"x-confirm-above": { "amount": n, "field": "amountConfirmed" }` on a money field: a value above `n`
 *   needs the sibling field `field` to be exactly `true` (a typo of three zeros is caught, not paid).
 */
import { addDays as addCalendarDays, format, parseISO } from "date-fns";
import type { JsonObject } from "./json.js";

export type PlausibilityContext = {
  /** Today in Vietnam, `YYYY-MM-DD`, from the server's clock. */
  today: string;
  /** The dossier's start day (Vietnam), or today when it is being started. */
  started: string;
  /** The dossier's data so far (null at start). */
  data: Record<string, unknown> | null;
};

export type PlausibilityProblem = { path: string; code: "dateWindow" | "confirmAmount"; message: string; messageEn: string };

type Ref = string | { ref: string; days?: number };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const shown = (iso: string) => iso.split("-").reverse().join("/");
const money = (n: number) => `${new Intl.NumberFormat("vi-VN").format(n)} ₫`;

/** Calendar arithmetic on a plain date (parsed and formatted in one time zone, whichever: no clock is read). */
function addDays(iso: string, days: number): string {
  return format(addCalendarDays(parseISO(iso), days), "yyyy-MM-dd");
}

function pointerValue(data: unknown, pointer: string): unknown {
  let at: unknown = data;
  for (const part of pointer.split("/").slice(1)) {
    if (!at || typeof at !== "object") return undefined;
    at = (at as Record<string, unknown>)[part.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return at;
}

/** The date a ref names, with what to call it in a message; null when it names nothing yet. */
function resolve(ref: Ref, ctx: PlausibilityContext): { date: string; label: string; labelEn: string } | null {
  const name = typeof ref === "string" ? ref : ref.ref;
  const days = typeof ref === "string" ? 0 : (ref.days ?? 0);
  let base: string | null = null;
  let label = "";
  let labelEn = "";
  if (name === "today") [base, label, labelEn] = [ctx.today, "hôm nay", "today"];
  else if (name === "started") [base, label, labelEn] = [ctx.started, "ngày lập hồ sơ", "the dossier's start"];
  else if (name.startsWith("data:")) {
    const v = pointerValue(ctx.data, name.slice(5));
    if (typeof v === "string" && ISO_DATE.test(v)) [base, label, labelEn] = [v, "ngày đã ghi trong hồ sơ", "a date of the dossier"];
  } else if (ISO_DATE.test(name)) [base, label, labelEn] = [name, "", ""];
  if (!base) return null;
  const date = days ? addDays(base, days) : base;
  return { date, label, labelEn };
}

const refs = (v: unknown): Ref[] => (Array.isArray(v) ? (v as Ref[]) : v === undefined ? [] : [v as Ref]);

function windowProblems(schema: JsonObject, value: unknown, path: string, ctx: PlausibilityContext): PlausibilityProblem[] {
  const rule = schema["x-plausible"] as { notBefore?: unknown; notAfter?: unknown } | undefined;
  if (!rule) return [];
  const isYear = typeof value === "number" && Number.isInteger(value);
  if (!isYear && !(typeof value === "string" && ISO_DATE.test(value))) return [];
  const asText = isYear ? String(value) : shown(value as string);
  const compare = (bound: string) => (isYear ? (value as number) - Number(bound.slice(0, 4)) : (value as string) < bound ? -1 : (value as string) > bound ? 1 : 0);
  const boundText = (b: { date: string; label: string }) => {
    const text = isYear ? b.date.slice(0, 4) : shown(b.date);
    return b.label ? `${b.label} (${text})` : text;
  };
  for (const ref of refs(rule.notBefore)) {
    const b = resolve(ref, ctx);
    if (b && compare(b.date) < 0) {
      return [{ path, code: "dateWindow", message: `${asText} quá sớm: không được trước ${boundText(b)}`, messageEn: `${String(value)} is too early: not before ${b.date}` }];
    }
  }
  for (const ref of refs(rule.notAfter)) {
    const b = resolve(ref, ctx);
    if (b && compare(b.date) > 0) {
      return [{ path, code: "dateWindow", message: `${asText} quá muộn: không được sau ${boundText(b)}`, messageEn: `${String(value)} is too late: not after ${b.date}` }];
    }
  }
  return [];
}

function confirmProblems(schema: JsonObject, value: unknown, path: string, parent: unknown, parentPath: string): PlausibilityProblem[] {
  const rule = schema["x-confirm-above"] as { amount?: unknown; field?: unknown } | undefined;
  if (!rule || typeof rule.amount !== "number" || typeof rule.field !== "string" || typeof value !== "number") return [];
  if (value <= rule.amount) return [];
  const confirmed = parent && typeof parent === "object" ? (parent as Record<string, unknown>)[rule.field] : undefined;
  if (confirmed === true) return [];
  return [
    {
      path: `${parentPath}/${rule.field}`,
      code: "confirmAmount",
      message: `Số tiền ${money(value)} lớn hơn ${money(rule.amount)}: kiểm tra lại và đánh dấu "Tôi xác nhận số tiền ${money(value)}" nếu đúng`,
      messageEn: `the amount ${value} is above ${rule.amount}: confirm it explicitly (${rule.field}: true)`,
    },
  ];
}

/** Every plausibility problem of `data` under `schema` (properties and array items, at any depth). */
export function plausibilityProblems(schema: JsonObject, data: unknown, ctx: PlausibilityContext): PlausibilityProblem[] {
  const problems: PlausibilityProblem[] = [];
  const walk = (s: JsonObject, value: unknown, path: string) => {
    if (Array.isArray(value) && s.items && typeof s.items === "object") {
      value.forEach((item, i) => walk(s.items as JsonObject, item, `${path}/${i}`));
      return;
    }
    if (!value || typeof value !== "object" || Array.isArray(value) || !s.properties || typeof s.properties !== "object") return;
    for (const [key, sub] of Object.entries(s.properties as Record<string, JsonObject>)) {
      if (!Object.hasOwn(value, key)) continue;
      const v = (value as Record<string, unknown>)[key];
      const at = `${path}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
      problems.push(...windowProblems(sub, v, at, ctx), ...confirmProblems(sub, v, at, value, path));
      walk(sub, v, at);
    }
  };
  walk(schema, data, "");
  return problems;
}
