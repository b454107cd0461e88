import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/databases";
import { createTestApp, type TestApp } from "../support/harness";
import { expectInvariants } from "../support/invariants";
import { act, approvedRequest, balanceOf, fundWorld, receipt, requestData, submitRequest, type FundWorld } from "./fixtures";

type Failure = { error: { code: string; fields?: { path: string; code?: string; message: string }[]; existingEntryId?: string } };
type Entry = { id: string; kind: string; delta: number; entryDate: string; receiptNumber: string; backdateReason: string | null; note: string | null };

const DONOR = { donorName: "Công ty TNHH Sao Mai", donorPublic: "named" };
const pay = (data: Record<string, unknown>) => ({ method: "Tiền mặt", receiptNumber: `PC-${Math.random().toString(36).slice(2, 8)}`, ...data });

describe.each(databaseKinds)("ledger dates, amounts and receipt numbers (issue 15, item 3), on %s", (kind) => {
  let t: TestApp;
  let w: FundWorld;
  const entries = async () => ((await (await t.request(w.accountant, "GET", `/api/funds/${w.fundId}/entries`)).json()) as { items: Entry[] }).items;
  const postReceipt = (body: Record<string, unknown>) => t.request(w.accountant, "POST", `/api/funds/${w.fundId}/receipts`, { ...DONOR, ...body });

  beforeAll(async () => {
    // Approvals on 20/10/2026; the payouts below are recorded on 02/11/2026.
    t = await createTestApp(kind, { now: "2026-10-20T02:00:00Z" });
    w = await fundWorld(t);
    await receipt(t, w, 50_000_000);
  }, 120_000);
  afterAll(async () => t.close());

  it("refuses a payout dated in a closed month, before the approval, in the future, or backdated without a reason", async () => {
    const id = await approvedRequest(t, w, [{ fullName: "Nguyễn Văn Hai", birthYear: 1950, cccd: "062150001111", amount: 3_000_000 }]);
    t.clock.set("2026-11-02T02:00:00Z");
    // The attack of the issue: dated 2020, so that the 365-day window would miss it.
    const closed = (await act(t, w.accountant, id, "PAY", pay({ lineId: "L1", paidOn: "2020-01-01" }), 422)) as Failure;
    expect(closed.error.fields).toEqual([expect.objectContaining({ path: "/paidOn", code: "DATE_IN_CLOSED_MONTH", message: expect.stringContaining("01/10/2026") })]);
    // A reason does not open a closed month.
    await act(t, w.accountant, id, "PAY", pay({ lineId: "L1", paidOn: "2026-09-30", backdateReason: "Chi từ tháng trước nữa, nay mới ghi sổ" }), 422);
    const early = (await act(t, w.accountant, id, "PAY", pay({ lineId: "L1", paidOn: "2026-10-19", backdateReason: "Chi trước khi duyệt" }), 422)) as Failure;
    expect(early.error.fields).toEqual([expect.objectContaining({ path: "/paidOn", code: "DATE_BEFORE_APPROVAL" })]);
    const future = (await act(t, w.accountant, id, "PAY", pay({ lineId: "L1", paidOn: "2026-11-03" }), 422)) as Failure;
    expect(future.error.fields).toEqual([expect.objectContaining({ path: "/paidOn", code: "DATE_IN_FUTURE" })]);
    const silent = (await act(t, w.accountant, id, "PAY", pay({ lineId: "L1", paidOn: "2026-10-25" }), 422)) as Failure;
    expect(silent.error.fields).toEqual([expect.objectContaining({ path: "/backdateReason", code: "BACKDATE_REASON_REQUIRED" })]);
    // Nothing was written by the refused attempts.
    expect((await entries()).filter((e) => e.kind === "payout")).toEqual([]);
    // Backdated within bounds, with a reason the staff see and the public does not.
    await act(t, w.accountant, id, "PAY", pay({ lineId: "L1", paidOn: "2026-10-25", backdateReason: "Chi tại xã ngày 25/10, chứng từ về muộn" }));
    const [payout] = (await entries()).filter((e) => e.kind === "payout");
    expect(payout).toMatchObject({ entryDate: "2026-10-25", backdateReason: "Chi tại xã ngày 25/10, chứng từ về muộn", delta: -3_000_000 });
    const pub = await (await t.request(null, "GET", `/api/public/funds/${w.fundId}/ledger`)).text();
    expect(pub).not.toContain("chứng từ về muộn");
  });

  it("dates a payout sent without a date on the day it is recorded", async () => {
    const id = await approvedRequest(t, w, [{ fullName: "Trần Thị Ba", birthYear: 1960, cccd: "062160002222", amount: 1_000_000 }]);
    await act(t, w.accountant, id, "PAY", pay({ lineId: "L1" }));
    const last = (await entries()).filter((e) => e.kind === "payout").at(-1)!;
    expect(last).toMatchObject({ entryDate: "2026-11-02", backdateReason: null, delta: -1_000_000 });
  });

  it("matches a backdated payment from the day it was recorded: a year after the payment date it is still flagged", async () => {
    // Nguyễn Văn Hai was paid on 25/10/2026, recorded on 02/11/2026. On 28/10/2027 the 365-day window
    // starts on 28/10/2026: after the payment date, before the recording date.
    t.clock.set("2027-10-28T02:00:00Z");
    const again = await submitRequest(t, w, [{ fullName: "Nguyễn Văn Hai", birthYear: 1950, cccd: "062150001111", amount: 3_000_000 }]);
    const screened = (await (await t.request(w.specialist, "GET", `/api/funds/requests/${again}`)).json()) as { screening: { lineId: string; matches: { source: string; paidOn: string }[] }[] };
    expect(screened.screening[0]!.matches).toEqual([expect.objectContaining({ source: "payout", paidOn: "2026-10-25" })]);
    t.clock.set("2026-11-02T02:00:00Z");
  });

  it("refuses absurd receipts: 9007199254740991 ₫ dated 1900, over the cap, in the future, backdated without a reason", async () => {
    const before = await balanceOf(t, w);
    const attack = await postReceipt({ amount: 9_007_199_254_740_991, date: "1900-01-01", receiptNumber: "PT-ATTACK" });
    expect(attack.status).toBe(422);
    const body = (await attack.json()) as Failure;
    expect(body.error.fields).toEqual([expect.objectContaining({ path: "/amount", message: "Số tiền vượt mức tối đa 100.000.000.000 ₫ cho một bút toán" })]);
    const overCap = await postReceipt({ amount: 100_000_000_001, receiptNumber: "PT-CAP" });
    expect(overCap.status).toBe(422);
    const old = (await (await postReceipt({ amount: 1_000, date: "1900-01-01", backdateReason: "Phiếu thu cũ tìm thấy trong kho", receiptNumber: "PT-1900" })).json()) as Failure;
    expect(old.error.fields).toEqual([expect.objectContaining({ path: "/date", code: "DATE_IN_CLOSED_MONTH" })]);
    const future = (await (await postReceipt({ amount: 1_000, date: "2026-12-01", receiptNumber: "PT-FUT" })).json()) as Failure;
    expect(future.error.fields).toEqual([expect.objectContaining({ path: "/date", code: "DATE_IN_FUTURE" })]);
    const silent = (await (await postReceipt({ amount: 1_000, date: "2026-10-30", receiptNumber: "PT-LUI" })).json()) as Failure;
    expect(silent.error.fields).toEqual([expect.objectContaining({ path: "/backdateReason", code: "BACKDATE_REASON_REQUIRED" })]);
    expect(await balanceOf(t, w)).toBe(before);
    // At the cap, dated in the open previous month with a reason: accepted.
    const ok = await postReceipt({ amount: 100_000_000_000, date: "2026-10-30", backdateReason: "Tiền về tài khoản ngày 30/10", receiptNumber: "PT-LON" });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ entryDate: "2026-10-30", backdateReason: "Tiền về tài khoản ngày 30/10" });
  });

  it("records one receipt per receipt number: the same receipt again answers the first, another one is refused naming it", async () => {
    const body = { amount: 2_000_000, date: "2026-11-02", receiptNumber: "PT-0042" };
    const first = await postReceipt(body);
    const second = await postReceipt(body);
    expect([first.status, second.status]).toEqual([201, 201]);
    const firstEntry = (await first.json()) as Entry;
    expect(((await second.json()) as Entry).id).toBe(firstEntry.id);
    const other = await postReceipt({ amount: 3_000_000, date: "2026-11-02", receiptNumber: " PT-0042 " });
    expect(other.status).toBe(409);
    expect(await other.json()).toMatchObject({ error: { code: "RECEIPT_NUMBER_TAKEN", existingEntryId: firstEntry.id } });
    // Ten double-clicks at once: one entry.
    const burst = await Promise.all(Array.from({ length: 10 }, () => postReceipt({ amount: 700_000, date: "2026-11-02", receiptNumber: "PT-0043" })));
    expect(burst.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(await Promise.all(burst.map(async (r) => ((await r.json()) as Entry).id))).size).toBe(1);
    expect((await entries()).filter((e) => e.receiptNumber === "PT-0043")).toHaveLength(1);
    // A reversed receipt replaced under its own number is not a duplicate.
    const fix = await t.request(w.accountant, "POST", `/api/funds/${w.fundId}/entries/${firstEntry.id}/reverse`, { reason: "Nhập sai số tiền phiếu thu", replacement: { amount: 2_500_000 } });
    expect(fix.status).toBe(201);
  });

  it("refuses a request line over the cap, naming the field in Vietnamese", async () => {
    const res = await t.request(w.commune, "POST", "/api/instances", { workflow: "fund-disbursement", data: requestData(w, [{ fullName: "Đinh Văn Bảy", birthYear: 1966, amount: 9_007_199_254_740_991 }]) });
    expect(res.status).toBe(422);
    const body = (await res.json()) as Failure;
    expect(body.error.fields).toEqual([expect.objectContaining({ path: "/lines/0/amount", message: "Số tiền vượt mức tối đa 100.000.000.000 ₫ cho một khoản" })]);
  });

  it("keeps every invariant", async () => {
    await expectInvariants(t);
  });

  it("refuses a receipt that would take the fund's balance past 10^15 ₫", async () => {
    // Near the limit without a million receipts: the balance row is set directly (the entries no longer add up to it).
    await t.services.database.db.execute(sql`update fund_balances set balance = 999999999999000 where fund_id = ${w.fundId} and earmark = ''`);
    const res = await postReceipt({ amount: 1_001, receiptNumber: "PT-TRAN" });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ error: { code: "FUND_BALANCE_LIMIT" } });
    expect((await postReceipt({ amount: 1_000, receiptNumber: "PT-VUA" })).status).toBe(201);
  });
});
