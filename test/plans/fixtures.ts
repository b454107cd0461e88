import type { TestApp, TestUser } from "../support/harness";

/** The ten district-level units of Kon Tum (design §9). */
export const KON_TUM_DISTRICTS = [
  "Đăk Glei", "Ngọc Hồi", "Đăk Tô", "Tu Mơ Rông", "Đăk Hà", "Sa Thầy", "Kon Plông", "Kon Rẫy", "Ia H'Drai", "TP Kon Tum",
];

export type PlanUnit = { unitId: string; unitName: string };

/** A provincial MTTQ committee: Ban Thường trực (leader) and Ban Phong trào (drafter), and `n` district committees. */
export type PlanWorld = { approvalUnit: string; reportToUnit: string; drafter: TestUser; leader: TestUser; districts: PlanUnit[] };

export async function planWorld(t: TestApp, n: number): Promise<PlanWorld> {
  const province = await t.unit({ kind: "association", name: "Ủy ban MTTQ Việt Nam tỉnh", code: "MTTQ" });
  const btt = await t.unit({ kind: "department", name: "Ban Thường trực", parentId: province.id, code: "MTTQ-BTT" });
  const bpt = await t.unit({ kind: "department", name: "Ban Phong trào", parentId: province.id, code: "MTTQ-BPT" });
  const districts: PlanUnit[] = [];
  for (let i = 0; i < n; i++) {
    const name = KON_TUM_DISTRICTS[i] ?? `Đơn vị ${i + 1}`;
    const unit = await t.unit({ kind: "association", name: `Ủy ban MTTQ ${name}`, parentId: province.id });
    districts.push({ unitId: unit.id, unitName: name });
  }
  return {
    approvalUnit: btt.id,
    reportToUnit: bpt.id,
    drafter: await t.user({ grants: [{ role: "specialist", unitId: bpt.id }] }),
    leader: await t.user({ grants: [{ role: "leader", unitId: btt.id }] }),
    districts,
  };
}

/** A plan's start data for the world's districts (5.000.000 ₫ each), due 05/12/2023. */
export function planData(world: Pick<PlanWorld, "approvalUnit" | "reportToUnit" | "districts">, over: Record<string, unknown> = {}) {
  const units = world.districts;
  return {
    title: "Kế hoạch phối hợp duy trì các mô hình điểm năm 2023",
    legalBasis: ["Căn cứ Chương trình phối hợp số 01/CTPH-MTTQ ngày 10/01/2023"],
    purpose: "Duy trì, nhân rộng các mô hình điểm ở khu dân cư.",
    contents: "Mỗi huyện duy trì một mô hình điểm.",
    reportToUnit: world.reportToUnit,
    approvalUnit: world.approvalUnit,
    indicators: [
      { code: "MH", name: "Mô hình điểm được duy trì", unitOfMeasure: "mô hình", target: 10 },
      { code: "HGD", name: "Hộ gia đình tham gia", unitOfMeasure: "hộ", target: 300 },
    ],
    budgetLines: units.map((u) => ({ unitId: u.unitId, unitName: u.unitName, item: "Hỗ trợ duy trì mô hình điểm", amount: 5_000_000 })),
    participatingUnits: units.map((u) => ({ ...u, assignment: "Chọn và duy trì một mô hình điểm ở khu dân cư" })),
    startDate: "2023-03-01",
    endDate: "2023-11-30",
    reportDeadline: "2023-12-05",
    recipients: ["Ban Thường trực UBMTTQ Việt Nam tỉnh", "Ủy ban MTTQ Việt Nam các huyện, thành phố", "Lưu VT"],
    ...over,
  };
}
