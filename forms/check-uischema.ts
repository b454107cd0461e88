/**
 * Checks a JSON Forms UI schema against the form's JSON Schema: every element has a known type,
 * every Control and every rule condition points at a property that exists. A UI schema that points at
 * nothing renders an empty box in the browser; we refuse it when the form is saved instead.
 */
import { asRecord, type JsonObject } from "./json.js";
import { joinPointer } from "./json-pointer.js";
import { problem, type FormProblem } from "./form-problem.js";
import { resolveScope } from "./schema-ref.js";

/** The JSON Forms element types our renderer set supports. */
export const UI_ELEMENT_TYPES = [
  "VerticalLayout",
  "HorizontalLayout",
  "Group",
  "Categorization",
  "Category",
  "Control",
  "Label",
] as const;

const LAYOUTS = new Set(["VerticalLayout", "HorizontalLayout", "Group", "Categorization", "Category"]);
const KNOWN = new Set<string>(UI_ELEMENT_TYPES);
const EFFECTS = new Set(["SHOW", "HIDE", "ENABLE", "DISABLE"]);

/** Reports a condition schema that is not a valid JSON Schema (`undefined` when it is). */
export type SchemaCheck = (schema: unknown) => string | undefined;

interface Ctx {
  root: JsonObject;
  checkSchema: SchemaCheck;
  problems: FormProblem[];
}

/**
 * Every problem of a UI schema, with pointers starting at `path`.
 *
 * @example
 * checkUiSchema({ type: "Control", scope: "#/properties/nope" }, { type: "object", properties: {} })
 * // [{ path: "/uischema/scope", message: "Control trỏ tới trường không tồn tại: #/properties/nope", … }]
 */
export function checkUiSchema(
  uischema: unknown,
  schema: JsonObject,
  checkSchema: SchemaCheck = () => undefined,
  path = "/uischema",
): FormProblem[] {
  const ctx: Ctx = { root: schema, checkSchema, problems: [] };
  checkElement(ctx, uischema, schema, path);
  return ctx.problems;
}

function checkElement(ctx: Ctx, node: unknown, base: JsonObject, path: string): void {
  const el = asRecord(node);
  const type = el?.type;
  if (!el || typeof type !== "string") {
    ctx.problems.push(problem(path, "Phần tử giao diện phải có thuộc tính type", "A UI element needs a type"));
    return;
  }
  if (!KNOWN.has(type)) {
    ctx.problems.push(
      problem(
        joinPointer(path, "type"),
        `Loại phần tử giao diện không được hỗ trợ: ${type}`,
        `Unknown UI element type: ${type}`,
      ),
    );
    return;
  }
  if (LAYOUTS.has(type)) checkLayout(ctx, el, base, path);
  if (type === "Control") checkControl(ctx, el, base, path);
  if (type === "Label" && typeof el.text !== "string") {
    ctx.problems.push(problem(joinPointer(path, "text"), "Nhãn phải có nội dung (text)", "A Label needs a text"));
  }
  if (el.rule !== undefined) checkRule(ctx, el.rule, base, joinPointer(path, "rule"));
}

function checkLayout(ctx: Ctx, el: JsonObject, base: JsonObject, path: string): void {
  if (!Array.isArray(el.elements)) {
    ctx.problems.push(
      problem(joinPointer(path, "elements"), "Bố cục phải có danh sách phần tử (elements)", "A layout needs elements"),
    );
    return;
  }
  el.elements.forEach((child, i) => checkElement(ctx, child, base, joinPointer(path, "elements", i)));
}

function checkControl(ctx: Ctx, el: JsonObject, base: JsonObject, path: string): void {
  const target = checkScope(ctx, el.scope, base, joinPointer(path, "scope"), CONTROL);
  const detail = asRecord(asRecord(el.options)?.detail);
  if (!target || !detail) return;
  const items = asRecord(target.items);
  if (!items) {
    ctx.problems.push(
      problem(
        joinPointer(path, "options", "detail"),
        "Chỉ trường danh sách (array có items) mới có bố cục chi tiết (detail)",
        "Only a list field (an array with items) can have a detail layout",
      ),
    );
    return;
  }
  checkElement(ctx, detail, items, joinPointer(path, "options", "detail"));
}

interface Named {
  vi: string;
  en: string;
}

const CONTROL: Named = { vi: "Control", en: "Control" };
const CONDITION: Named = { vi: "Điều kiện của quy tắc", en: "The rule's condition" };

function checkScope(ctx: Ctx, scope: unknown, base: JsonObject, path: string, what: Named): JsonObject | undefined {
  if (typeof scope !== "string") {
    ctx.problems.push(problem(path, `${what.vi} phải có scope`, `${what.en} needs a scope`));
    return undefined;
  }
  const target = resolveScope(ctx.root, base, scope);
  if (!target) {
    ctx.problems.push(
      problem(
        path,
        `${what.vi} trỏ tới trường không tồn tại: ${scope}`,
        `${what.en} points at a property that does not exist: ${scope}`,
      ),
    );
  }
  return target;
}

function checkRule(ctx: Ctx, node: unknown, base: JsonObject, path: string): void {
  const rule = asRecord(node);
  if (!rule || typeof rule.effect !== "string" || !EFFECTS.has(rule.effect)) {
    ctx.problems.push(
      problem(
        joinPointer(path, "effect"),
        "Quy tắc phải có effect là SHOW, HIDE, ENABLE hoặc DISABLE",
        "A rule's effect must be SHOW, HIDE, ENABLE or DISABLE",
      ),
    );
  }
  checkCondition(ctx, rule?.condition, base, joinPointer(path, "condition"));
}

function checkCondition(ctx: Ctx, node: unknown, base: JsonObject, path: string): void {
  const cond = asRecord(node);
  if (!cond) {
    ctx.problems.push(problem(path, "Quy tắc phải có điều kiện (condition)", "A rule needs a condition"));
    return;
  }
  if (cond.type === "AND" || cond.type === "OR") {
    const list = Array.isArray(cond.conditions) ? cond.conditions : [];
    if (list.length === 0) {
      ctx.problems.push(
        problem(joinPointer(path, "conditions"), "Điều kiện AND/OR phải có danh sách điều kiện", "AND/OR needs conditions"),
      );
    }
    list.forEach((c, i) => checkCondition(ctx, c, base, joinPointer(path, "conditions", i)));
    return;
  }
  checkScope(ctx, cond.scope, base, joinPointer(path, "scope"), CONDITION);
  if (cond.schema !== undefined) {
    const reason = ctx.checkSchema(cond.schema);
    if (reason) {
      ctx.problems.push(
        problem(
          joinPointer(path, "schema"),
          `Lược đồ của điều kiện không hợp lệ: ${reason}`,
          `The condition's schema is invalid: ${reason}`,
        ),
      );
    }
  }
}
