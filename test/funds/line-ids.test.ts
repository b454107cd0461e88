import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/databases";
import { createTestApp, type TestApp } from "../support/harness";
import { expectEveryHistoryReplays } from "../support/replay";
import { act, balanceOf, fundWorld, receipt, requestData, submitRequest, type FundWorld, type Person } from "./fixtures";

type View = { state: string; version: number; data: { lines: { lineId: string; fullName: string; payment?: unknown }[] } };
type Refusal = { error: { code: string; fields?: { path: string; code?: string; message: string }[] } };

const X: Person = { fullName: "Nguyễn Thị Xuân", birthYear: 1950, cccd: "062150001111", amount: 1_500_000 };
const Y: Person = { fullName: "Phan Văn Yên", birthYear: 1955, cccd: "062155002222", amount: 1_000 };
const Z: Person = { fullName: "Hồ Văn Zét", birthYear: 1962, cccd: "062162003333", amount: 2_000_000 };

/** Issue 15, item 1: fund lines carry server-assigned, unique ids; one id is one person everywhere. */
describe.each(databaseKinds)("fund lines have server-assigned, unique ids, on %s", (kind) => {
  let t: TestApp;
  let w: FundWorld;
  beforeAll(async () => {
    t = await createTestApp(kind, { now: "2026-11-02T02:00:00Z" });
    w = await fundWorld(t);
    await receipt(t, w, 20_000_000);
  }, 120_000);
  afterAll(async () => t.close());

  const view = async (id: string, user = w.specialist) => (await (await t.request(user, "GET", `/api/instances/${id}`)).json()) as View;
  const start = (lines: Record<string, unknown>[]) =>
    t.request(w.commune, "POST", "/api/instances", { workflow: "fund-disbursement", data: { ...requestData(w, []), lines } });
  const line = (p: Person, extra: Record<string, unknown> = {}) => ({ ...requestData(w, [p]).lines[0], ...extra });

  it("refuses two lines with one id (422 naming the field), and an id the client made up", async () => {
    const res = await start([line(X, { lineId: "L1" }), line(Y, { lineId: "L1" })]);
    expect(res.status).toBe(422);
    const body = (await res.json()) as Refusal;
    expect(body.error.code).toBe("VALIDATION_FAILED");
    expect(body.error.fields).toContainEqual(expect.objectContaining({ path: "/lines/1/lineId", code: "duplicate" }));
    expect(body.error.fields).toContainEqual(expect.objectContaining({ path: "/lines/0/lineId", code: "unknown" }));
    // Nothing was written.
    expect(((await (await t.request(w.commune, "GET", "/api/instances")).json()) as { total: number }).total).toBe(0);
  });

  it("numbers the lines itself from the start, keeps the ids of a saved draft, and numbers new lines after them", async () => {
    const res = await start([line(X), line(Y)]);
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const started = await view(id, w.commune);
    expect(started.data.lines.map((l) => [l.lineId, l.fullName])).toEqual([["L1", X.fullName], ["L2", Y.fullName]]);
    // The draft is edited: L1 dropped, L2 kept, one line added. L1 is not handed out again.
    const saved = await t.request(w.commune, "PUT", `/api/instances/${id}/draft`, { data: { ...requestData(w, []), lines: [started.data.lines[1], line(Z)] } });
    expect(saved.status, await saved.clone().text()).toBe(200);
    expect(((await saved.json()) as View).data.lines.map((l) => [l.lineId, l.fullName])).toEqual([["L2", Y.fullName], ["L3", Z.fullName]]);
    const dup = await t.request(w.commune, "PUT", `/api/instances/${id}/draft`, { data: { ...requestData(w, []), lines: [line(Y, { lineId: "L2" }), line(Z, { lineId: "L2" })] } });
    expect(dup.status).toBe(422);
    expect(((await dup.json()) as Refusal).error.fields).toContainEqual(expect.objectContaining({ path: "/lines/1/lineId", code: "duplicate" }));
    await act(t, w.commune, id, "WITHDRAW");
  });

  it("pays each line once, to its own person: X and Y both paid, a later request for X is flagged", async () => {
    const id = await submitRequest(t, w, [X, Y]);
    await act(t, w.specialist, id, "PROPOSE", { summary: "Đủ điều kiện" });
    await act(t, w.chairman, id, "APPROVE", {});
    await act(t, w.accountant, id, "PAY", { lineId: "L1", paidOn: "2026-11-02", method: "Tiền mặt", receiptNumber: "PC-X" });
    // Paying L1 marks only X's line paid; the request waits for Y.
    const after = await view(id);
    expect(after.state).toBe("payout");
    expect(after.data.lines.map((l) => [l.fullName, l.payment !== undefined])).toEqual([[X.fullName, true], [Y.fullName, false]]);
    await act(t, w.accountant, id, "PAY", { lineId: "L2", paidOn: "2026-11-02", method: "Tiền mặt", receiptNumber: "PC-Y" });
    expect((await view(id)).state).toBe("paid");
    expect(await balanceOf(t, w)).toBe(20_000_000 - X.amount - Y.amount);

    // X is in the matching table: a second request for X is flagged and cannot be proposed.
    const again = await submitRequest(t, w, [X]);
    const screening = (await (await t.request(w.specialist, "GET", `/api/funds/requests/${again}`)).json()) as { facts: { flaggedLines: number } };
    expect(screening.facts.flaggedLines).toBe(1);
    await act(t, w.specialist, again, "PROPOSE", { summary: "Đủ điều kiện" }, 422);
  });

  it("keeps the ids across a supplement: an unknown or repeated id is refused, a new line gets a fresh one", async () => {
    const id = await submitRequest(t, w, [Z]);
    await act(t, w.specialist, id, "REQUEST_SUPPLEMENT", { items: ["Bổ sung đối tượng"] });
    const base = requestData(w, []);
    const invented = await act(t, w.commune, id, "RESUBMIT", { ...base, lines: [line(Z, { lineId: "L1" }), line(Y, { lineId: "L7" })] }, 422);
    expect((invented as Refusal).error.fields).toContainEqual(expect.objectContaining({ path: "/lines/1/lineId", code: "unknown" }));
    const twice = await act(t, w.commune, id, "RESUBMIT", { ...base, lines: [line(Z, { lineId: "L1" }), line(Y, { lineId: "L1" })] }, 422);
    expect((twice as Refusal).error.fields).toContainEqual(expect.objectContaining({ path: "/lines/1/lineId", code: "duplicate" }));
    await act(t, w.commune, id, "RESUBMIT", { ...base, lines: [line(Z, { lineId: "L1" }), line({ ...Y, fullName: "Võ Thị Mới", cccd: "062170009999" })] });
    expect((await view(id)).data.lines.map((l) => l.lineId)).toEqual(["L1", "L2"]);
    expect(await expectEveryHistoryReplays(t)).toBeGreaterThan(0);
  });
});
