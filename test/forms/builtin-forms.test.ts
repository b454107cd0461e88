import { describe, expect, it } from "vitest";
import { builtinForm, builtinForms, checkForm, createFormValidator, type FormDefinition } from "../../forms/index.js";
import { planSample, validSamples } from "./samples.js";

const validator = createFormValidator();

function form(key: string): FormDefinition {
  const f = builtinForm(key);
  if (!f) throw new Error(`no built-in form ${key}`);
  return f;
}

/** Invalid samples per form: data, and the expected [path, code, message] of every error. */
const invalidSamples: Array<[string, unknown, Array<[string, string, string]>]> = [
  ["founding-application", { ...(validSamples["founding-application"] as object), expectedMembers: 2.5 }, [
    ["/expectedMembers", "type", "Giá trị phải là số nguyên"],
  ]],
  ["founding-application", { ...(validSamples["founding-application"] as object), assetsDeclaration: undefined, hasAssets: true }, [
    ["/assetsDeclaration", "required", "Trường này là bắt buộc"],
  ]],
  ["founding-application", { ...(validSamples["founding-application"] as object), registrationForms: [] }, [
    ["/registrationForms", "minItems", "Phải nộp đơn đăng ký tham gia hội có chữ ký của hội viên"],
  ]],
  ["founding-application", { expectedMembers: 0, officeConfirmation: "bad id with spaces" }, [
    ["/draftCharter", "required", "Trường này là bắt buộc"],
    ["/headCriminalRecord", "required", "Trường này là bắt buộc"],
    ["/headCriminalRecordIssuedOn", "required", "Trường này là bắt buộc"],
    ["/headCv", "required", "Trường này là bắt buộc"],
    ["/memberList", "required", "Trường này là bắt buộc"],
    ["/registrationForms", "required", "Trường này là bắt buộc"],
    ["/expectedMembers", "minimum", "Giá trị phải lớn hơn hoặc bằng 1"],
    ["/officeConfirmation", "format", "Tệp đính kèm không hợp lệ"],
  ]],
  ["congress-report", { heldOn: "2026-02-30", delegatesPresent: 10, leadership: [], adoptedCharter: "a", minutes: "b" }, [
    ["/heldOn", "format", "Ngày 2026-02-30 không có trong lịch"],
    ["/leadership", "minItems", "Phải có ít nhất một người trong ban lãnh đạo được bầu"],
  ]],
  ["congress-report", { heldOn: "2026-03-15", delegatesPresent: 10, leadership: [{ fullName: "A" }], adoptedCharter: "a", minutes: "b" }, [
    ["/leadership/0/position", "required", "Trường này là bắt buộc"],
  ]],
  ["supplement-request", { items: [] }, [
    ["/items", "minItems", "Phải nêu ít nhất một nội dung cần bổ sung"],
  ]],
  ["supplement-request", {}, [["/items", "required", "Trường này là bắt buộc"]]],
  ["supplement-response", { attachments: "att-1" }, [["/attachments", "type", "Giá trị phải là một danh sách"]]],
  ["refusal-reasons", { reasons: "Thiếu" }, [
    ["/legalBasis", "required", "Trường này là bắt buộc"],
    ["/reasons", "minLength", "Lý do từ chối phải được nêu rõ (ít nhất 10 ký tự)"],
  ]],
  ["decision", { effectiveDate: "24/11/2026" }, [
    ["/effectiveDate", "format", "Ngày gửi theo dạng YYYY-MM-DD: 24/11/2026 viết là 2026-11-24"],
  ]],
  // The signer is the approving account: a typed name is no field of the form.
  ["decision", { signer: "A", effectiveDate: "2026-11-24", number: "15/QĐ-SNV" }, [
    ["/number", "additionalProperties", "Trường này không có trong biểu mẫu"],
    ["/signer", "additionalProperties", "Trường này không có trong biểu mẫu"],
  ]],
  ["comment", {}, [["/text", "required", "Trường này là bắt buộc"]]],
  ["proposal", { summary: 42 }, [["/summary", "type", "Giá trị phải là chuỗi ký tự"]]],
  ["return-note", { reason: "" }, [["/reason", "minLength", "Trường này không được để trống"]]],
  ["plan", { ...planSample, indicators: [], participatingUnits: [{ unitId: "u-1" }] }, [
    ["/indicators", "minItems", "Kế hoạch phải có ít nhất một chỉ tiêu"],
    ["/participatingUnits/0/unitName", "required", "Trường này là bắt buộc"],
  ]],
  ["plan", { ...planSample, budgetLines: [{ item: "Hỗ trợ", amount: 5_000_000.5 }], reportDeadline: "05/12/2023" }, [
    ["/budgetLines/0/amount", "type", "Giá trị phải là số nguyên"],
    ["/reportDeadline", "format", "Ngày gửi theo dạng YYYY-MM-DD: 05/12/2023 viết là 2023-12-05"],
  ]],
  ["unit-report", { actuals: [{ code: "MH", value: -1 }], spent: -5 }, [
    ["/actuals/0/value", "minimum", "Giá trị phải lớn hơn hoặc bằng 0"],
    ["/spent", "minimum", "Giá trị phải lớn hơn hoặc bằng 0"],
  ]],
];

function fundRequestWithLines(count: number): unknown {
  const sample = validSamples["fund-request"] as { lines: Record<string, unknown>[] };
  return { ...sample, lines: Array.from({ length: count }, (_, i) => ({ ...sample.lines[0], cccd: `0621410${String(i).padStart(5, "0")}` })) };
}

describe("built-in forms", () => {
  it("are the forms of the domain, each with a unique key and version 1", () => {
    expect(builtinForms.map((f) => f.key).sort()).toEqual(
      [
        "comment",
        "congress-extension",
        "congress-report",
        "decision",
        "founding-application",
        "founding-committee-application",
        "proposal",
        "refusal-reasons",
        "return-note",
        "supplement-request",
        "supplement-response",
        "plan",
        "unit-report",
        "compile-summary",
        "fund-request",
        "fund-flag-clearance",
        "fund-line-removal",
        "fund-approval",
        "fund-payment",
        "dissolution-request",
        "forced-dissolution-request",
        "association-response",
        "suspension-request",
        "suspension-lift",
        "relief-campaign",
        "campaign-publication",
        "campaign-distribution",
        "fund-duty-done",
        "apology-notice",
      ].sort(),
    );
    for (const f of builtinForms) expect(f.version).toBe(1);
  });

  it.each(builtinForms.map((f) => [f.key, f] as const))("%s passes checkForm", (_key, f) => {
    expect(checkForm(f)).toEqual([]);
  });

  it.each(builtinForms.map((f) => [f.key, f] as const))("%s accepts its valid sample", (key, f) => {
    expect(validSamples[key], `sample for ${key}`).toBeDefined();
    expect(validator.validate(f, validSamples[key])).toEqual({ valid: true, errors: [] });
  });

  it.each(builtinForms.map((f) => [f.key, f] as const))("%s has Vietnamese titles for every field", (_key, f) => {
    const props = f.schema.properties as Record<string, { title?: string }>;
    for (const [name, prop] of Object.entries(props)) expect(prop.title, name).toMatch(/\S/);
  });

  it.each(invalidSamples)("%s rejects %j", (key, data, expected) => {
    const result = validator.validate(form(key), data);
    expect(result.valid).toBe(false);
    const got = result.errors.map((e) => [e.path, e.code, e.message]);
    expect(got.sort()).toEqual([...expected].sort());
    for (const e of result.errors) expect(e.messageEn).toMatch(/\S/);
  });

  // One request covers at most 200 beneficiaries (issue 16): a larger list is split into several requests.
  it("caps a fund request at 200 lines", () => {
    const at = (count: number) => validator.validate(form("fund-request"), fundRequestWithLines(count));
    expect(at(200).valid).toBe(true);
    expect(at(201).errors.map((e) => [e.path, e.code, e.message])).toEqual([["/lines", "maxItems", "Một đề nghị có tối đa 200 đối tượng; hãy tách thành nhiều đề nghị"]]);
  });

  it("uses a SHOW rule (founding-application shows the assets declaration only when there are assets)", () => {
    const json = JSON.stringify(form("founding-application").uischema);
    expect(json).toContain('"effect":"SHOW"');
  });
});
