/** The confirmation flag of a large amount shows only above its threshold (web/src/forms/confirm-rules.ts). */
import { Generate, isVisible, type JsonSchema, type UISchemaElement } from "@jsonforms/core";
import createAjv from "ajv";
import { describe, expect, it } from "vitest";
import { builtinForms } from "../../forms";
import { withConfirmRules } from "../../web/src/forms/confirm-rules";

const fundRequest = builtinForms.find((f) => (f as { key: string }).key === "fund-request") as unknown as { schema: { properties: { lines: { items: JsonSchema } } } };
const line = fundRequest.schema.properties.lines.items;

describe("the confirmation of an amount above its threshold", () => {
  const detail = withConfirmRules(Generate.uiSchema(line, "VerticalLayout", "#", line), line) as UISchemaElement & { elements: (UISchemaElement & { scope?: string })[] };
  const flag = detail.elements.find((e) => e.scope === "#/properties/amountConfirmed")!;
  const ajv = new createAjv({ allErrors: true, strict: false });
  const shown = (row: Record<string, unknown>) => isVisible(flag, row, "", ajv, undefined);

  it("hides the flag for an empty or ordinary amount, shows it above 1.000.000.000 ₫", () => {
    expect(shown({})).toBe(false);
    expect(shown({ amount: 2_000_000 })).toBe(false);
    expect(shown({ amount: 1_000_000_000 })).toBe(false);
    expect(shown({ amount: 1_000_000_001 })).toBe(true);
  });

  it("leaves other controls and forms without the keyword alone", () => {
    expect(detail.elements.filter((e) => "rule" in e).map((e) => e.scope)).toEqual(["#/properties/amountConfirmed"]);
    const plain: JsonSchema = { type: "object", properties: { a: { type: "string" } } };
    const ui = Generate.uiSchema(plain, "VerticalLayout", "#", plain);
    expect(withConfirmRules(ui, plain)).toBe(ui);
  });
});
