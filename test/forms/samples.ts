/** Valid sample data for each built-in form, and a builder for founding-committee members. */

export function member(i: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    fullName: `Thành viên ${i}`,
    birthYear: 1970 + i,
    cccd: `06207000${String(1000 + i)}`,
    occupation: "Giáo viên nghỉ hưu",
    role: i === 0 ? "head" : "member",
    ...overrides,
  };
}

export const members = (n: number) => Array.from({ length: n }, (_, i) => member(i));

export const foundingCommittee = {
  name: "Hội Cựu giáo chức tỉnh Kon Tum",
  foreignName: "Kon Tum Association of Retired Teachers",
  abbreviation: "HCGC",
  scope: "province",
  fieldOfActivity: "Giáo dục",
  purpose: "Tập hợp, đoàn kết các nhà giáo đã nghỉ hưu, tham gia xây dựng xã hội học tập.",
  officeAddress: "123 Trần Hưng Đạo, TP Kon Tum",
  authorityUnit: "so-giao-duc-kon-tum",
  members: members(5),
  headOfCommittee: "Thành viên 0",
  applicationLetter: "att-letter",
  cvs: ["att-cv-1", "att-cv-2"],
  criminalRecord: "att-lltp",
};

export const planSample = {
  title: "Kế hoạch phối hợp duy trì các mô hình điểm năm 2023",
  legalBasis: ["Căn cứ Chương trình phối hợp số 01/CTPH-MTTQ-BTT ngày 10/01/2023"],
  purpose: "Duy trì, nhân rộng các mô hình điểm ở khu dân cư.",
  contents: "Mỗi huyện duy trì một mô hình điểm.",
  reportToUnit: "mttq-ban-phong-trao",
  approvalUnit: "mttq-ban-thuong-truc",
  indicators: [{ code: "MH", name: "Mô hình điểm được duy trì", unitOfMeasure: "mô hình", target: 10 }],
  budgetLines: [{ unitId: "mttq-dak-ha", unitName: "Đăk Hà", item: "Hỗ trợ mô hình điểm", amount: 5_000_000 }],
  participatingUnits: [{ unitId: "mttq-dak-ha", unitName: "Đăk Hà", assignment: "Duy trì mô hình điểm" }],
  startDate: "2023-03-01",
  endDate: "2023-11-30",
  reportDeadline: "2023-12-05",
  recurrence: "once",
  recipients: ["Ban Thường trực", "Lưu VT"],
};

export const validSamples: Record<string, unknown> = {
  "fund-request": {
    name: "Hỗ trợ người già neo đơn xã Hà Mòn",
    fundUnit: "quy-nhan-dao",
    purpose: "Hỗ trợ đời sống",
    lines: [
      { fullName: "Y Hlim", birthYear: 1941, cccd: "062141000815", unitId: "xa-ha-mon", category: "Người già neo đơn", amount: 3000000 },
      { lineId: "L2", fullName: "Y Nhi", birthYear: 2001, unitId: "xa-ha-mon", category: "Phụ nữ yếu thế", circumstances: "Mẹ đơn thân", amount: 2000000, purpose: "Mua gạo" },
    ],
  },
  "fund-flag-clearance": { lineId: "L1", reason: "Thiệt hại mới do bão, cần hỗ trợ khẩn cấp" },
  "fund-line-removal": { lineId: "L2", reason: "Đã được hỗ trợ trong năm" },
  "fund-approval": { amounts: [{ lineId: "L1", amount: 2500000 }], note: "Đồng ý" },
  "fund-payment": { lineId: "L1", paidOn: "2026-11-23", method: "Tiền mặt", receiptNumber: "PC-001" },
  "founding-committee-application": foundingCommittee,
  "founding-application": {
    draftCharter: "att-charter",
    expectedMembers: 60,
    memberList: "att-members",
    officeConfirmation: "att-office",
    hasAssets: true,
    assetsDeclaration: "Một máy tính, bàn ghế văn phòng",
    otherAttachments: ["att-x"],
  },
  "congress-extension": { days: 30, reasons: "Chưa thuê được hội trường tổ chức đại hội" },
  "congress-report": {
    heldOn: "2026-03-15",
    venue: "Hội trường UBND tỉnh Kon Tum",
    // Of the 60 registered members: more than half present (the congress's quorum).
    delegatesPresent: 41,
    leadership: [
      { fullName: "Nguyễn Văn An", position: "Chủ tịch" },
      { fullName: "Trần Thị Bình", position: "Phó Chủ tịch" },
    ],
    adoptedCharter: "att-charter-final",
    minutes: "att-minutes",
  },
  "supplement-request": { items: ["Phiếu lý lịch tư pháp của trưởng ban"], note: "Nộp bản chính" },
  "supplement-response": { note: "Đã bổ sung", attachments: ["att-lltp-2"] },
  "refusal-reasons": {
    reasons: "Tên hội trùng với tên của hội đã được thành lập trên địa bàn tỉnh.",
    legalBasis: "Khoản 1 Điều 9 Nghị định 126/2024/NĐ-CP",
  },
  decision: { effectiveDate: "2026-11-24", note: "" },
  comment: { text: "Đề nghị bổ sung lý lịch." },
  "apology-notice": { reason: "Hồ sơ phải lấy ý kiến của sở quản lý ngành, chưa nhận được trả lời.", newDate: "2026-12-15" },
  proposal: { summary: "Hồ sơ đầy đủ, hợp lệ; đề nghị lãnh đạo ký quyết định công nhận." },
  "return-note": { reason: "Đề nghị kiểm tra lại danh sách thành viên." },
  plan: planSample,
  "unit-report": { actuals: [{ code: "MH", value: 1 }], spent: 4_500_000, narrative: "Đã duy trì mô hình", attachments: ["att-bb"] },
  "dissolution-request": {
    name: "Hội Cựu giáo chức tỉnh Kon Tum",
    association: "00000000-0000-4000-8000-000000000111",
    authorityUnit: "00000000-0000-4000-8000-000000000101",
    reason: "Hội không còn đủ hội viên để duy trì hoạt động.",
    resolutionDate: "2027-03-01",
    resolution: "att-nq",
    settlementReport: "att-bc",
    debtsSettled: true,
  },
  "compile-summary": { assessment: "Các đơn vị cơ bản hoàn thành chỉ tiêu.", note: "Kính trình" },
};
