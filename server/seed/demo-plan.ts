import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { hashPassword } from "../auth/passwords";
import { ManualClock } from "../clock";
import { grants, instances, users } from "../db/schema";
import { Scheduler } from "../scheduler/scheduler";
import type { Services } from "../services";
import { loadSessionUser } from "../services/session-user";
import { DEMO_UNITS as U, DEMO_USERS } from "./demo-world";

/**
 * The specialist of the district MTTQ committees other than Đăk Hà, who sent the district reports of the
 * demo plan. Nobody can sign in as him (his password is random; an admin may set one), but he stays
 * enabled: a report sent back to a district must reach someone who holds the role there
 * (`NO_OFFICIAL_IN_UNIT` refuses a task nobody could see).
 */
const DISTRICT_REPORTER = { id: "00000000-0000-4000-8000-000000001099", username: "mttq.huyen.mau", displayName: "Chuyên viên MTTQ các huyện (dữ liệu mẫu)" };

/** The ten participating districts; Đăk Hà reports through its MTTQ committee (account mttq.dakha). */
const DISTRICTS: { unitId: string; unitName: string; households: number | null; spent: number; accepted: boolean }[] = [
  { unitId: U.dakGlei, unitName: "Huyện Đăk Glei", households: 48, spent: 4_800_000, accepted: true },
  { unitId: U.ngocHoi, unitName: "Huyện Ngọc Hồi", households: 62, spent: 5_000_000, accepted: true },
  { unitId: U.dakTo, unitName: "Huyện Đăk Tô", households: 55, spent: 4_500_000, accepted: true },
  { unitId: U.tuMoRong, unitName: "Huyện Tu Mơ Rông", households: 41, spent: 4_950_000, accepted: true },
  { unitId: U.mttqDakHa, unitName: "Huyện Đăk Hà", households: 70, spent: 5_000_000, accepted: true },
  { unitId: U.saThay, unitName: "Huyện Sa Thầy", households: 58, spent: 4_700_000, accepted: false },
  { unitId: U.konPlong, unitName: "Huyện Kon Plông", households: null, spent: 0, accepted: false },
  { unitId: U.konRay, unitName: "Huyện Kon Rẫy", households: null, spent: 0, accepted: false },
  { unitId: U.iaHDrai, unitName: "Huyện Ia H'Drai", households: null, spent: 0, accepted: false },
  { unitId: U.tpKonTum, unitName: "Thành phố Kon Tum", households: null, spent: 0, accepted: false },
];

/** The Kon Tum MTTQ 2023 plan (domain §2): 10 model sites, 5.000.000 ₫ each, reports due 05/12/2023. */
export const DEMO_PLAN_DATA = {
  title: "Kế hoạch phối hợp duy trì các mô hình điểm năm 2023",
  legalBasis: [
    "Căn cứ Luật Mặt trận Tổ quốc Việt Nam năm 2015",
    "Căn cứ Chương trình phối hợp thực hiện Cuộc vận động \"Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh\" năm 2023",
  ],
  purpose: "Duy trì, nâng chất 10 mô hình điểm ở khu dân cư tại 10 huyện, thành phố; rút kinh nghiệm để nhân rộng.",
  contents: "Mỗi huyện, thành phố chọn và duy trì một mô hình điểm; báo cáo kết quả về Ban Phong trào trước ngày 05/12/2023.",
  reportToUnit: U.mttqPhongTrao,
  approvalUnit: U.mttqThuongTruc,
  indicators: [
    { code: "MH", name: "Mô hình điểm được duy trì", unitOfMeasure: "mô hình", target: 10 },
    { code: "HGD", name: "Hộ gia đình tham gia mô hình", unitOfMeasure: "hộ", target: 500 },
  ],
  budgetLines: DISTRICTS.map((d) => ({ unitId: d.unitId, unitName: d.unitName, item: "Hỗ trợ duy trì mô hình điểm", amount: 5_000_000 })),
  participatingUnits: DISTRICTS.map((d) => ({ unitId: d.unitId, unitName: d.unitName, assignment: "Chọn và duy trì một mô hình điểm ở khu dân cư" })),
  startDate: "2023-03-01",
  endDate: "2023-11-30",
  reportDeadline: "2023-12-05",
  recurrence: "once",
  recipients: ["Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh (b/c)", "Ủy ban MTTQ Việt Nam các huyện, thành phố", "Lưu VT, BPT"],
};

/**
 * Seeds the demo plan once: drafted by mttq.phongtrao, approved by mttq.thuongtruc; six districts
 * reported (five accepted, one under review), four did not: they were reminded on
 * 02/12 and 04/12/2023 and marked late on 06/12/2023 by their durable timers.
 */
export async function seedDemoPlan(services: Services): Promise<void> {
  const { db } = services.database;
  const [existing] = await db
    .select({ id: instances.id })
    .from(instances)
    .where(and(eq(instances.workflowKey, "plan"), eq(instances.starterId, DEMO_USERS.mttqPhongTrao.id)))
    .limit(1);
  if (existing) return;
  const at = services.clock.now();
  await db
    .insert(users)
    .values({ ...DISTRICT_REPORTER, passwordHash: await hashPassword(randomUUID()), createdAt: at })
    .onConflictDoNothing();
  for (const d of DISTRICTS.filter((x) => x.unitId !== U.mttqDakHa)) {
    await db.insert(grants).values({ id: randomUUID(), userId: DISTRICT_REPORTER.id, role: "specialist", unitId: d.unitId, createdAt: at }).onConflictDoNothing();
  }
  const as = async (id: string) => (await loadSessionUser(db, id))!;
  const drafter = await as(DEMO_USERS.mttqPhongTrao.id);
  const leader = await as(DEMO_USERS.mttqThuongTruc.id);
  // The history happened in 2023: the plan drafted in February, approved on 01/03, reports in late November.
  const clock = new ManualClock("2023-02-20T02:00:00Z");
  const dossiers = services.dossiers.withClock(clock);
  const plan = await dossiers.start(drafter, "plan", DEMO_PLAN_DATA);
  clock.set("2023-02-24T03:00:00Z");
  await dossiers.send(drafter, plan.id, { type: "SUBMIT" });
  clock.set("2023-03-01T02:30:00Z");
  await dossiers.send(leader, plan.id, { type: "APPROVE", data: { effectiveDate: "2023-03-01" } });
  clock.set("2023-11-27T01:00:00Z");
  const children = await db.select({ id: instances.id, childKey: instances.childKey }).from(instances).where(eq(instances.parentId, plan.id));
  const reporter = await as(DISTRICT_REPORTER.id);
  const dakha = await as(DEMO_USERS.mttqDakHa.id);
  for (const d of DISTRICTS) {
    if (d.households === null) continue;
    const child = children.find((c) => c.childKey === `report:${d.unitId}`)!;
    const by = d.unitId === U.mttqDakHa ? dakha : reporter;
    const report = { actuals: [{ code: "MH", value: 1 }, { code: "HGD", value: d.households }], spent: d.spent, narrative: "Mô hình được duy trì, nhân dân đồng thuận tham gia." };
    clock.advance(19 * 3_600_000);
    await dossiers.send(by, child.id, { type: "SUBMIT", data: report });
    clock.advance(2 * 3_600_000);
    if (d.accepted) await dossiers.send(drafter, child.id, { type: "ACCEPT" });
  }
  // The reminders and late marks fire when they did, on the demo's 2023 clock (only 2023 timers are due).
  const scheduler = new Scheduler({ ...services, clock, dossiers }, { batchSize: 100 });
  for (const at of ["2023-12-02T01:00:00Z", "2023-12-04T01:00:00Z", "2023-12-06T01:00:00Z"]) {
    clock.set(at);
    await scheduler.runTimers();
  }
}
