/**
 * The organisation units a form's data refers to, and which kinds of unit each place accepts, so that
 * the server can check every one exists and is of an allowed kind before accepting the data.
 */
import { placesOfFormat } from "./attachments.js";
import type { JsonObject } from "./json.js";

/** The kinds of organisation unit (the server's `units.kind`). */
export const UNIT_KIND_NAMES = ["province", "district", "commune", "office", "department", "association", "fund", "party"] as const;
export type UnitKindName = (typeof UNIT_KIND_NAMES)[number];

/** Vietnamese names of the kinds, for messages. */
export const UNIT_KIND_VI: Record<UnitKindName, string> = {
  province: "tỉnh",
  district: "huyện",
  commune: "xã, phường",
  office: "cơ quan",
  department: "phòng, ban",
  association: "hội",
  fund: "quỹ",
  party: "tổ chức Đảng",
};

/**
 * A unit id in form data: its JSON pointer, the id, the kinds allowed there (null: any kind), and whether
 * the one filling the form must hold a role in it (`x-unit-own`).
 */
export type UnitRef = { path: string; id: string; kinds: UnitKindName[] | null; own: boolean };

/**
 * Every `format: "unit"` value in `data`, at any depth, with the kinds its schema allows: `x-unit-kinds`
 * (a list), else the picker's `x-unit-picker.level` when it is not `any`, else any kind.
 *
 * @example
 * unitRefs({ type: "object", properties: { fund: { type: "string", format: "unit", "x-unit-kinds": ["fund"] } } }, { fund: "u-1" })
 * // [{ path: "/fund", id: "u-1", kinds: ["fund"], own: false }]
 */
export function unitRefs(schema: JsonObject, data: unknown): UnitRef[] {
  return placesOfFormat(schema, data, "unit").map(({ path, value, schema: at }) => ({ path, id: value, kinds: allowedKinds(at, data), own: at["x-unit-own"] === true }));
}

const isKind = (k: unknown): k is UnitKindName => (UNIT_KIND_NAMES as readonly unknown[]).includes(k);

/** The kinds `x-unit-kinds-by` gives for the value of its top-level field in `root`, if it names that value. */
function kindsBy(schema: JsonObject, root: unknown): UnitKindName[] | null {
  const by = schema["x-unit-kinds-by"] as { field?: unknown; kinds?: Record<string, unknown> } | undefined;
  if (!by || typeof by.field !== "string" || !root || typeof root !== "object" || Array.isArray(root)) return null;
  const value = (root as Record<string, unknown>)[by.field];
  const listed = typeof value === "string" && by.kinds && Object.hasOwn(by.kinds, value) ? by.kinds[value] : undefined;
  return Array.isArray(listed) ? listed.filter(isKind) : null;
}

function allowedKinds(schema: JsonObject, root: unknown): UnitKindName[] | null {
  const dependent = kindsBy(schema, root);
  if (dependent) return dependent;
  const listed = schema["x-unit-kinds"];
  if (Array.isArray(listed)) return listed.filter((k): k is UnitKindName => (UNIT_KIND_NAMES as readonly unknown[]).includes(k));
  const level = (schema["x-unit-picker"] as { level?: unknown } | undefined)?.level;
  return typeof level === "string" && (UNIT_KIND_NAMES as readonly string[]).includes(level) ? [level as UnitKindName] : null;
}
