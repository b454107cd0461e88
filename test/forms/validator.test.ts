import { describe, expect, it } from "vitest";
import { createFormValidator, InvalidFormSchemaError, type FormDefinition } from "../../forms/index.js";

function formOf(schema: Record<string, unknown>, key = "test-form", version = 1): FormDefinition {
  return { key, version, title: { vi: "Thử" }, schema, uischema: { type: "VerticalLayout", elements: [] } };
}

describe("createFormValidator", () => {
  it("reports every error as a JSON pointer with Vietnamese and English messages", () => {
    const form = formOf({
      type: "object",
      properties: {
        amount: { type: "integer", minimum: 0, format: "vnd" },
        phone: { type: "string", format: "phone-vn" },
        budget: { type: "array", items: { type: "object", properties: { amount: { type: "integer", maximum: 100_000 } } } },
        "a/b": { type: "string" },
      },
      required: ["a/b"],
    });
    const { valid, errors } = createFormValidator().validate(form, {
      amount: 1.5,
      phone: "12345",
      budget: [{ amount: 1 }, { amount: 200_000 }],
    });
    expect(valid).toBe(false);
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: "/amount", code: "type", message: "Giá trị phải là số nguyên", messageEn: "Must be a whole number" },
        expect.objectContaining({ path: "/phone", message: expect.stringMatching(/^Số điện thoại không hợp lệ/) }),
        expect.objectContaining({ path: "/budget/1/amount", message: "Giá trị phải nhỏ hơn hoặc bằng 100.000" }),
        expect.objectContaining({ path: "/a~1b", code: "required", message: "Trường này là bắt buộc" }),
      ]),
    );
    expect(errors).toHaveLength(4); // one error per field: /amount's format error is not repeated
  });

  it("lets a field override its messages with x-message, for all errors or per keyword", () => {
    const form = formOf({
      type: "object",
      properties: {
        code: { type: "string", pattern: "^[A-Z]{2}$", "x-message": { vi: "Mã gồm 2 chữ in hoa", en: "Two capitals" } },
        note: {
          type: "string",
          maxLength: 3,
          "x-message": { required: { vi: "Hãy ghi chú" }, maxLength: { vi: "Ghi chú quá dài", en: "Too long" } },
        },
      },
      required: ["code", "note"],
    });
    const v = createFormValidator();
    expect(v.validate(form, { code: "abc", note: "dài quá" }).errors).toEqual([
      { path: "/code", code: "pattern", message: "Mã gồm 2 chữ in hoa", messageEn: "Two capitals" },
      { path: "/note", code: "maxLength", message: "Ghi chú quá dài", messageEn: "Too long" },
    ]);
    expect(v.validate(form, { code: "AB" }).errors).toEqual([
      { path: "/note", code: "required", message: "Hãy ghi chú", messageEn: "This field is required" },
    ]);
  });

  it("uses draft-07 when $schema says so, and 2020-12 otherwise", () => {
    const draft7 = formOf({
      $schema: "http://json-schema.org/draft-07/schema#",
      type: "object",
      properties: { pair: { type: "array", items: [{ type: "string" }, { type: "integer" }] } },
    });
    const v = createFormValidator();
    expect(v.validate(draft7, { pair: ["a", 1] }).valid).toBe(true);
    expect(v.validate(draft7, { pair: ["a", "b"] }).errors).toEqual([
      expect.objectContaining({ path: "/pair/1", code: "type", message: "Giá trị phải là số nguyên" }),
    ]);
    const f2020 = formOf({ type: "object", properties: { pair: { type: "array", prefixItems: [{ type: "string" }] } } });
    expect(v.validate(f2020, { pair: [1] }).errors[0]?.path).toBe("/pair/0");
  });

  it("caches the compiled validator per key and version", () => {
    const v = createFormValidator();
    const v1 = formOf({ type: "object", properties: { n: { type: "integer" } } }, "f", 1);
    const v1Changed = formOf({ type: "object", properties: { n: { type: "string" } } }, "f", 1);
    const v2 = formOf({ type: "object", properties: { n: { type: "string" } } }, "f", 2);
    expect(v.validate(v1, { n: 1 }).valid).toBe(true);
    expect(v.validate(v1Changed, { n: 1 }).valid).toBe(true); // same key@version: the cached one is used
    expect(v.validate(v2, { n: 1 }).valid).toBe(false);
  });

  it("compiles two versions that share a $id", () => {
    const v = createFormValidator();
    const schema = { $id: "https://hoso.local/forms/x", type: "object" };
    expect(v.validate(formOf(schema, "x", 1), {}).valid).toBe(true);
    expect(v.validate(formOf(schema, "x", 2), {}).valid).toBe(true);
  });

  it("throws InvalidFormSchemaError for a schema that does not compile", () => {
    const form = formOf({ type: "object", properties: { a: { type: "string", format: "no-such-format" } } });
    expect(() => createFormValidator().validate(form, {})).toThrow(InvalidFormSchemaError);
  });

  it("refuses data that is not an object", () => {
    const form = formOf({ type: "object" });
    expect(createFormValidator().validate(form, null).errors).toEqual([
      expect.objectContaining({ path: "", code: "type", message: "Giá trị phải là một nhóm thông tin" }),
    ]);
  });
});
