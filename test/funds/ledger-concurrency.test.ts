import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/databases";
import { createTestApp, type TestApp } from "../support/harness";
import { expectInvariants } from "../support/invariants";
import { act, approvedRequest, balanceOf, fundWorld, receipt, type FundWorld } from "./fixtures";

const REQUESTS = 6;

describe.each(databaseKinds)("the fund ledger under racing payouts and corrections, on %s", (kind) => {
  let t: TestApp;
  let w: FundWorld;
  let ids: string[];
  beforeAll(async () => {
    t = await createTestApp(kind, { now: "2026-11-02T02:00:00Z" });
    w = await fundWorld(t);
    await receipt(t, w, 10_000_000);
    ids = [];
    for (let i = 0; i < REQUESTS; i++) {
      ids.push(await approvedRequest(t, w, [{ fullName: `Người thứ ${i}`, birthYear: 1950 + i, cccd: `06205000${String(1000 + i)}`, amount: 4_000_000 }]));
    }
  }, 180_000);
  afterAll(async () => t.close());

  it(`${REQUESTS} payouts of 4.000.000 ₫ racing for 10.000.000 ₫: two are paid, the others refused, never below zero`, async () => {
    const answers = await Promise.all(
      ids.map((id, i) =>
        t.request(w.accountant, "POST", `/api/instances/${id}/events`, { type: "PAY", data: { lineId: "L1", paidOn: "2026-11-02", method: "Tiền mặt", receiptNumber: `PC-${i}` } }),
      ),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, ...Array(REQUESTS - 2).fill(409)]);
    for (const r of answers.filter((a) => a.status === 409)) expect(await r.json()).toMatchObject({ error: { code: "FUND_INSUFFICIENT" } });
    expect(await balanceOf(t, w)).toBe(2_000_000);
    const entries = (await (await t.request(w.accountant, "GET", `/api/funds/${w.fundId}/entries`)).json()) as { items: { delta: number }[] };
    expect(entries.items.reduce((s, e) => s + e.delta, 0)).toBe(2_000_000);
    // A refused payout left its dossier waiting for payment.
    const states = await Promise.all(ids.map(async (id) => ((await (await t.request(w.accountant, "GET", `/api/instances/${id}`)).json()) as { state: string }).state));
    expect(states.filter((s) => s === "paid")).toHaveLength(2);
    expect(states.filter((s) => s === "payout")).toHaveLength(REQUESTS - 2);
  });

  it("corrects a payout with a reversing entry and its replacement; never twice; a receipt cannot be taken back below zero", async () => {
    const before = (await (await t.request(w.accountant, "GET", `/api/funds/${w.fundId}/entries`)).json()) as { items: { id: string; kind: string; receiptNumber: string }[] };
    const payout = before.items.find((e) => e.kind === "payout")!;
    const corrected = await t.request(w.accountant, "POST", `/api/funds/${w.fundId}/entries/${payout.id}/reverse`, {
      reason: "Ghi sai số phiếu chi và ngày chi",
      replacement: { amount: 4_000_000, date: "2026-11-02", receiptNumber: "PC-100" },
    });
    expect(corrected.status).toBe(201);
    const body = (await corrected.json()) as { reversal: { delta: number; reversesId: string; kind: string }; replacement: { delta: number } };
    expect(body.reversal).toMatchObject({ kind: "reversal", delta: 4_000_000, reversesId: payout.id });
    expect(body.replacement.delta).toBe(-4_000_000);
    expect(await balanceOf(t, w)).toBe(2_000_000);
    const again = await t.request(w.accountant, "POST", `/api/funds/${w.fundId}/entries/${payout.id}/reverse`, { reason: "Đảo lần thứ hai cho chắc" });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: "ENTRY_ALREADY_REVERSED" } });
    // The public ledger shows the correction as a reversing entry of PC-…
    const pub = (await (await t.request(null, "GET", `/api/public/funds/${w.fundId}/ledger?month=2026-11`)).json()) as { entries: { kind: string; reverses: string | null; amount: number }[]; totals: { payouts: number } };
    expect(pub.entries.filter((e) => e.kind === "reversal")).toEqual([expect.objectContaining({ reverses: payout.receiptNumber, amount: 4_000_000 })]);
    expect(pub.totals.payouts).toBe(8_000_000);
    // Taking back the 10.000.000 ₫ receipt would leave the fund below zero.
    const receiptEntry = before.items.find((e) => e.kind === "receipt")!;
    const refused = await t.request(w.accountant, "POST", `/api/funds/${w.fundId}/entries/${receiptEntry.id}/reverse`, { reason: "Nhập nhầm phiếu thu" });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: "FUND_INSUFFICIENT" } });
    // Only the fund's accountant writes to the ledger.
    expect((await t.request(w.specialist, "POST", `/api/funds/${w.fundId}/receipts`, { donorName: "A", donorPublic: "named", amount: 1, date: "2026-11-02", receiptNumber: "X" })).status).toBe(403);
  });

  it("keeps every invariant after the races and corrections: no balance below zero, each equal to its entries", async () => {
    await expectInvariants(t);
  });
});
