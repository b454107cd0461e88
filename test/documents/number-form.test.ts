import { describe, expect, it } from "vitest";
import { checkDefinition, documentNumber } from "../../workflows";
import { documentHtml } from "../../server/services/document-print";
import type { DocumentRow } from "../../server/services/documents";

/** A one-step definition whose APPROVE issues the given document. */
function issuing(issueDocument: Record<string, unknown>) {
  return {
    key: "issuing",
    title: { vi: "Thử" },
    initial: "a",
    states: {
      a: { title: { vi: "A" }, assignee: { role: "leader" }, on: { APPROVE: { target: "done", issueDocument: { title: { vi: "Về việc thử" }, ...issueDocument } } } },
      done: { title: { vi: "Xong" }, type: "final" },
    },
  };
}

describe("document numbers per Nghị định 30/2020/NĐ-CP", () => {
  it.each([
    [1, "QĐ", "UBND", undefined, "01/QĐ-UBND"],
    [9, "TB", "SNV", undefined, "09/TB-SNV"],
    [10, "QĐ", "SNV", undefined, "10/QĐ-SNV"],
    [123, "KH", "MTTQ-BTT", undefined, "123/KH-MTTQ-BTT"],
    // A công văn carries no type name: issuer, then (when the definition says) the drafting unit.
    [7, "CV", "SNV", undefined, "07/SNV"],
    [15, "CV", "SNV", "{seq}/{unit}-TCBC", "15/SNV-TCBC"],
    // Party documents: their own layout, the leading zero too ("05-CT/TW").
    [5, "KL", "BCĐ", "{seq}-{type}/{unit}", "05-KL/BCĐ"],
    [392, "BC", "TU", "{seq}-{type}/{unit}", "392-BC/TU"],
  ])("numbers %i %s of %s (%s) as %s", (seq, type, unit, format, expected) => {
    expect(documentNumber(seq, type, unit, format)).toBe(expected);
  });

  it("refuses KL outside a Party document, a Party document without its number format, and a format without {seq}", () => {
    const codes = (def: unknown) => {
      const result = checkDefinition(def);
      return result.ok ? [] : result.problems.map((p) => p.path);
    };
    expect(codes(issuing({ type: "KL" }))).toEqual(["/states/a/on/APPROVE/issueDocument/type"]);
    expect(codes(issuing({ type: "KL", partyDocument: true }))).toEqual(["/states/a/on/APPROVE/issueDocument/numberFormat"]);
    expect(codes(issuing({ type: "QĐ", numberFormat: "{type}-{unit}" }))).toEqual(["/states/a/on/APPROVE/issueDocument/numberFormat"]);
    expect(codes(issuing({ type: "KL", partyDocument: true, numberFormat: "{seq}-{type}/{unit}" }))).toEqual([]);
    expect(codes(issuing({ type: "CV" }))).toEqual([]);
  });

  it("prints a công văn without a type heading, its subject under the number as V/v …", () => {
    const row = {
      id: "d",
      instanceId: "i",
      eventSeq: 1,
      unitId: "u",
      type: "CV",
      year: 2026,
      seq: 7,
      number: "07/SNV",
      title: "hướng dẫn hồ sơ thành lập hội",
      issuedOn: "2026-12-04",
      issuedAt: new Date("2026-12-04T03:00:00Z"),
      signerId: null,
      signerName: "Nguyễn Văn A",
      signerTitle: "Giám đốc",
      body: {
        subject: "hướng dẫn hồ sơ thành lập hội",
        basis: [],
        content: ["Sở Nội vụ hướng dẫn …"],
        recipients: ["Như trên;"],
        form: {},
        formKey: null,
        dossierCode: "QN-1",
        dossierTitle: "Thử",
        issuerName: "Sở Nội vụ",
        parentIssuerName: "UBND tỉnh Quảng Ngãi",
        place: "Quảng Ngãi",
      },
    } as DocumentRow;
    const html = documentHtml(row);
    expect(html).toContain("Số: 07/SNV");
    expect(html).toContain("V/v hướng dẫn hồ sơ thành lập hội");
    expect(html).not.toContain("CÔNG VĂN");
    expect(html).not.toContain('class="kind"');
  });
});
