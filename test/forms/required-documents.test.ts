import { describe, expect, it } from "vitest";
import { requiredDocuments } from "../../web/src/lib/required-documents";
import type { JsonSchema } from "../../web/src/lib/types";
import { builtinForms } from "../../forms/builtin";

const schema: JsonSchema = {
  type: "object",
  required: ["letter", "members"],
  properties: {
    name: { type: "string", title: "Tên hội" },
    letter: { type: "string", format: "attachment", title: "Đơn đề nghị" },
    charter: { type: "string", format: "attachment", title: "Dự thảo điều lệ" },
    members: {
      type: "array",
      title: "Thành viên",
      items: {
        type: "object",
        required: ["fullName", "cv"],
        properties: { fullName: { type: "string", title: "Họ và tên" }, cv: { type: "string", format: "attachment", title: "Sơ yếu lý lịch" }, photo: { type: "string", format: "attachment", title: "Ảnh" } },
      },
    },
    extras: { type: "array", items: { type: "string", format: "attachment", title: "Tài liệu khác" } },
  },
};

describe("the required documents of a dossier, from its form's schema", () => {
  it("lists each attachment field, row by row in lists, required or not, held or missing", () => {
    const lines = requiredDocuments(schema, {
      name: "Hội A",
      members: [{ fullName: "Nguyễn Văn A", cv: "att-1" }, { fullName: "" }],
      extras: ["att-2"],
    });
    expect(lines).toEqual([
      { label: "Đơn đề nghị", required: true, id: null },
      { label: "Dự thảo điều lệ", required: false, id: null },
      { label: "Sơ yếu lý lịch — Nguyễn Văn A", required: true, id: "att-1" },
      { label: "Ảnh — Nguyễn Văn A", required: false, id: null },
      // A row without a name is named by its place.
      { label: "Sơ yếu lý lịch — dòng 2", required: true, id: null },
      { label: "Ảnh — dòng 2", required: false, id: null },
      { label: "Tài liệu khác — dòng 1", required: false, id: "att-2" },
    ]);
  });

  it("a required list of the form: its rows' required fields are asked for; an optional object's are not", () => {
    const nested: JsonSchema = {
      type: "object",
      properties: { board: { type: "object", required: ["minutes"], properties: { minutes: { type: "string", format: "attachment", title: "Biên bản" } } } },
    };
    expect(requiredDocuments(nested, {})).toEqual([{ label: "Biên bản", required: false, id: null }]);
    expect(requiredDocuments(undefined, {})).toEqual([]);
    expect(requiredDocuments(schema, null).map((l) => l.label)).toEqual(["Đơn đề nghị", "Dự thảo điều lệ"]);
  });

  it("on the founding-committee form: the application letter is required, every member's papers listed", () => {
    const form = builtinForms.find((f) => f.key === "founding-committee-application")!;
    const lines = requiredDocuments(form.schema as JsonSchema, { members: [{ fullName: "Y Hơn", cv: "c" }] });
    expect(lines.filter((l) => l.required).map((l) => l.label)).toEqual(["Đơn đề nghị công nhận ban vận động"]);
    expect(lines).toContainEqual({ label: "Sơ yếu lý lịch — Y Hơn", required: false, id: "c" });
    expect(lines).toContainEqual({ label: "Phiếu lý lịch tư pháp số 1 — Y Hơn", required: false, id: null });
  });
});
