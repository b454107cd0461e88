import type { Assignee, Role, WorkflowDefinition } from "./definition-schema";

/** What an assignee rule resolves to for one dossier. */
export type ResolvedAssignee = {
  role: Role;
  /** The unit whose holders of `role` see the task; null when the rule found none. */
  unitId: string | null;
  /** The task belongs to the starter personally (applicant tasks). */
  personal: boolean;
  visibleToAncestors: boolean;
  /** The data path the unit came from, to point at when it is missing (`/authorityUnit`). */
  source: string | null;
};

const DATA_PATH = /^\$\.data((?:\.[A-Za-z_$][\w$]*)+)$/;

/**
 * Resolves the `unit` of an assignee rule against a dossier: `"$.data.<field>"` reads a unit id from
 * the dossier data (nested fields with dots), `"$starter.unit"` is the starter's unit; a missing rule
 * falls back to the dossier's own unit. Returns null when nothing usable is there.
 *
 * @example resolveAssigneeUnit("$.data.authorityUnit", { data: { authorityUnit: "u-1" }, starterUnitId: null, dossierUnitId: null }) // "u-1"
 */
export function resolveAssigneeUnit(
  rule: string | undefined,
  context: { data: Record<string, unknown>; starterUnitId: string | null; dossierUnitId: string | null },
): string | null {
  if (rule === undefined) return context.dossierUnitId;
  if (rule === "$starter.unit") return context.starterUnitId;
  const match = DATA_PATH.exec(rule);
  if (!match) return null;
  let value: unknown = context.data;
  for (const key of match[1]!.slice(1).split(".")) {
    value = value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
  }
  return typeof value === "string" && value.length > 0 ? value : null;
}

/** The JSON pointer into the dossier data that a `$.data.` rule reads (`/authorityUnit`), else null. */
export function assigneeDataPointer(rule: string | undefined): string | null {
  const match = rule ? DATA_PATH.exec(rule) : null;
  return match ? match[1]!.replace(/\./g, "/") : null;
}

/**
 * Who gets the task of a state: the role and unit of its assignee rule. Applicant tasks are the
 * starter's own, whatever unit they name.
 *
 * @example resolveAssignee({ role: "specialist", unit: "$.data.authorityUnit" }, ctx).unitId
 */
export function resolveAssignee(
  assignee: Assignee,
  context: { data: Record<string, unknown>; starterUnitId: string | null; dossierUnitId: string | null },
): ResolvedAssignee {
  const personal = assignee.role === "applicant";
  const unitId = resolveAssigneeUnit(assignee.unit ?? (personal ? "$starter.unit" : undefined), context);
  return {
    role: assignee.role,
    unitId,
    personal,
    visibleToAncestors: assignee.visibleToAncestors ?? false,
    source: formFieldOf(assignee.unit, unitId, context.data),
  };
}

/**
 * The field to point at when a task's unit will not do: the rule's own field, or, for a unit the server
 * derived and keeps under a `$` key (`$authorities.recognition`), the form field that holds that same
 * unit (`/authorityUnit`), else none.
 */
function formFieldOf(rule: string | undefined, unitId: string | null, data: Record<string, unknown>): string | null {
  const pointer = assigneeDataPointer(rule);
  if (!pointer?.startsWith("/$")) return pointer;
  const key = unitId ? Object.keys(data).find((k) => !k.startsWith("$") && data[k] === unitId) : undefined;
  return key ? `/${key}` : null;
}

/**
 * The unit a new dossier is scoped to: the first unit named in its data by an official's assignee rule
 * (its authority), else the starter's unit.
 *
 * @example dossierUnit(definition, { authorityUnit: "snv" }, "commune-1") // "snv"
 */
export function dossierUnit(definition: WorkflowDefinition, data: Record<string, unknown>, starterUnitId: string | null): string | null {
  const rules: string[] = [];
  const visit = (states: WorkflowDefinition["states"]) => {
    for (const node of Object.values(states)) {
      if (node.assignee?.unit && node.assignee.role !== "applicant") rules.push(node.assignee.unit);
      if (node.states) visit(node.states);
    }
  };
  visit(definition.states);
  for (const rule of rules) {
    if (!rule.startsWith("$.data.")) continue;
    const unit = resolveAssigneeUnit(rule, { data, starterUnitId, dossierUnitId: null });
    if (unit) return unit;
  }
  return starterUnitId;
}
