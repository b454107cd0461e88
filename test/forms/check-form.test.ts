import { describe, expect, it } from "vitest";
import { builtinForm, checkForm, parseForm } from "../../forms/index.js";

const base = {
  key: "member-card",
  version: 1,
  title: { vi: "Thẻ hội viên" },
  schema: {
    type: "object",
    properties: {
      fullName: { type: "string", title: "Họ và tên" },
      address: { type: "object", properties: { street: { type: "string" } } },
      children: { type: "array", items: { type: "object", properties: { name: { type: "string" } } } },
      hasChildren: { type: "boolean" },
    },
  },
  uischema: {
    type: "VerticalLayout",
    elements: [
      { type: "Control", scope: "#/properties/fullName" },
      { type: "Control", scope: "#/properties/address/properties/street" },
      {
        type: "Control",
        scope: "#/properties/children",
        options: { detail: { type: "HorizontalLayout", elements: [{ type: "Control", scope: "#/properties/name" }] } },
        rule: { effect: "SHOW", condition: { scope: "#/properties/hasChildren", schema: { const: true } } },
      },
    ],
  },
};

function withUi(elements: unknown[]) {
  return { ...base, uischema: { type: "VerticalLayout", elements } };
}

describe("checkForm", () => {
  it("accepts a sound definition, with nested scopes, array details and rules", () => {
    expect(checkForm(base)).toEqual([]);
    expect(parseForm(base)).toEqual({ ok: true, form: base });
  });

  it("names a Control scope that points at a missing property", () => {
    const problems = checkForm(withUi([{ type: "Control", scope: "#/properties/adress/properties/street" }]));
    expect(problems).toEqual([
      {
        path: "/uischema/elements/0/scope",
        message: "Control trỏ tới trường không tồn tại: #/properties/adress/properties/street",
        messageEn: "Control points at a property that does not exist: #/properties/adress/properties/street",
      },
    ]);
  });

  it("resolves detail scopes against the array items", () => {
    const problems = checkForm(
      withUi([
        {
          type: "Control",
          scope: "#/properties/children",
          options: { detail: { type: "VerticalLayout", elements: [{ type: "Control", scope: "#/properties/fullName" }] } },
        },
      ]),
    );
    expect(problems.map((p) => p.path)).toEqual(["/uischema/elements/0/options/detail/elements/0/scope"]);
    expect(checkForm(withUi([{ type: "Control", scope: "#/properties/children/items/properties/name" }]))).toEqual([]);
  });

  it("reports unknown element types, rule conditions on missing properties, and bad effects — all at once", () => {
    const problems = checkForm(
      withUi([
        { type: "Table", elements: [] },
        {
          type: "Label",
          text: "Chỉ hiện khi có con",
          rule: { effect: "BLINK", condition: { scope: "#/properties/hasKids", schema: { const: true } } },
        },
        { type: "Group", label: "Nhóm" },
      ]),
    );
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      ["/uischema/elements/0/type", "Loại phần tử giao diện không được hỗ trợ: Table"],
      ["/uischema/elements/1/rule/effect", "Quy tắc phải có effect là SHOW, HIDE, ENABLE hoặc DISABLE"],
      ["/uischema/elements/1/rule/condition/scope", "Điều kiện của quy tắc trỏ tới trường không tồn tại: #/properties/hasKids"],
      ["/uischema/elements/2/elements", "Bố cục phải có danh sách phần tử (elements)"],
    ]);
  });

  it("refuses a schema that does not compile under ajv's strict mode, with ajv's reason", () => {
    const problems = checkForm({ ...base, schema: { ...base.schema, propertys: {} } });
    expect(problems).toHaveLength(1);
    expect(problems[0]?.path).toBe("/schema");
    expect(problems[0]?.message).toMatch(/^Lược đồ JSON không biên dịch được: .*unknown keyword: "propertys"/);
  });

  it("refuses a schema that breaks the meta-schema, pointing at the bad place", () => {
    const schema = { type: "object", properties: { fullName: { type: "strin" }, age: { minimum: "18" } } };
    const problems = checkForm({ ...base, schema, uischema: { type: "VerticalLayout", elements: [] } });
    expect(problems.map((p) => p.path)).toEqual(["/schema/properties/fullName/type", "/schema/properties/age/minimum"]);
    expect(problems[0]?.message).toMatch(/^Lược đồ JSON không hợp lệ: /);
  });

  it("refuses unknown formats and bad x-unit-picker annotations", () => {
    const schema = {
      type: "object",
      properties: { unit: { type: "string", format: "unit", "x-unit-picker": { level: "village" } } },
    };
    expect(checkForm({ ...base, schema, uischema: { type: "Control", scope: "#/properties/unit" } })).toEqual([
      expect.objectContaining({ path: "/schema", message: expect.stringContaining("x-unit-picker") }),
    ]);
    const bad = { type: "object", properties: { d: { type: "string", format: "ngay" } } };
    expect(checkForm({ ...base, schema: bad, uischema: { type: "VerticalLayout", elements: [] } })[0]?.message).toMatch(
      /unknown format "ngay"/,
    );
  });

  it("refuses an unsupported $schema and a non-object form schema", () => {
    const old = { $schema: "http://json-schema.org/draft-04/schema#", type: "object" };
    expect(checkForm({ ...base, schema: old })[0]?.path).toBe("/schema/$schema");
    expect(checkForm({ ...base, schema: { type: "array" } })[0]?.path).toBe("/schema/type");
  });

  it("lists shape errors of the definition itself in Vietnamese", () => {
    const problems = checkForm({ key: "Member Card", version: 0, title: { en: "x" }, uiSchema: {}, schema: [] });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: "/key", message: expect.stringMatching(/^Mã biểu mẫu phải viết thường/) }),
        expect.objectContaining({ path: "/version", message: "Giá trị phải lớn hơn 0" }),
        expect.objectContaining({ path: "/title/vi", message: "Thiếu thuộc tính bắt buộc" }),
        expect.objectContaining({ path: "/schema", message: "Sai kiểu dữ liệu: cần đối tượng" }),
        expect.objectContaining({ path: "/uischema", message: "Thiếu thuộc tính bắt buộc" }),
        expect.objectContaining({ path: "/uiSchema", message: "Thuộc tính không được hỗ trợ: uiSchema" }),
      ]),
    );
    expect(parseForm({}).ok).toBe(false);
  });

  it("accepts every built-in form (sanity of the fixture itself)", () => {
    expect(checkForm(builtinForm("founding-committee-application"))).toEqual([]);
  });
});
