import jsonLogic from "json-logic-js";
import { conditionProblems } from "./json-logic";

/** What a spawn value may read: the parent's data, the list item and its index, the config. */
export type SpawnScope = { data: Record<string, unknown>; item: unknown; index: number; config: Record<string, unknown> };

const PATH = /^\$\.((data|item|index|config)(\.[A-Za-z_$][\w$]*)*)$/;

/**
 * Reads a spawn value: `"$.item.unitId"` is a path into the scope, an object is a JSONLogic rule,
 * anything else is taken literally.
 *
 * @example readSpawnValue("$.item.unitId", { data: {}, item: { unitId: "u-1" }, index: 0, config: {} }) // "u-1"
 */
export function readSpawnValue(value: unknown, scope: SpawnScope): unknown {
  if (typeof value === "string") {
    const match = PATH.exec(value);
    return match ? jsonLogic.apply({ var: match[1]! }, scope) : value;
  }
  if (value && typeof value === "object" && !Array.isArray(value)) return jsonLogic.apply(value as jsonLogic.RulesLogic, scope);
  return value;
}

/** What is wrong with a spawn value: a `$`-string that is not a known path, or a bad rule. */
export function spawnValueProblems(value: unknown): string[] {
  if (typeof value === "string") return value.startsWith("$") && !PATH.test(value) ? [`"${value}" is not a $.data., $.item., $.index or $.config. path`] : [];
  if (value && typeof value === "object" && !Array.isArray(value)) return conditionProblems(value, false, ["item", "index"]);
  return [];
}
