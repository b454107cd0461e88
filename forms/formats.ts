/**
 * Vietnamese formats registered on ajv. Each is a pure predicate, exported so that other parts
 * (the beneficiaries registry, CSV imports) check values the same way the forms do.
 */
import type Ajv from "ajv";
import type { Format } from "ajv";

/** Province codes of the CCCD (Thông tư 07/2016/TT-BCA, amended): 001–096. */
const MIN_PROVINCE_CODE = 1;
const MAX_PROVINCE_CODE = 96;

/**
 * A citizen identity card number (CCCD): exactly 12 digits, the first three a province code 001–096.
 *
 * @example
 * isCccd("001090012345") // true
 * isCccd("099090012345") // false: no province 099
 */
export function isCccd(value: string): boolean {
  if (!/^\d{12}$/.test(value)) return false;
  const province = Number(value.slice(0, 3));
  return province >= MIN_PROVINCE_CODE && province <= MAX_PROVINCE_CODE;
}

/**
 * A Vietnamese phone number: 10 digits starting with 0, or +84 followed by the 9 digits after the 0.
 *
 * @example
 * isPhoneVn("0912345678") // true
 * isPhoneVn("+84912345678") // true
 */
export function isPhoneVn(value: string): boolean {
  return /^(0\d{9}|\+84\d{9})$/.test(value);
}

/**
 * A calendar date stored as ISO `YYYY-MM-DD` (the UI shows dd/mm/yyyy); checks the day exists.
 *
 * @example
 * isIsoDate("2024-02-29") // true
 * isIsoDate("2023-02-29") // false
 */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** An amount of money in đồng: a non-negative safe integer. Use with `type: "integer"`. */
export function isVnd(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

/**
 * An opaque id (an uploaded attachment, an organisation unit): 1–128 characters of letters,
 * digits and `_ - . :`, starting with a letter or digit. The server checks that the id exists.
 */
export function isOpaqueId(value: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/.test(value);
}

/** The formats, by name, as ajv format definitions. */
export const vietnameseFormats: Record<string, Format> = {
  cccd: { type: "string", validate: isCccd },
  "phone-vn": { type: "string", validate: isPhoneVn },
  date: { type: "string", validate: isIsoDate },
  vnd: { type: "number", validate: isVnd },
  attachment: { type: "string", validate: isOpaqueId },
  unit: { type: "string", validate: isOpaqueId },
};

/** Registers the Vietnamese formats on an ajv instance (replacing ajv-formats' `date`). */
export function addVietnameseFormats(ajv: Ajv): Ajv {
  for (const [name, format] of Object.entries(vietnameseFormats)) ajv.addFormat(name, format);
  return ajv;
}
