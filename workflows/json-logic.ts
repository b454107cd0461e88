import jsonLogic from "json-logic-js";

/** The operators json-logic-js ships; anything else in a condition is a configuration error. */
const OPERATORS = new Set([
  "==", "===", "!=", "!==", ">", ">=", "<", "<=", "!", "!!", "%", "and", "or", "?:", "if", "in", "cat",
  "substr", "+", "-", "*", "/", "min", "max", "merge", "var", "missing", "missing_some", "map", "filter",
  "reduce", "all", "none", "some",
]);

/** Roots a `var` may read: the dossier data, the event's data, the acting person and the definition's config. */
const VAR_ROOTS = new Set(["data", "event", "actor", "config", "", "current", "accumulator"]);

/** The data a condition sees. */
export type ConditionScope = {
  data: Record<string, unknown>;
  event: Record<string, unknown>;
  actor: { id: string; roles: string[] } | null;
  config: Record<string, unknown>;
};

/**
 * Lists what is wrong with a JSONLogic rule: unknown operators and `var`s outside the known roots.
 *
 * @example conditionProblems({ ">=": [{ var: "data.members.length" }, 5] }) // []
 */
export function conditionProblems(rule: unknown, insideArrayOp = false): string[] {
  if (Array.isArray(rule)) return rule.flatMap((r) => conditionProblems(r, insideArrayOp));
  if (rule === null || typeof rule !== "object") return [];
  const keys = Object.keys(rule);
  if (keys.length !== 1) return [`a rule object must have exactly one operator, found ${keys.length}`];
  const op = keys[0]!;
  const args = (rule as Record<string, unknown>)[op];
  if (!OPERATORS.has(op)) return [`unknown operator "${op}"`];
  if (op === "var") {
    const path = Array.isArray(args) ? args[0] : args;
    if (typeof path === "string" && !insideArrayOp && !VAR_ROOTS.has(path.split(".")[0] ?? "")) {
      return [`var "${path}" must start with data., event., actor. or config.`];
    }
    return [];
  }
  const arrayOp = ["map", "filter", "reduce", "all", "none", "some"].includes(op);
  if (arrayOp && Array.isArray(args)) {
    return [...conditionProblems(args[0], insideArrayOp), ...args.slice(1).flatMap((a) => conditionProblems(a, true))];
  }
  return conditionProblems(args, insideArrayOp);
}

/** Evaluates a JSONLogic rule to a boolean (JSONLogic truthiness). */
export function evaluateCondition(rule: unknown, scope: ConditionScope): boolean {
  if (typeof rule === "boolean") return rule;
  return jsonLogic.truthy(jsonLogic.apply(rule as jsonLogic.RulesLogic, scope));
}
