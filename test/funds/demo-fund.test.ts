import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/databases";
import { createDemoApp, type DemoApp } from "../support/demo";
import { expectEveryHistoryReplays } from "../support/replay";

describe.each(databaseKinds)("the Red Cross fund demo, on %s", (kind) => {
  let t: DemoApp;
  beforeAll(async () => {
    t = await createDemoApp(kind);
  }, 120_000);
  afterAll(async () => t.close());

  it("has receipts, requests in different states, and flags the beneficiary who would be paid twice", async () => {
    const ketoan = await t.as("ctdKeToan");
    const [fund] = ((await (await t.request(ketoan, "GET", "/api/funds")).json()) as { items: { id: string; balances: { total: number } }[] }).items;
    // 265.000.000 ₫ received; 6.000.000 ₫ paid in September, 12.000.000 ₫ in October.
    expect(fund!.balances.total).toBe(265_000_000 - 6_000_000 - 12_000_000);
    const chuyenvien = await t.as("ctdChuyenVien");
    const list = (await (await t.request(chuyenvien, "GET", "/api/instances?workflow=fund-disbursement")).json()) as { items: { id: string; state: string }[] };
    expect(list.items.map((i) => i.state).sort()).toEqual(["paid", "payout", "verification"]);
    const pending = list.items.find((i) => i.state === "verification")!;
    const request = (await (await t.request(chuyenvien, "GET", `/api/funds/requests/${pending.id}`)).json()) as { screening: { lineId: string; matches: { source: string }[] }[] };
    expect(request.screening.map((l) => [l.lineId, l.matches.map((m) => m.source)])).toEqual([["L1", ["payout"]], ["L2", ["programme"]], ["L3", []]]);
    const xa = await t.as("xaHaMon");
    const mine = (await (await t.request(xa, "GET", "/api/instances?workflow=fund-disbursement")).json()) as { items: { state: string }[] };
    expect(mine.items.map((i) => i.state)).toContain("draft");
    const pub = (await (await t.request(null, "GET", `/api/public/funds/${fund!.id}/ledger`)).json()) as { balance: number; months: { month: string }[] };
    expect(pub.balance).toBe(247_000_000);
    expect(pub.months.map((m) => m.month)).toEqual(["2026-08", "2026-09", "2026-10", "2026-11"]);
    expect(await expectEveryHistoryReplays(t)).toBeGreaterThan(5);
    const doc = (await (await t.request(null, "GET", "/api/openapi.json")).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/public/funds/{id}/ledger", "/api/funds/{id}/receipts", "/api/funds/requests/{id}"]));
  });
});
