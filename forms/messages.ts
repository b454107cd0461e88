/**
 * Our own error-message table (Vietnamese first, English second), keyed by ajv keyword and, for
 * `format` and `type`, by the format or type. Messages speak to the person filling the form: short,
 * natural, and quoting the limit where there is one.
 */
import type { ErrorObject } from "ajv";
import { dateMessage } from "./date-message.js";
import { isCccd } from "./formats.js";

/** A message in both languages. */
export interface Bilingual {
  vi: string;
  en: string;
}

type MessageFn = (error: ErrorObject) => Bilingual;

/** Vietnamese digit grouping for large numbers (50.000), but never for years and small limits (1900). */
const num = (v: unknown): string =>
  typeof v === "number" && Math.abs(v) >= 10_000 ? v.toLocaleString("vi-VN") : String(v);
const numEn = (v: unknown): string => String(v);
const param = (e: ErrorObject, name: string): unknown => (e.params as Record<string, unknown>)[name];

const invalid: Bilingual = { vi: "Giá trị không hợp lệ", en: "Invalid value" };
const requiredMsg: Bilingual = { vi: "Trường này là bắt buộc", en: "This field is required" };
const notAllowed: Bilingual = {
  vi: "Giá trị không thuộc danh sách được chọn",
  en: "The value is not one of the allowed choices",
};

const typeMessages: Record<string, Bilingual> = {
  integer: { vi: "Giá trị phải là số nguyên", en: "Must be a whole number" },
  number: { vi: "Giá trị phải là số", en: "Must be a number" },
  string: { vi: "Giá trị phải là chuỗi ký tự", en: "Must be text" },
  boolean: { vi: "Giá trị phải là Có hoặc Không", en: "Must be yes or no" },
  array: { vi: "Giá trị phải là một danh sách", en: "Must be a list" },
  object: { vi: "Giá trị phải là một nhóm thông tin", en: "Must be a group of fields" },
  null: { vi: "Trường này phải để trống", en: "Must be empty" },
};

const formatMessages: Record<string, MessageFn> = {
  cccd: (e) =>
    typeof e.data === "string" && /^\d{12}$/.test(e.data) && !isCccd(e.data)
      ? {
          vi: "Số CCCD không hợp lệ: 3 chữ số đầu phải là mã tỉnh (001–096)",
          en: "Invalid CCCD number: the first 3 digits must be a province code (001–096)",
        }
      : { vi: "Số CCCD phải gồm 12 chữ số", en: "The CCCD number must have exactly 12 digits" },
  "phone-vn": () => ({
    vi: "Số điện thoại không hợp lệ (10 chữ số bắt đầu bằng 0, hoặc +84)",
    en: "Invalid phone number (10 digits starting with 0, or +84)",
  }),
  date: (e) => dateMessage(e.data),
  "date-time": () => ({ vi: "Thời điểm không hợp lệ", en: "Invalid date and time" }),
  time: () => ({ vi: "Giờ không hợp lệ (hh:mm)", en: "Invalid time (hh:mm)" }),
  email: () => ({ vi: "Địa chỉ email không hợp lệ", en: "Invalid email address" }),
  uri: () => ({ vi: "Địa chỉ web không hợp lệ", en: "Invalid web address" }),
  vnd: () => ({
    vi: "Số tiền phải là số nguyên không âm (đồng)",
    en: "The amount must be a whole, non-negative number of đồng",
  }),
  attachment: () => ({ vi: "Tệp đính kèm không hợp lệ", en: "Invalid attachment" }),
  unit: () => ({ vi: "Đơn vị không hợp lệ", en: "Invalid organisation unit" }),
};

const messages: Record<string, MessageFn> = {
  required: () => requiredMsg,
  dependentRequired: () => requiredMsg,
  dependencies: () => requiredMsg,
  type: (e) => typeMessages[String(param(e, "type")).split(",")[0] ?? ""] ?? invalid,
  format: (e) =>
    formatMessages[String(param(e, "format"))]?.(e) ?? {
      vi: "Giá trị không đúng định dạng",
      en: `Must match the format "${String(param(e, "format"))}"`,
    },
  minLength: (e) =>
    param(e, "limit") === 1
      ? { vi: "Trường này không được để trống", en: "This field must not be empty" }
      : {
          vi: `Phải có ít nhất ${num(param(e, "limit"))} ký tự`,
          en: `Must be at least ${numEn(param(e, "limit"))} characters long`,
        },
  maxLength: (e) => ({
    vi: `Không được dài quá ${num(param(e, "limit"))} ký tự`,
    en: `Must be at most ${numEn(param(e, "limit"))} characters long`,
  }),
  minimum: (e) => ({
    vi: `Giá trị phải lớn hơn hoặc bằng ${num(param(e, "limit"))}`,
    en: `Must be at least ${numEn(param(e, "limit"))}`,
  }),
  maximum: (e) => ({
    vi: `Giá trị phải nhỏ hơn hoặc bằng ${num(param(e, "limit"))}`,
    en: `Must be at most ${numEn(param(e, "limit"))}`,
  }),
  exclusiveMinimum: (e) => ({
    vi: `Giá trị phải lớn hơn ${num(param(e, "limit"))}`,
    en: `Must be greater than ${numEn(param(e, "limit"))}`,
  }),
  exclusiveMaximum: (e) => ({
    vi: `Giá trị phải nhỏ hơn ${num(param(e, "limit"))}`,
    en: `Must be less than ${numEn(param(e, "limit"))}`,
  }),
  multipleOf: (e) => ({
    vi: `Giá trị phải là bội số của ${num(param(e, "multipleOf"))}`,
    en: `Must be a multiple of ${numEn(param(e, "multipleOf"))}`,
  }),
  minItems: (e) => ({
    vi: `Phải có ít nhất ${num(param(e, "limit"))} mục`,
    en: `Must have at least ${numEn(param(e, "limit"))} items`,
  }),
  maxItems: (e) => ({
    vi: `Không được quá ${num(param(e, "limit"))} mục`,
    en: `Must have at most ${numEn(param(e, "limit"))} items`,
  }),
  uniqueItems: () => ({ vi: "Các mục không được trùng nhau", en: "Items must not repeat" }),
  contains: () => ({
    vi: "Danh sách chưa có mục nào hợp lệ",
    en: "The list has no valid item",
  }),
  pattern: () => ({ vi: "Giá trị không đúng định dạng", en: "The value has the wrong format" }),
  enum: () => notAllowed,
  const: () => notAllowed,
  oneOf: () => notAllowed,
  anyOf: () => notAllowed,
  additionalProperties: () => ({
    vi: "Trường này không có trong biểu mẫu",
    en: "This field is not part of the form",
  }),
  unevaluatedProperties: () => ({
    vi: "Trường này không có trong biểu mẫu",
    en: "This field is not part of the form",
  }),
};

/**
 * The default message for an ajv error.
 *
 * @example
 * defaultMessage({ keyword: "minItems", params: { limit: 5 }, ... }) // { vi: "Phải có ít nhất 5 mục", en: … }
 */
export function defaultMessage(error: ErrorObject): Bilingual {
  return messages[error.keyword]?.(error) ?? invalid;
}
