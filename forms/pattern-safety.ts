/**
 * Admin-supplied regular expressions (`pattern`, `patternProperties`) run on applicants' text, in the
 * server's single event loop: one with nested repetition such as `^(a+)+$` takes exponential time on a
 * few dozen characters. Only patterns that safe-regex2 judges free of it (star height 1, few repetitions)
 * are accepted.
 */
import safeRegex from "safe-regex2";
import { asRecord } from "./json.js";
import { joinPointer } from "./json-pointer.js";
import { problem, type FormProblem } from "./form-problem.js";

/** Keywords whose value maps names (not keywords) to schemas. */
const NAME_MAPS = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies"]);
/** Keywords whose value is data, not schema: a `pattern` there is not a regular expression. */
const DATA_VALUES = new Set(["const", "enum", "default", "examples", "x-message"]);

/**
 * Every `pattern` and `patternProperties` key of a schema (or of the schemas inside a UI schema's rules)
 * that could take exponential time, located by its JSON pointer.
 *
 * @example patternProblems({ properties: { code: { type: "string", pattern: "^(a+)+$" } } }, "/schema")
 * // [{ path: "/schema/properties/code/pattern", … }]
 */
export function patternProblems(node: unknown, path: string): FormProblem[] {
  const out: FormProblem[] = [];
  const visit = (value: unknown, at: string, namesOnly: boolean) => {
    if (Array.isArray(value)) return value.forEach((v, i) => visit(v, joinPointer(at, i), false));
    const obj = asRecord(value);
    if (!obj) return;
    if (!namesOnly) {
      if (typeof obj.pattern === "string" && !isLinearEnough(obj.pattern)) out.push(unsafe(joinPointer(at, "pattern"), obj.pattern));
      for (const key of Object.keys(asRecord(obj.patternProperties) ?? {})) {
        if (!isLinearEnough(key)) out.push(unsafe(joinPointer(at, "patternProperties", key), key));
      }
    }
    for (const [key, child] of Object.entries(obj)) {
      if (!namesOnly && DATA_VALUES.has(key)) continue;
      visit(child, joinPointer(at, key), !namesOnly && NAME_MAPS.has(key));
    }
  };
  visit(node, path, false);
  return out;
}

/** True for a pattern safe-regex2 accepts; an invalid one is left to ajv, which reports it. */
function isLinearEnough(pattern: string): boolean {
  try {
    new RegExp(pattern, "u");
  } catch {
    return true;
  }
  return safeRegex(pattern);
}

function unsafe(at: string, pattern: string): FormProblem {
  return problem(
    at,
    `Biểu thức chính quy "${pattern}" có thể chạy rất lâu với một số dữ liệu (lặp lồng nhau như (a+)+), hãy viết lại`,
    `The regular expression "${pattern}" can take exponential time on some input (nested repetition such as (a+)+); rewrite it`,
  );
}
