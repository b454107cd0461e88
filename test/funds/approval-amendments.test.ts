import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/databases";
import { createTestApp, type TestApp } from "../support/harness";
import { act, balanceOf, fundWorld, receipt, submitRequest, type FundWorld } from "./fixtures";

type View = {
  state: string;
  availableEvents: { type: string }[];
  data: { lines: { lineId: string; amount: number; approvedAmount?: number }[] };
  history: { type: string; data: unknown }[];
};
type Refusal = { code: string; fields: { path: string; code: string; message: string }[] };

/** Issue 17, item 4: a leader's amounts are applied as asked, or refused; never recorded but not paid. */
describe.each(databaseKinds)("a leader's amendments to a fund request on %s", (kind) => {
  let t: TestApp;
  let w: FundWorld;
  beforeAll(async () => {
    t = await createTestApp(kind, { now: "2026-11-23T02:00:00Z" });
    w = await fundWorld(t);
    await receipt(t, w, 100_000_000);
  }, 120_000);
  afterAll(async () => t.close());

  const view = async (id: string) => (await (await t.request(w.chairman, "GET", `/api/instances/${id}`)).json()) as View;

  let requests = 0;
  /** A request with people no other request names (so none is flagged), proposed to the leader. */
  async function proposed(amounts: number[]): Promise<string> {
    const n = requests++;
    const id = await submitRequest(t, w, amounts.map((amount, i) => ({ fullName: `Người ${"ABCDEFGH"[n]}${"KLMN"[i]}`, birthYear: 1940 + 3 * n + i, amount })));
    await act(t, w.specialist, id, "PROPOSE", { summary: "Đủ điều kiện" });
    return id;
  }

  it.each([
    ["a raise", [{ lineId: "L1", amount: 6_000_000 }], "/amounts/0/amount", "raised"],
    ["an unknown line", [{ lineId: "L9", amount: 1_000_000 }], "/amounts/0/lineId", "unknown"],
    ["a line named twice", [{ lineId: "L1", amount: 4_000_000 }, { lineId: "L1", amount: 3_000_000 }], "/amounts/1/lineId", "duplicate"],
    ["a raise beside a lowering", [{ lineId: "L2", amount: 1_000_000 }, { lineId: "L1", amount: 5_000_000 }], "/amounts/1/amount", "raised"],
  ])("refuses %s (422 naming the field) and writes nothing", async (_what, amounts, path, code) => {
    const id = await proposed([4_999_999, 2_000_000]);
    const before = await view(id);
    const refusal = ((await act(t, w.chairman, id, "APPROVE", { amounts }, 422)) as { error: Refusal }).error;
    expect(refusal.code).toBe("VALIDATION_FAILED");
    expect(refusal.fields).toEqual([expect.objectContaining({ path, code })]);
    expect(refusal.fields[0]!.message).toMatch(/dòng L[0-9]/i);
    const after = await view(id);
    expect(after.state).toBe(before.state);
    expect(after.history).toEqual(before.history);
    expect(after.data.lines.map((l) => l.approvedAmount)).toEqual([undefined, undefined]);
    expect(after.availableEvents.map((e) => e.type)).toContain("APPROVE");
  });

  it("says in the raise's message the most the line may be", async () => {
    const id = await proposed([4_999_999]);
    const refusal = ((await act(t, w.chairman, id, "APPROVE", { amounts: [{ lineId: "L1", amount: 6_000_000 }] }, 422)) as { error: Refusal }).error;
    expect(refusal.fields[0]!.message).toContain("4.999.999");
  });

  it("applies a lowering as asked: the history's amount is the one paid", async () => {
    const id = await proposed([4_999_999, 2_000_000]);
    const balance = await balanceOf(t, w);
    await act(t, w.chairman, id, "APPROVE", { amounts: [{ lineId: "L1", amount: 4_000_000 }, { lineId: "L2", amount: 2_000_000 }] });
    const approved = await view(id);
    expect(approved.data.lines.map((l) => l.approvedAmount)).toEqual([4_000_000, 2_000_000]);
    expect(approved.history.at(-1)).toMatchObject({ type: "APPROVE", data: { amounts: [{ lineId: "L1", amount: 4_000_000 }, { lineId: "L2", amount: 2_000_000 }] } });
    await act(t, w.accountant, id, "PAY", { lineId: "L1", method: "Tiền mặt", receiptNumber: "PC-L1" });
    expect(await balanceOf(t, w)).toBe(balance - 4_000_000);
  });
});
