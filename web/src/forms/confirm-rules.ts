import type { JsonSchema, UISchemaElement } from "@jsonforms/core";

type Confirm = { amount: number; field: string };
type Element = UISchemaElement & { scope?: string; elements?: Element[]; rule?: unknown };

/** The `x-confirm-above` rules of an object schema's properties: amount key → its threshold and flag. */
function confirmRules(schema: JsonSchema): [string, Confirm][] {
  return Object.entries(schema.properties ?? {}).flatMap(([key, prop]) => {
    const rule = (prop as Record<string, unknown>)["x-confirm-above"] as Partial<Confirm> | undefined;
    return rule && typeof rule.amount === "number" && typeof rule.field === "string" ? [[key, { amount: rule.amount, field: rule.field }] as [string, Confirm]] : [];
  });
}

/**
 * Shows an amount's confirmation flag (`x-confirm-above`) only once the amount is above its threshold:
 * the flag's control gets a SHOW rule on the amount (hidden while it is empty). A control that already
 * has a rule keeps it. The server judges the flag either way (forms/plausible.ts).
 *
 * @example withConfirmRules(uischema, lineSchema) // the "amountConfirmed" control shows when amount > 1.000.000.000
 */
export function withConfirmRules(uischema: UISchemaElement, schema: JsonSchema): UISchemaElement {
  const rules = confirmRules(schema);
  if (rules.length === 0) return uischema;
  const visit = (el: Element): Element => {
    if (el.elements) return { ...el, elements: el.elements.map(visit) };
    const found = rules.find(([, r]) => el.scope === `#/properties/${r.field}`);
    if (!found || el.rule) return el;
    const [amountKey, { amount }] = found;
    return { ...el, rule: { effect: "SHOW", condition: { scope: `#/properties/${amountKey}`, schema: { type: "number", exclusiveMinimum: amount }, failWhenUndefined: true } } } as Element;
  };
  return visit(uischema as Element);
}
