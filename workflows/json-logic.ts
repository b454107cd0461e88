import jsonLogic from "json-logic-js";

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

/** Evaluates a JSONLogic rule to a boolean (JSONLogic truthiness). */
export function evaluateCondition(rule: unknown, scope: ConditionScope): boolean {
  if (typeof rule === "boolean") return rule;
  return jsonLogic.truthy(jsonLogic.apply(rule as jsonLogic.RulesLogic, scope));
}
