import { DEMO_UNITS } from "./demo-world";

/**
 * Founding applications filling the `founding-committee-application` form, at Sở Nội vụ. The attachments
 * the form requires (application letter, criminal-record extract) are uploaded by the seed.
 */
function founding(name: string, field: string, purpose: string): Record<string, unknown> {
  return {
    name,
    scope: "province",
    fieldOfActivity: field,
    purpose,
    officeAddress: "Số 10 đường Trần Hưng Đạo, tỉnh Quảng Ngãi",
    authorityUnit: DEMO_UNITS.soNoiVu,
    headOfCommittee: "Nguyễn Văn Nộp",
    members: [
      { fullName: "Nguyễn Văn Nộp", birthYear: 1972, cccd: "062072000101", occupation: "Giáo viên nghỉ hưu", role: "head" },
      { fullName: "Y Hơn", birthYear: 1980, cccd: "062180000102", occupation: "Cán bộ", role: "deputy" },
      { fullName: "A Sang", birthYear: 1985, cccd: "062085000103", occupation: "Nông dân", role: "member" },
      { fullName: "Trần Thị Mai", birthYear: 1990, cccd: "062190000104", occupation: "Kế toán", role: "member" },
      { fullName: "Lê Quang Vinh", birthYear: 1978, cccd: "062078000105", occupation: "Kỹ sư", role: "member" },
    ],
  };
}

/** A few dossiers in different states, so that every demo inbox has work. Steps: [event, actor username, data]. */
export const DEMO_DOSSIERS: { data: Record<string, unknown>; steps: [string, string, Record<string, unknown>][] }[] = [
  { data: founding("Hội Cựu giáo chức tỉnh Quảng Ngãi", "Giáo dục", "Tập hợp nhà giáo đã nghỉ hưu, hỗ trợ khuyến học"), steps: [] },
  {
    data: founding("Hội Doanh nhân trẻ tỉnh Quảng Ngãi", "Kinh tế", "Kết nối, hỗ trợ doanh nhân trẻ khởi nghiệp"),
    steps: [["SUBMIT", "nguoinop", {}]],
  },
  {
    data: founding("Hội Làm vườn tỉnh Quảng Ngãi", "Nông nghiệp", "Phát triển kinh tế vườn, cây dược liệu sâm Ngọc Linh"),
    steps: [
      ["SUBMIT", "nguoinop", {}],
      ["PROPOSE", "chuyenvien", { summary: "Hồ sơ đầy đủ, đề nghị lãnh đạo công nhận ban vận động" }],
    ],
  },
  {
    data: founding("Hội Khuyến học tỉnh Quảng Ngãi", "Giáo dục", "Khuyến học, khuyến tài, xây dựng xã hội học tập"),
    steps: [
      ["SUBMIT", "nguoinop", {}],
      ["REQUEST_SUPPLEMENT", "chuyenvien", { items: ["Phiếu lý lịch tư pháp của trưởng ban vận động"], note: "Bổ sung trong 15 ngày" }],
    ],
  },
  // A health association: the Sở Y tế, which manages its field, recognises its committee.
  {
    data: founding("Hội Điều dưỡng tỉnh Quảng Ngãi", "Y tế", "Nâng cao chất lượng chăm sóc người bệnh"),
    steps: [["SUBMIT", "nguoinop", {}]],
  },
];
