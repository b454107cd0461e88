import { describe, expect, it } from "vitest";
import { builtinForm, createFormValidator, draftSchema } from "../../forms/index.js";
import { member } from "./samples.js";

const form = builtinForm("founding-committee-application")!;
const validator = createFormValidator();

describe("validatePartial (drafts)", () => {
  it("accepts a half-filled draft: missing fields, too few members, half-typed rows", () => {
    const draft = { name: "Hội Cựu giáo chức", scope: "province", members: [member(0), { fullName: "Trần" }] };
    expect(validator.validatePartial(form, draft)).toEqual({ valid: true, errors: [] });
    expect(validator.validatePartial(form, {})).toEqual({ valid: true, errors: [] });
    // the same draft is not a valid submission
    expect(validator.validate(form, draft).valid).toBe(false);
  });

  it("still rejects a bad CCCD, a wrong type and an unknown scope", () => {
    const draft = { scope: "village", members: [member(0, { cccd: "0620700010" }), { birthYear: "1980" }] };
    const { valid, errors } = validator.validatePartial(form, draft);
    expect(valid).toBe(false);
    expect(errors.map((e) => [e.path, e.message]).sort()).toEqual(
      [
        ["/members/0/cccd", "Số CCCD phải gồm 12 chữ số"],
        ["/members/1/birthYear", "Giá trị phải là số nguyên"],
        ["/scope", "Giá trị không thuộc danh sách được chọn"],
      ].sort(),
    );
  });

  it("keeps validating fields that are filled in a conditional branch", () => {
    const f = builtinForm("founding-application")!;
    expect(validator.validatePartial(f, { hasAssets: true }).valid).toBe(true);
    expect(validator.validatePartial(f, { hasAssets: true, assetsDeclaration: 5 }).errors[0]?.path).toBe(
      "/assetsDeclaration",
    );
  });
});

describe("draftSchema", () => {
  it("drops completeness rules everywhere but inside if, and leaves properties named like keywords alone", () => {
    const schema = {
      type: "object",
      required: ["a"],
      properties: {
        required: { type: "string", minLength: 3 },
        list: { type: "array", minItems: 2, items: { type: "object", required: ["x"], properties: { x: { type: "string" } } } },
      },
      allOf: [{ if: { required: ["a"], properties: { a: { const: 1 } } }, then: { required: ["list"] } }],
    };
    expect(draftSchema(schema)).toEqual({
      type: "object",
      properties: {
        required: { type: "string" },
        list: { type: "array", items: { type: "object", properties: { x: { type: "string" } } } },
      },
      allOf: [{ if: { required: ["a"], properties: { a: { const: 1 } } }, then: {} }],
    });
    expect(schema.required).toEqual(["a"]); // the input is not changed
  });
});
