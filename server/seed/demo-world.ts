import type { Role } from "../../workflows";
import type { UnitKind } from "../db/schema";

/** Fixed ids, so that tests and other suites can name the demo units and people. */
const id = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, "0")}`;

/** The demo organisation units of Kon Tum province (design §9). */
export const DEMO_UNITS = {
  konTum: id(1),
  // District-level units.
  dakGlei: id(11),
  ngocHoi: id(12),
  dakTo: id(13),
  tuMoRong: id(14),
  dakHa: id(15),
  saThay: id(16),
  konPlong: id(17),
  konRay: id(18),
  iaHDrai: id(19),
  tpKonTum: id(20),
  // A few communes.
  ttDakHa: id(31),
  haMon: id(32),
  quyetThang: id(33),
  // Provincial offices and organisations.
  soNoiVu: id(101),
  phongNoiVuDakHa: id(102),
  soYTe: id(103),
  chuThapDo: id(111),
  quyNhanDao: id(112),
  mttq: id(121),
  mttqThuongTruc: id(122),
  mttqPhongTrao: id(123),
  mttqToChuc: id(124),
  mttqDanChu: id(125),
  mttqVanPhong: id(126),
  mttqDakHa: id(131),
} as const;

const U = DEMO_UNITS;

export type DemoUnit = { id: string; parentId: string | null; kind: UnitKind; name: string; code: string | null };

export const DEMO_UNIT_ROWS: DemoUnit[] = [
  // The province unit is its People's Committee: its leader is the chairman, its decisions `…/QĐ-UBND`.
  { id: U.konTum, parentId: null, kind: "province", name: "Tỉnh Kon Tum", code: "UBND" },
  { id: U.dakGlei, parentId: U.konTum, kind: "district", name: "Huyện Đăk Glei", code: "DG" },
  { id: U.ngocHoi, parentId: U.konTum, kind: "district", name: "Huyện Ngọc Hồi", code: "NH" },
  { id: U.dakTo, parentId: U.konTum, kind: "district", name: "Huyện Đăk Tô", code: "DT" },
  { id: U.tuMoRong, parentId: U.konTum, kind: "district", name: "Huyện Tu Mơ Rông", code: "TMR" },
  { id: U.dakHa, parentId: U.konTum, kind: "district", name: "Huyện Đăk Hà", code: "DH" },
  { id: U.saThay, parentId: U.konTum, kind: "district", name: "Huyện Sa Thầy", code: "ST" },
  { id: U.konPlong, parentId: U.konTum, kind: "district", name: "Huyện Kon Plông", code: "KP" },
  { id: U.konRay, parentId: U.konTum, kind: "district", name: "Huyện Kon Rẫy", code: "KR" },
  { id: U.iaHDrai, parentId: U.konTum, kind: "district", name: "Huyện Ia H'Drai", code: "IHD" },
  { id: U.tpKonTum, parentId: U.konTum, kind: "district", name: "Thành phố Kon Tum", code: "TPKT" },
  { id: U.ttDakHa, parentId: U.dakHa, kind: "commune", name: "Thị trấn Đăk Hà", code: null },
  { id: U.haMon, parentId: U.dakHa, kind: "commune", name: "Xã Hà Mòn", code: null },
  { id: U.quyetThang, parentId: U.tpKonTum, kind: "commune", name: "Phường Quyết Thắng", code: null },
  { id: U.soNoiVu, parentId: U.konTum, kind: "office", name: "Sở Nội vụ tỉnh Kon Tum", code: "SNV" },
  { id: U.soYTe, parentId: U.konTum, kind: "office", name: "Sở Y tế tỉnh Kon Tum", code: "SYT" },
  { id: U.phongNoiVuDakHa, parentId: U.dakHa, kind: "office", name: "Phòng Nội vụ huyện Đăk Hà", code: "PNV" },
  { id: U.chuThapDo, parentId: U.konTum, kind: "association", name: "Hội Chữ thập đỏ tỉnh Kon Tum", code: "CTĐ" },
  { id: U.quyNhanDao, parentId: U.chuThapDo, kind: "fund", name: "Quỹ Trợ giúp nhân đạo tỉnh Kon Tum", code: "QNĐ" },
  { id: U.mttq, parentId: U.konTum, kind: "association", name: "Ủy ban MTTQ Việt Nam tỉnh Kon Tum", code: "MTTQ" },
  { id: U.mttqThuongTruc, parentId: U.mttq, kind: "department", name: "Ban Thường trực Ủy ban MTTQ tỉnh", code: "MTTQ-BTT" },
  { id: U.mttqPhongTrao, parentId: U.mttq, kind: "department", name: "Ban Phong trào", code: "MTTQ-BPT" },
  { id: U.mttqToChuc, parentId: U.mttq, kind: "department", name: "Ban Tổ chức – Tuyên giáo", code: "MTTQ-BTC" },
  { id: U.mttqDanChu, parentId: U.mttq, kind: "department", name: "Ban Dân chủ – Pháp luật", code: "MTTQ-BDC" },
  { id: U.mttqVanPhong, parentId: U.mttq, kind: "department", name: "Văn phòng Ủy ban MTTQ tỉnh", code: "MTTQ-VP" },
  { id: U.mttqDakHa, parentId: U.dakHa, kind: "association", name: "Ủy ban MTTQ Việt Nam huyện Đăk Hà", code: "MTTQ-DH" },
];

/**
 * Since 01/07/2025 Kon Tum is part of Quảng Ngãi (Nghị quyết 202/2025/QH15). The demo's history (the
 * 2023 plan, the fund's ledger) is seeded under the Kon Tum names; then the province and its Sở Nội vụ are
 * renamed, so that documents issued from then on carry today's names ("Quảng Ngãi, ngày …").
 */
export const DEMO_RENAMED_2025: { id: string; name: string }[] = [
  { id: U.konTum, name: "Tỉnh Quảng Ngãi" },
  { id: U.soNoiVu, name: "Sở Nội vụ tỉnh Quảng Ngãi" },
  { id: U.soYTe, name: "Sở Y tế tỉnh Quảng Ngãi" },
];

/** Every demo account signs in with this password (never in production). */
export const DEMO_PASSWORD = "demo";

export type DemoUser = { id: string; username: string; displayName: string; grants: { role: Role; unitId: string; position?: string }[] };

/** The demo accounts of design §9. */
export const DEMO_USERS = {
  admin: { id: id(1001), username: "admin", displayName: "Quản trị hệ thống", grants: [{ role: "admin", unitId: U.konTum }] },
  nguoinop: { id: id(1002), username: "nguoinop", displayName: "Nguyễn Văn Nộp", grants: [{ role: "applicant", unitId: U.konTum }] },
  chuyenvien: { id: id(1003), username: "chuyenvien", displayName: "Trần Thị Chuyên (Sở Nội vụ)", grants: [{ role: "specialist", unitId: U.soNoiVu }] },
  lanhdao: { id: id(1004), username: "lanhdao", displayName: "Lê Văn Đạo (Giám đốc Sở Nội vụ)", grants: [{ role: "leader", unitId: U.soNoiVu, position: "Giám đốc" }] },
  ketoan: { id: id(1005), username: "ketoan", displayName: "Phạm Thị Toán (Hội Chữ thập đỏ)", grants: [{ role: "accountant", unitId: U.chuThapDo }] },
  mttqPhongTrao: { id: id(1006), username: "mttq.phongtrao", displayName: "Y Blông (Ban Phong trào MTTQ)", grants: [{ role: "specialist", unitId: U.mttqPhongTrao }] },
  mttqThuongTruc: { id: id(1007), username: "mttq.thuongtruc", displayName: "A Thuận (Ban Thường trực MTTQ)", grants: [{ role: "leader", unitId: U.mttqThuongTruc }] },
  mttqDakHa: { id: id(1008), username: "mttq.dakha", displayName: "Đinh Văn Hà (MTTQ huyện Đăk Hà)", grants: [{ role: "specialist", unitId: U.mttqDakHa }] },
  ctdChuyenVien: { id: id(1009), username: "ctd.chuyenvien", displayName: "Hồ Thị Thẩm (Văn phòng Quỹ nhân đạo)", grants: [{ role: "specialist", unitId: U.quyNhanDao }] },
  ctdChuTich: { id: id(1010), username: "ctd.chutich", displayName: "Nguyễn Đức Nhân (Chủ tịch Hội Chữ thập đỏ tỉnh)", grants: [{ role: "leader", unitId: U.quyNhanDao }] },
  ctdPhoChuTich: { id: id(1011), username: "ctd.phochutich", displayName: "Trương Thị Ái (Phó Chủ tịch Hội Chữ thập đỏ tỉnh)", grants: [{ role: "leader", unitId: U.quyNhanDao }] },
  ctdKeToan: { id: id(1012), username: "ctd.ketoan", displayName: "Đỗ Văn Sổ (Kế toán Quỹ nhân đạo)", grants: [{ role: "accountant", unitId: U.quyNhanDao }] },
  xaHaMon: { id: id(1013), username: "xa.hamon", displayName: "UBND xã Hà Mòn", grants: [{ role: "applicant", unitId: U.haMon }] },
  chutich: { id: id(1014), username: "chutich", displayName: "Võ Văn Tỉnh (Chủ tịch UBND tỉnh)", grants: [{ role: "leader", unitId: U.konTum, position: "Chủ tịch" }] },
  sytChuyenVien: { id: id(1015), username: "syt.chuyenvien", displayName: "Đặng Thị Y (Sở Y tế)", grants: [{ role: "specialist", unitId: U.soYTe }] },
  sytGiamDoc: { id: id(1016), username: "syt.giamdoc", displayName: "Phan Văn Khỏe (Giám đốc Sở Y tế)", grants: [{ role: "leader", unitId: U.soYTe, position: "Giám đốc" }] },
} satisfies Record<string, DemoUser>;

/** What each demo account is for, printed at start-up. */
export const DEMO_ROLES_VI: Record<keyof typeof DEMO_USERS, string> = {
  admin: "quản trị",
  nguoinop: "người nộp hồ sơ",
  chuyenvien: "chuyên viên, Sở Nội vụ",
  lanhdao: "lãnh đạo, Sở Nội vụ",
  ketoan: "kế toán, Hội Chữ thập đỏ tỉnh",
  mttqPhongTrao: "chuyên viên, Ban Phong trào MTTQ tỉnh",
  mttqThuongTruc: "lãnh đạo, Ban Thường trực MTTQ tỉnh",
  mttqDakHa: "chuyên viên, MTTQ huyện Đăk Hà",
  ctdChuyenVien: "chuyên viên, Quỹ Trợ giúp nhân đạo (Hội Chữ thập đỏ tỉnh)",
  ctdChuTich: "lãnh đạo Quỹ (Chủ tịch Hội Chữ thập đỏ tỉnh)",
  ctdPhoChuTich: "lãnh đạo Quỹ (Phó Chủ tịch Hội Chữ thập đỏ tỉnh)",
  ctdKeToan: "kế toán, Quỹ Trợ giúp nhân đạo",
  xaHaMon: "người đề nghị, UBND xã Hà Mòn",
  chutich: "Chủ tịch UBND tỉnh: cho phép thành lập, phê duyệt điều lệ hội cấp tỉnh",
  sytChuyenVien: "chuyên viên, Sở Y tế (công nhận ban vận động hội ngành y tế)",
  sytGiamDoc: "lãnh đạo, Sở Y tế",
};
