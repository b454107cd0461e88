/** The form builder's property panel, as data (web/src/admin/field-properties.ts). */
import { describe, expect, it } from "vitest";
import { optionsFromLines, readField, slug, writeField } from "../../web/src/admin/field-properties";
import { addField } from "../../web/src/admin/palette";

const start = () => {
  let f = addField({ type: "object", properties: {}, required: [] }, { type: "VerticalLayout", elements: [] }, "text", "Văn bản mới");
  f = addField(f.schema, f.uischema, "choice", "Lựa chọn mới");
  return addField(f.schema, f.uischema, "amount", "Số tiền mới");
};

describe("field properties", () => {
  it("writes the label into both schemas, required, help text and text length bounds", () => {
    const f = start();
    const next = writeField(f.schema, f.uischema, "field1", { label: "Họ và tên", required: true, help: "Như trên CCCD", min: 2, max: 100 });
    expect(readField(next.schema, next.uischema, "field1")).toEqual({ label: "Họ và tên", required: true, help: "Như trên CCCD", min: 2, max: 100, options: null, bounds: "length" });
    expect((next.schema.properties as Record<string, object>).field1).toEqual({ type: "string", title: "Họ và tên", description: "Như trên CCCD", minLength: 2, maxLength: 100 });
    expect((next.uischema.elements as { label: string }[])[0]!.label).toBe("Họ và tên");
    // The inputs are not changed; clearing removes the keys; required off takes it out of the list.
    expect((f.schema.properties as Record<string, object>).field1).toEqual({ type: "string", title: "Văn bản mới" });
    const cleared = writeField(next.schema, next.uischema, "field1", { required: false, help: " ", min: null });
    expect(cleared.schema.required).toEqual([]);
    expect((cleared.schema.properties as Record<string, object>).field1).toEqual({ type: "string", title: "Họ và tên", maxLength: 100 });
  });

  it("bounds an amount's value, never a date's, and keeps the other fields required", () => {
    const f = start();
    const a = writeField(f.schema, f.uischema, "field3", { required: true, max: 50_000_000 });
    const b = writeField(a.schema, a.uischema, "field1", { required: true });
    expect(b.schema.required).toEqual(["field3", "field1"]);
    expect(readField(b.schema, b.uischema, "field3")).toMatchObject({ bounds: "value", min: 0, max: 50_000_000 });
    const d = addField(b.schema, b.uischema, "date", "Ngày sinh");
    expect(readField(d.schema, d.uischema, "field4").bounds).toBeNull();
  });

  it("keeps the value of each option at its place and makes unique values for new lines", () => {
    const before = [{ const: "a", title: "Phương án A" }, { const: "b", title: "Phương án B" }];
    expect(optionsFromLines(["Nam", "", "Nữ", "Khác", "Khác"], before)).toEqual([
      { const: "a", title: "Nam" },
      { const: "b", title: "Nữ" },
      { const: "khac", title: "Khác" },
      { const: "khac-2", title: "Khác" },
    ]);
    expect(slug("Đảng viên Đoàn")).toBe("dang-vien-doan");
    const f = start();
    const next = writeField(f.schema, f.uischema, "field2", { options: optionsFromLines(["Có", "Không"], readField(f.schema, f.uischema, "field2").options!) });
    expect((next.schema.properties as Record<string, { oneOf: unknown }>).field2!.oneOf).toEqual([{ const: "a", title: "Có" }, { const: "b", title: "Không" }]);
  });
});
