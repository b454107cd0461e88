import { describe, expect, it } from "vitest";
import { builtinForm, createFormValidator } from "../../forms/index.js";
import { foundingCommittee, member, members } from "./samples.js";

const form = builtinForm("founding-committee-application")!;
const validator = createFormValidator();

describe("founding-committee-application", () => {
  it("THE key case: a missing field, an 11-digit CCCD and 2 members at province scope give exactly three Vietnamese errors", () => {
    const { purpose: _omitted, ...withoutPurpose } = foundingCommittee;
    const data = { ...withoutPurpose, members: [member(0), member(1, { cccd: "06207000100" })] };
    const result = validator.validate(form, data);
    expect(result.valid).toBe(false);
    expect(result.errors).toHaveLength(3);
    expect(result.errors).toEqual(
      expect.arrayContaining([
        {
          path: "/purpose",
          code: "required",
          message: "Trường này là bắt buộc",
          messageEn: "This field is required",
        },
        {
          path: "/members/1/cccd",
          code: "format",
          message: "Số CCCD phải gồm 12 chữ số",
          messageEn: "The CCCD number must have exactly 12 digits",
        },
        {
          path: "/members",
          code: "minItems",
          message: "Ban vận động cấp tỉnh phải có ít nhất 5 thành viên",
          messageEn: "A provincial founding committee needs at least 5 members",
        },
      ]),
    );
  });

  it.each([
    ["national", 10, 9, "Ban vận động cấp toàn quốc phải có ít nhất 10 thành viên"],
    ["province", 5, 4, "Ban vận động cấp tỉnh phải có ít nhất 5 thành viên"],
    ["commune", 3, 2, "Ban vận động cấp xã phải có ít nhất 3 thành viên"],
  ])("at %s scope needs %i members", (scope, enough, tooFew, message) => {
    expect(validator.validate(form, { ...foundingCommittee, scope, members: members(enough) }).valid).toBe(true);
    const { errors } = validator.validate(form, { ...foundingCommittee, scope, members: members(tooFew) });
    expect(errors).toEqual([expect.objectContaining({ path: "/members", code: "minItems", message })]);
  });

  it("has no district scope since 01/07/2025 (Nghị định 129/2025): refused on /scope like any unknown value", () => {
    const { errors } = validator.validate(form, { ...foundingCommittee, scope: "district", members: members(3) });
    expect(errors).toEqual([expect.objectContaining({ path: "/scope", code: "oneOf" })]);
  });

  it("refuses an unknown scope with one message, not one per choice", () => {
    const { errors } = validator.validate(form, { ...foundingCommittee, scope: "village" });
    expect(errors).toEqual([
      expect.objectContaining({ path: "/scope", code: "oneOf", message: "Giá trị không thuộc danh sách được chọn" }),
    ]);
  });

  it("checks each member row: year of birth, CCCD province code, role", () => {
    const rows = [
      member(0),
      member(1, { birthYear: 1899 }),
      member(2, { birthYear: "1980" }),
      member(3, { cccd: "099070001003" }),
      member(4, { role: "chairman" }),
    ];
    const { errors } = validator.validate(form, { ...foundingCommittee, members: rows });
    expect(errors.map((e) => [e.path, e.message])).toEqual(
      expect.arrayContaining([
        ["/members/1/birthYear", "Giá trị phải lớn hơn hoặc bằng 1900"],
        ["/members/2/birthYear", "Giá trị phải là số nguyên"],
        ["/members/3/cccd", "Số CCCD không hợp lệ: 3 chữ số đầu phải là mã tỉnh (001–096)"],
        ["/members/4/role", "Giá trị không thuộc danh sách được chọn"],
      ]),
    );
    expect(errors).toHaveLength(4);
  });

  it("requires the application letter; the members' CVs and extracts are checked at submission, with their age (Nghị định 126/2024)", () => {
    const { criminalRecord: _c, applicationLetter: _a, ...rest } = foundingCommittee;
    const { errors } = validator.validate(form, rest);
    expect(errors.map((e) => e.path).sort()).toEqual(["/applicationLetter"]);
  });

  it("refuses a malformed unit id in authorityUnit", () => {
    const { errors } = validator.validate(form, { ...foundingCommittee, authorityUnit: "" });
    expect(errors).toEqual([expect.objectContaining({ path: "/authorityUnit", message: "Đơn vị không hợp lệ" })]);
  });
});
