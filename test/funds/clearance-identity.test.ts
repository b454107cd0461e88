import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/databases";
import { createTestApp, type TestApp } from "../support/harness";
import { expectEveryHistoryReplays } from "../support/replay";
import { act, approvedRequest, balanceOf, fundWorld, receipt, requestData, submitRequest, type FundWorld, type Person } from "./fixtures";

type Screening = { screening: { lineId: string; matches: { source: string; by: string }[]; cleared: unknown }[]; facts: { unclearedFlags: number } };

const Y_HLIM: Person = { fullName: "Y Hlim", birthYear: 1941, amount: 2_000_000 };
const PAID_PERSON: Person = { fullName: "Đinh Văn Đã", birthYear: 1950, cccd: "062150007777", amount: 3_000_000 };
const REASON = "Đã xác minh: hộ bị thiệt hại mới do bão số 5";

/** Issue 15, item 2: a clearance is bound to the person and amount it was given for. */
describe.each(databaseKinds)("a cleared flag follows the person, not the line id, on %s", (kind) => {
  let t: TestApp;
  let w: FundWorld;
  beforeAll(async () => {
    t = await createTestApp(kind, { now: "2026-11-02T02:00:00Z" });
    w = await fundWorld(t);
    await receipt(t, w, 50_000_000);
    // Y Hlim (no CCCD) and Đinh Văn Đã were paid by earlier requests.
    for (const [p, n] of [[Y_HLIM, "PC-1"], [PAID_PERSON, "PC-2"]] as const) {
      const id = await approvedRequest(t, w, [p]);
      await act(t, w.accountant, id, "PAY", { lineId: "L1", paidOn: "2026-11-02", method: "Tiền mặt", receiptNumber: n });
    }
  }, 120_000);
  afterAll(async () => t.close());

  const screen = async (id: string) => (await (await t.request(w.specialist, "GET", `/api/funds/requests/${id}`)).json()) as Screening;

  /** A request for Y Hlim, flagged, cleared with a reason, then sent back for a supplement. */
  async function clearedThenSupplement(): Promise<string> {
    const id = await submitRequest(t, w, [Y_HLIM]);
    expect((await screen(id)).facts.unclearedFlags).toBe(1);
    await act(t, w.specialist, id, "CLEAR_FLAG", { lineId: "L1", reason: REASON });
    expect((await screen(id)).facts.unclearedFlags).toBe(0);
    await act(t, w.specialist, id, "REQUEST_SUPPLEMENT", { items: ["Bổ sung giấy xác nhận"] });
    return id;
  }

  it("drops the clearance when a supplement moves the request to another fund: that fund's specialist has not cleared it", async () => {
    const id = await clearedThenSupplement();
    // Another fund of the province, with its own specialist.
    const otherUnit = await t.unit({ kind: "fund", name: "Quỹ Bảo trợ trẻ em tỉnh Kon Tum" });
    await t.services.funds.create(otherUnit.id, "Quỹ Bảo trợ trẻ em tỉnh Kon Tum");
    const otherSpecialist = await t.user({ grants: [{ role: "specialist", unitId: otherUnit.id }] });
    const line = { ...requestData(w, [Y_HLIM]).lines[0], lineId: "L1" };
    await act(t, w.commune, id, "RESUBMIT", { ...requestData(w, []), fundUnit: otherUnit.id, lines: [line] });
    const res = await t.request(otherSpecialist, "GET", `/api/funds/requests/${id}`);
    expect(res.status).toBe(200);
    const after = (await res.json()) as Screening;
    expect(after.screening[0]).toMatchObject({ lineId: "L1", cleared: null });
    expect(JSON.stringify(after)).not.toContain(REASON);
    // Dropped, not hidden: moved back, the first fund's specialist judges the line again.
    await act(t, otherSpecialist, id, "REQUEST_SUPPLEMENT", { items: ["Gửi lại đúng quỹ"] });
    await act(t, w.commune, id, "RESUBMIT", { ...requestData(w, []), lines: [line] });
    expect((await screen(id)).screening[0]).toMatchObject({ lineId: "L1", cleared: null });
    expect(await expectEveryHistoryReplays(t)).toBeGreaterThan(0);
  });

  it("drops the clearance when the line is resubmitted as another, already paid person: refused, never paid twice", async () => {
    const id = await clearedThenSupplement();
    const other = { ...requestData(w, [PAID_PERSON]).lines[0], lineId: "L1" };
    await act(t, w.commune, id, "RESUBMIT", { ...requestData(w, []), lines: [other] });
    const after = await screen(id);
    expect(after.screening[0]).toMatchObject({ lineId: "L1", matches: [{ source: "payout", by: "cccd" }], cleared: null });
    expect(after.facts.unclearedFlags).toBe(1);
    const refused = await act(t, w.specialist, id, "PROPOSE", { summary: "Trình duyệt" }, 422);
    expect(refused).toMatchObject({ error: { code: "CONDITION_FAILED" } });
    const balance = await balanceOf(t, w);
    expect(balance).toBe(50_000_000 - Y_HLIM.amount - PAID_PERSON.amount);
  });

  it("drops the clearance when the amount changes, keeps it when the line comes back unchanged", async () => {
    const raised = await clearedThenSupplement();
    await act(t, w.commune, raised, "RESUBMIT", { ...requestData(w, [{ ...Y_HLIM, amount: 9_000_000 }]), lines: [{ ...requestData(w, [{ ...Y_HLIM, amount: 9_000_000 }]).lines[0], lineId: "L1" }] });
    expect((await screen(raised)).facts.unclearedFlags).toBe(1);

    const same = await clearedThenSupplement();
    await act(t, w.commune, same, "RESUBMIT", { ...requestData(w, []), lines: [{ ...requestData(w, [Y_HLIM]).lines[0], lineId: "L1" }] });
    expect((await screen(same)).facts.unclearedFlags).toBe(0);
    await act(t, w.specialist, same, "PROPOSE", { summary: "Đủ điều kiện" });
    expect(await expectEveryHistoryReplays(t)).toBeGreaterThan(0);
  });
});
