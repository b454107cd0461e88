import jsonLogic from "json-logic-js";
import { EngineError } from "./errors";

/** The operators json-logic-js ships; anything else in a condition is a configuration error. */
const OPERATORS = new Set([
  "==", "===", "!=", "!==", ">", ">=", "<", "<=", "!", "!!", "%", "and", "or", "?:", "if", "in", "cat",
  "substr", "+", "-", "*", "/", "min", "max", "merge", "var", "missing", "missing_some", "map", "filter",
  "reduce", "all", "none", "some",
]);

/**
 * Roots a `var` may read: the dossier data, the event's data, the acting person, the definition's config
 * and `$server`, facts the server computes from its own tables for this dossier at the moment of the event
 * (e.g. `$server.unclearedFlags`, the beneficiaries matched against earlier payouts and not yet cleared).
 */
const VAR_ROOTS = new Set(["data", "event", "actor", "config", "now", "today", "$server", "", "current", "accumulator"]);

/** The data a condition sees; `now` (ISO instant) and `today` (date in Vietnam) are those of the event. */
export type ConditionScope = {
  data: Record<string, unknown>;
  event: Record<string, unknown>;
  actor: { id: string; roles: string[] } | null;
  config: Record<string, unknown>;
  now?: string | null;
  today?: string | null;
  $server?: Record<string, unknown>;
};

/**
 * Lists what is wrong with a JSONLogic rule: unknown operators and `var`s outside the known roots.
 *
 * @example conditionProblems({ ">=": [{ var: "data.members.length" }, 5] }) // []
 */
export function conditionProblems(rule: unknown, insideArrayOp = false, extraRoots: readonly string[] = []): string[] {
  if (Array.isArray(rule)) return rule.flatMap((r) => conditionProblems(r, insideArrayOp, extraRoots));
  if (rule === null || typeof rule !== "object") return [];
  const keys = Object.keys(rule);
  if (keys.length !== 1) return [`a rule object must have exactly one operator, found ${keys.length}`];
  const op = keys[0]!;
  const args = (rule as Record<string, unknown>)[op];
  if (!OPERATORS.has(op)) return [`unknown operator "${op}"`];
  if (op === "var") {
    const path = Array.isArray(args) ? args[0] : args;
    const root = path === undefined || path === null ? "" : String(path).split(".")[0] ?? "";
    if (typeof path === "string" && !insideArrayOp && !VAR_ROOTS.has(root) && !extraRoots.includes(root)) {
      return [`var "${path}" must start with ${[...extraRoots, "data", "event", "actor", "config", "now", "today", "$server"].join(", ")}`];
    }
    return [];
  }
  const arrayOp = ["map", "filter", "reduce", "all", "none", "some"].includes(op);
  if (arrayOp && Array.isArray(args)) {
    return [...conditionProblems(args[0], insideArrayOp, extraRoots), ...args.slice(1).flatMap((a) => conditionProblems(a, true, extraRoots))];
  }
  return conditionProblems(args, insideArrayOp, extraRoots);
}

/**
 * The budget of one condition. Every operation json-logic-js evaluates (its `apply`, which it also calls
 * for each argument and each item of `map`/`filter`/`reduce`) costs 1 plus the length of the array or
 * string it answers; no answer may be longer than `maxSize`. Real conditions use a few hundred units; a
 * `reduce` that doubles an array per item is stopped after about 17 items instead of filling the memory.
 */
export const CONDITION_BUDGET = { maxOperations: 100_000, maxSize: 100_000, maxWork: 1_000_000 };

/** The refusal's wording, also how the engine recognises it once XState has wrapped it (`step-budget.ts`). */
export const CONDITION_TOO_COSTLY_MESSAGE = "Điều kiện của quy trình vượt quá giới hạn tính toán cho phép";

let spent: { operations: number; work: number } | null = null;
const applyUnbudgeted = jsonLogic.apply.bind(jsonLogic);

// json-logic-js calls `jsonLogic.apply` through the module object for every nested operation, so this
// wrapper sees them all; it only counts while `evaluateCondition` runs (synchronously).
jsonLogic.apply = (logic: jsonLogic.RulesLogic<jsonLogic.AdditionalOperation>, data?: unknown) => {
  if (spent) charge(spent, 1);
  const result = applyUnbudgeted(logic, data);
  if (spent && (Array.isArray(result) || typeof result === "string")) {
    if (result.length > CONDITION_BUDGET.maxSize) tooCostly(`a value of ${result.length} items or characters`);
    charge(spent, result.length);
  }
  return result;
};

function charge(budget: { operations: number; work: number }, work: number): void {
  if (work === 1 && ++budget.operations > CONDITION_BUDGET.maxOperations) tooCostly("too many operations");
  budget.work += work;
  if (budget.work > CONDITION_BUDGET.maxWork) tooCostly("too much work");
}

function tooCostly(why: string): never {
  throw new EngineError("CONDITION_TOO_COSTLY", CONDITION_TOO_COSTLY_MESSAGE, { messageEn: `a JSONLogic condition went over its budget: ${why}` });
}

/** Evaluates a JSONLogic rule to a boolean (JSONLogic truthiness), within `CONDITION_BUDGET`. */
export function evaluateCondition(rule: unknown, scope: ConditionScope): boolean {
  if (typeof rule === "boolean") return rule;
  const outer = spent;
  spent = { operations: 0, work: 0 };
  try {
    return jsonLogic.truthy(jsonLogic.apply(rule as jsonLogic.RulesLogic, scope));
  } finally {
    spent = outer;
  }
}
