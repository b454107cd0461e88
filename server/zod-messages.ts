/**
 * Vietnamese messages for the API's own request checks (zod), saying what is expected: the bound
 * (`Phải lớn hơn 0`, `Tối đa 60 ký tự`), the type, the format. A check may carry its own message
 * (`params: { vi }`), used as is.
 */
import type { z } from "zod";

const TYPE_VI: Record<string, string> = {
  string: "một chuỗi ký tự",
  number: "một số",
  int: "một số nguyên",
  boolean: "true hoặc false",
  object: "một đối tượng JSON",
  record: "một đối tượng JSON",
  map: "một đối tượng JSON",
  bigint: "một số nguyên",
  null: "giá trị null",
  array: "một danh sách",
  date: "một ngày",
};

const num = (v: unknown) => (typeof v === "number" || typeof v === "bigint" ? Number(v).toLocaleString("vi-VN") : String(v));

function tooSmall(origin: string, minimum: unknown, inclusive: boolean): string {
  if (origin === "string") return Number(minimum) <= 1 ? "Trường này không được để trống" : `Phải có ít nhất ${num(minimum)} ký tự`;
  if (origin === "array" || origin === "set") return `Phải có ít nhất ${num(minimum)} mục`;
  if (!inclusive && Number(minimum) === 0) return "Phải là số lớn hơn 0 (không nhận số âm hoặc 0)";
  return inclusive ? `Phải từ ${num(minimum)} trở lên` : `Phải lớn hơn ${num(minimum)}`;
}

function tooBig(origin: string, maximum: unknown, inclusive: boolean): string {
  if (origin === "string") return `Tối đa ${num(maximum)} ký tự`;
  if (origin === "array" || origin === "set") return `Tối đa ${num(maximum)} mục`;
  return inclusive ? `Tối đa ${num(maximum)}` : `Phải nhỏ hơn ${num(maximum)}`;
}

/** The Vietnamese message of one zod issue; `missing`: the field was absent. */
export function zodIssueVi(issue: z.core.$ZodIssue, missing: boolean): string {
  if (missing) return "Trường này là bắt buộc";
  switch (issue.code) {
    case "custom":
      return typeof issue.params?.vi === "string" ? issue.params.vi : "Giá trị không hợp lệ";
    case "invalid_type":
      return `Cần ${TYPE_VI[issue.expected] ?? "giá trị đúng kiểu"}`;
    case "too_small":
      return tooSmall(issue.origin, issue.minimum, issue.inclusive ?? true);
    case "too_big":
      return tooBig(issue.origin, issue.maximum, issue.inclusive ?? true);
    case "invalid_format":
      if (issue.format === "uuid" || issue.format === "guid") return "Cần một mã định danh (UUID)";
      if (issue.format === "regex" && /^[A-Z-]+$/.test(issue.message)) return `Cần dạng ${issue.message}`;
      return "Sai định dạng";
    case "invalid_value":
      return `Chỉ nhận một trong: ${issue.values.map(String).join(", ").slice(0, 200)}`;
    case "unrecognized_keys":
      return `Trường không được phép: ${issue.keys.join(", ").slice(0, 200)}`;
    default:
      return "Giá trị không hợp lệ";
  }
}
