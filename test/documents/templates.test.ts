import { describe, expect, it } from "vitest";
import { documentNumber, fillLines, fillTemplate } from "../../workflows";
import { placeDate } from "../../server/services/document-print";
import { placeName, unitCode } from "../../server/services/documents";

describe("document texts and numbers", () => {
  it.each([
    ["Về việc công nhận {{data.name}}", "Về việc công nhận Hội Luật gia"],
    ["gồm {{data.members.length}} thành viên", "gồm 3 thành viên"],
    ["có hiệu lực từ ngày {{event.effectiveDate|date}}", "có hiệu lực từ ngày 01/12/2026"],
    ["hồ sơ {{ dossier.code }}", "hồ sơ KT-2026-7Q4M9X"],
    ["thiếu {{data.nothing}} và {{data.name.nothing}}", "thiếu … và …"],
    ["{{event.reasons}}", "<b>không đủ</b>"],
  ])("fills %j", (template, expected) => {
    const scope = { data: { name: "Hội Luật gia", members: [{}, {}, {}] }, event: { effectiveDate: "2026-12-01", reasons: "<b>không đủ</b>" }, dossier: { code: "KT-2026-7Q4M9X" } };
    expect(fillTemplate(template, scope)).toBe(expected);
  });

  it.each([
    ["{{data.target|number}} hộ", "12.500,5 hộ"],
    ["Tổng kinh phí: {{data.lines|sum:amount|money}}", "Tổng kinh phí: 50.000.000\u00a0₫"],
    ["Chậm hạn: {{data.late|map:unitName}}", "Chậm hạn: Ia H'Drai, TP Kon Tum"],
    ["Chưa báo cáo: {{data.none|map:unitName}}", "Chưa báo cáo: không có"],
    ["đã chi {{data.spent|money}}", "đã chi …"],
    ["{{data.target|nosuchfilter}}", "12500.5"],
  ])("filters %j", (template, expected) => {
    const data = { target: 12500.5, lines: [{ amount: 5_000_000 }, { amount: 45_000_000 }, { amount: "x" }], late: [{ unitName: "Ia H'Drai" }, { unitName: "TP Kon Tum" }], none: [], spent: null };
    expect(fillTemplate(template, { data })).toBe(expected);
  });

  it("writes a {{#each}} line once per item, with item and index, and nothing for an empty or missing list", () => {
    const scope = { data: { indicators: [{ name: "Mô hình", target: 10 }, { name: "Hộ", target: 300 }], empty: [] } };
    expect(fillLines(["III. CHỈ TIÊU", "{{#each data.indicators}}{{index}}. {{item.name}}: {{item.target|number}}", "{{#each data.empty}}- {{item}}", "{{#each data.missing}}- {{item}}", "Hết"], scope)).toEqual([
      "III. CHỈ TIÊU",
      "1. Mô hình: 10",
      "2. Hộ: 300",
      "Hết",
    ]);
  });

  it.each([
    [15, "QĐ", "SNV", undefined, "15/QĐ-SNV"],
    [12, "KH", "MTTQ-BTT", undefined, "12/KH-MTTQ-BTT"],
    [24, "KL", "BCĐ", "{seq}-{type}/{unit}", "24-KL/BCĐ"],
  ])("numbers %i %s %s", (seq, type, unit, format, expected) => {
    expect(documentNumber(seq, type, unit, format)).toBe(expected);
  });

  it.each([
    ["2026-11-24", "Kon Tum, ngày 24 tháng 11 năm 2026"],
    ["2019-04-01", "Kon Tum, ngày 01 tháng 4 năm 2019"],
    ["2027-02-05", "Kon Tum, ngày 05 tháng 02 năm 2027"],
  ])("writes the place-date line of %s as Nghị định 30/2020 says", (date, expected) => {
    expect(placeDate("Kon Tum", date)).toBe(expected);
  });

  it("takes the place from the province and the sign from the unit's code, else its initials", () => {
    expect(placeName("Tỉnh Kon Tum")).toBe("Kon Tum");
    expect(placeName("Thành phố Hà Nội")).toBe("Hà Nội");
    expect(unitCode({ code: "SNV", name: "Sở Nội vụ" })).toBe("SNV");
    expect(unitCode({ code: null, name: "Phòng Nội vụ huyện Đăk Hà" })).toBe("PNVHĐH");
  });
});
