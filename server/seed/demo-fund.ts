import { eq } from "drizzle-orm";
import { ManualClock } from "../clock";
import { funds } from "../db/schema";
import type { Services } from "../services";
import { FundLedger } from "../services/funds/ledger";
import { loadSessionUser } from "../services/session-user";
import { DEMO_UNITS as U, DEMO_USERS } from "./demo-world";

/** The Kon Tum Red Cross fund's name. */
export const DEMO_FUND_NAME = "Quỹ Trợ giúp nhân đạo tỉnh Kon Tum";

const RECEIPTS = [
  { donorName: "Công ty Cổ phần Thủy điện Đăk Psi", donorPublic: "named", amount: 150_000_000, date: "2026-08-05", receiptNumber: "PT-2026-081" },
  { donorName: "Ngân hàng TMCP Công thương — Chi nhánh Kon Tum", donorPublic: "named", amount: 80_000_000, date: "2026-09-12", receiptNumber: "PT-2026-095", earmark: "Khắc phục hậu quả bão số 5" },
  { donorName: "Ông Trần Văn Hảo", donorPublic: "anonymous", amount: 5_000_000, date: "2026-10-02", receiptNumber: "PT-2026-102" },
  { donorName: "Hội Doanh nhân trẻ tỉnh Kon Tum", donorPublic: "named", amount: 30_000_000, date: "2026-11-10", receiptNumber: "PT-2026-117" },
] as const;

/** Bà Y Hlim, paid in September and proposed again in November: the request that gets flagged. */
const Y_HLIM = { fullName: "Y Hlim", birthYear: 1941, cccd: "062141000815", category: "Người già neo đơn", circumstances: "Sống một mình, nhà tạm" };

function line(person: { fullName: string; birthYear: number; cccd?: string; category: string; circumstances?: string }, amount: number) {
  return { ...person, unitId: U.haMon, amount, purpose: "Hỗ trợ đời sống" };
}

/**
 * The fund of the provincial Red Cross with its receipts, a poverty list of another programme, and
 * requests of xã Hà Mòn in different states: paid (September), awaiting payment, in verification with a
 * beneficiary who would be paid twice and one on the poverty list, and a draft. Skipped when the fund exists.
 */
export async function seedDemoFund(services: Services): Promise<void> {
  const { db } = services.database;
  const [existing] = await db.select().from(funds).where(eq(funds.unitId, U.quyNhanDao));
  if (existing) return;
  const fund = await services.funds.create(U.quyNhanDao, DEMO_FUND_NAME);
  const user = async (key: keyof typeof DEMO_USERS) => (await loadSessionUser(db, DEMO_USERS[key].id))!;
  const [xa, chuyenvien, chutich, phochutich, ketoan] = await Promise.all([user("xaHaMon"), user("ctdChuyenVien"), user("ctdChuTich"), user("ctdPhoChuTich"), user("ctdKeToan")]);
  // Each receipt is recorded on its own day, as the accountant did (a ledger refuses backdating without a reason).
  for (const r of RECEIPTS) await new FundLedger(db, new ManualClock(`${r.date}T02:00:00Z`)).recordReceipt(ketoan, fund.id, r);
  await services.funds.importList(chuyenvien, fund.id, "cccd,programme,period\n062180004455,Chương trình MTQG giảm nghèo bền vững,2026\n062192007788,Chương trình MTQG giảm nghèo bền vững,2026\n");

  const at = (iso: string) => services.dossiers.withClock(new ManualClock(iso));
  const request = async (when: string, name: string, lines: ReturnType<typeof line>[], submit = true) => {
    const d = at(when);
    const row = await d.start(xa, "fund-disbursement", { name, fundUnit: U.quyNhanDao, purpose: "Hỗ trợ các hộ có hoàn cảnh đặc biệt khó khăn trên địa bàn xã", lines });
    if (submit) await d.send(xa, row.id, { type: "SUBMIT" });
    return row.id;
  };
  // September: paid.
  const paid = await request("2026-09-15T02:00:00Z", "Hỗ trợ người già neo đơn xã Hà Mòn tháng 9/2026", [
    line(Y_HLIM, 3_000_000),
    line({ fullName: "A Khoa", birthYear: 1952, category: "Người già neo đơn" }, 3_000_000),
  ]);
  const sept = at("2026-09-18T02:00:00Z");
  await sept.send(chuyenvien, paid, { type: "PROPOSE", data: { summary: "Đối tượng đúng diện, không trùng" } });
  await sept.send(chutich, paid, { type: "APPROVE", data: {} });
  for (const [lineId, receiptNumber] of [["L1", "PC-2026-201"], ["L2", "PC-2026-202"]] as const) {
    await at("2026-09-22T02:00:00Z").send(ketoan, paid, { type: "PAY", data: { lineId, paidOn: "2026-09-22", method: "Tiền mặt", receiptNumber } });
  }
  // October, above the threshold: approved by both leaders, waiting for the accountant.
  const flood = await request("2026-10-20T02:00:00Z", "Hỗ trợ hộ bị thiệt hại do bão số 5 xã Hà Mòn", [
    line({ fullName: "Nguyễn Văn Lực", birthYear: 1979, cccd: "062179002233", category: "Nạn nhân thiên tai", circumstances: "Nhà sập do bão" }, 12_000_000),
    line({ fullName: "Đinh Thị Hương", birthYear: 1986, cccd: "062186003344", category: "Nạn nhân thiên tai", circumstances: "Mất trắng hoa màu" }, 10_000_000),
  ]);
  const oct = at("2026-10-23T02:00:00Z");
  await oct.send(chuyenvien, flood, { type: "PROPOSE", data: { summary: "Thiệt hại đã được xác minh" } });
  await oct.send(chutich, flood, { type: "APPROVE", data: { note: "Đồng ý" } });
  await oct.send(phochutich, flood, { type: "APPROVE", data: { amounts: [{ lineId: "L2", amount: 8_000_000 }] } });
  await at("2026-10-26T02:00:00Z").send(ketoan, flood, { type: "PAY", data: { lineId: "L1", paidOn: "2026-10-26", method: "Chuyển khoản", receiptNumber: "PC-2026-240" } });
  // November, in verification: Y Hlim again (paid in September) and someone on the poverty list.
  await request("2026-11-16T02:00:00Z", "Hỗ trợ người già neo đơn xã Hà Mòn tháng 11/2026", [
    line(Y_HLIM, 3_000_000),
    line({ fullName: "Lê Văn Tám", birthYear: 1980, cccd: "062180004455", category: "Hoàn cảnh đặc biệt khó khăn" }, 2_000_000),
    line({ fullName: "Y Nhi", birthYear: 2001, category: "Phụ nữ yếu thế", circumstances: "Mẹ đơn thân, con nhỏ" }, 2_000_000),
  ]);
  // A draft the commune is still writing.
  await request("2026-11-20T02:00:00Z", "Hỗ trợ học sinh khó khăn xã Hà Mòn", [line({ fullName: "A Phiên", birthYear: 2012, category: "Trẻ em mồ côi" }, 1_500_000)], false);
}
