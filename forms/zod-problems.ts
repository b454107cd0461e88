/** Turns zod issues on a form definition into form problems with Vietnamese messages. */
import type { z } from "zod";
import { asRecord } from "./json.js";
import { joinPointer } from "./json-pointer.js";
import { problem, type FormProblem } from "./form-problem.js";

/**
 * One problem per zod issue (one per unknown key), pointing into the definition.
 *
 * @example
 * zodProblems(formDefinitionSchema.safeParse({}).error!.issues, {}) // [{ path: "/key", message: "Thiếu thuộc tính bắt buộc", … }, …]
 */
export function zodProblems(issues: readonly z.core.$ZodIssue[], input: unknown): FormProblem[] {
  return issues.flatMap((issue) => {
    const path = joinPointer("", ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p)));
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((k) =>
        problem(joinPointer(path, k), `Thuộc tính không được hỗ trợ: ${k}`, `Unrecognized key: ${k}`),
      );
    }
    const missing = valueAt(input, issue.path) === undefined;
    return [problem(path, viMessage(issue, missing), issue.message)];
  });
}

function viMessage(issue: z.core.$ZodIssue, missing: boolean): string {
  switch (issue.code) {
    case "invalid_type":
      return missing ? "Thiếu thuộc tính bắt buộc" : `Sai kiểu dữ liệu: cần ${typeVi(issue.expected)}`;
    case "too_small":
      if (issue.origin === "string") return "Không được để trống";
      return issue.inclusive
        ? `Giá trị phải từ ${String(issue.minimum)} trở lên`
        : `Giá trị phải lớn hơn ${String(issue.minimum)}`;
    case "invalid_format":
      return issue.path.at(-1) === "key"
        ? "Mã biểu mẫu phải viết thường, các từ nối bằng một dấu gạch ngang (vd. founding-application)"
        : "Giá trị không đúng định dạng";
    default:
      return "Giá trị không hợp lệ";
  }
}

const TYPES_VI: Record<string, string> = {
  string: "chuỗi ký tự",
  number: "số",
  int: "số nguyên",
  object: "đối tượng",
  record: "đối tượng",
  array: "danh sách",
  boolean: "true/false",
};

function typeVi(expected: string): string {
  return TYPES_VI[expected] ?? expected;
}

/** zod v4 does not keep the input on issues by default, so we look the value up ourselves. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let node = input;
  for (const key of path) {
    node = Array.isArray(node) && typeof key === "number" ? node[key] : asRecord(node)?.[String(key)];
  }
  return node;
}
