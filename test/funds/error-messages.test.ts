/**
 * Issue 17, item 5: a refusal says what is expected, in Vietnamese: a receipt's negative amount and
 * its date written the Vietnamese way, a form date sent as dd/mm/yyyy or a day not in the calendar.
 * Nothing is written by any of them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/databases";
import { createTestApp, type TestApp } from "../support/harness";
import { planData, planWorld } from "../plans/fixtures";
import { balanceOf, fundWorld, receipt, type FundWorld } from "./fixtures";

type Failure = { error: { code: string; fields: { path: string; message: string; messageEn?: string }[] } };

describe.each(databaseKinds)("error messages say what is expected, on %s", (kind) => {
  let t: TestApp;
  let w: FundWorld;
  beforeAll(async () => {
    t = await createTestApp(kind, { now: "2026-12-04T02:00:00Z" });
    w = await fundWorld(t);
    await receipt(t, w, 5_000_000);
  }, 120_000);
  afterAll(async () => t.close());

  const refused = async (res: Response) => {
    const body = (await res.json()) as Failure;
    expect(res.status, JSON.stringify(body)).toBe(422);
    return body.error.fields.map((f) => [f.path, f.message]);
  };
  const postReceipt = (body: Record<string, unknown>) =>
    t.request(w.accountant, "POST", `/api/funds/${w.fundId}/receipts`, { donorName: "Bà Lê Thị Thu", donorPublic: "named", receiptNumber: "PT-MSG", ...body });

  it("a receipt's negative or zero amount, and its date as 04/12/2026, each get their own message", async () => {
    const before = await balanceOf(t, w);
    const negative = "Số tiền phải lớn hơn 0 ₫; muốn sửa một bút toán đã ghi, hãy đảo bút toán đó, không ghi số âm";
    expect(await refused(await postReceipt({ amount: -2_000_000 }))).toEqual([["/amount", negative]]);
    expect(await refused(await postReceipt({ amount: 0 }))).toEqual([["/amount", negative]]);
    expect(await refused(await postReceipt({ amount: 2_000_000, date: "04/12/2026" }))).toEqual([["/date", "Ngày phải là ngày có thật, viết theo dạng YYYY-MM-DD (ví dụ 2026-12-04)"]]);
    expect(await refused(await postReceipt({ amount: 2_000_000, receiptNumber: "" }))).toEqual([["/receiptNumber", "Trường này không được để trống"]]);
    expect(await refused(await postReceipt({ amount: "2.000.000" }))).toEqual([["/amount", "Cần một số"]]);
    expect(await balanceOf(t, w)).toBe(before);
  });

  it("a form date sent as dd/mm/yyyy is told the YYYY-MM-DD it should be; a day not in the calendar is named", async () => {
    const world = await planWorld(t, 1);
    const start = (over: Record<string, unknown>) => t.request(world.drafter, "POST", "/api/instances", { workflow: "plan", data: planData(world, over) });
    expect(await refused(await start({ reportDeadline: "04/12/2026" }))).toEqual([["/reportDeadline", "Ngày gửi theo dạng YYYY-MM-DD: 04/12/2026 viết là 2026-12-04"]]);
    expect(await refused(await start({ reportDeadline: "2026-02-30" }))).toEqual([["/reportDeadline", "Ngày 2026-02-30 không có trong lịch"]]);
    expect(await refused(await start({ reportDeadline: "mai" }))).toEqual([
      ["/reportDeadline", "Ngày không hợp lệ: nhập dd/mm/yyyy (ví dụ 04/12/2026); qua API gửi YYYY-MM-DD (2026-12-04)"],
    ]);
    const plans = (await (await t.request(world.drafter, "GET", "/api/instances?workflow=plan")).json()) as { items: unknown[] };
    expect(plans.items).toEqual([]);
  });
});
