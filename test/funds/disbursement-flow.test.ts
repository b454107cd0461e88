import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { instances } from "../../server/db/schema";
import { databaseKinds } from "../support/databases";
import { createTestApp, type TestApp } from "../support/harness";
import { expectEveryHistoryReplays } from "../support/replay";
import { act, approvedRequest, balanceOf, fundWorld, receipt, requestData, type FundWorld, type Person } from "./fixtures";

type View = { state: string; activeStates: string[]; availableEvents: { type: string }[]; data: { lines: { lineId: string; fullName: string; approvedAmount?: number }[] } };
type Screening = { lineId: string; matches: { source: string; dossierCode?: string; programme?: string; by: string }[]; cleared: unknown }[];

const PAID_BEFORE: Person = { fullName: "Nguyễn Văn An", birthYear: 1948, cccd: "062048001234", amount: 6_000_000 };
const ON_POVERTY_LIST: Person = { fullName: "Y Blông", birthYear: 1975, cccd: "062175004321", amount: 6_000_000 };
const OTHERS: Person[] = [
  { fullName: "Trần Thị Bình", birthYear: 1960, cccd: "062160007777", amount: 6_000_000 },
  { fullName: "A Thuận", birthYear: 1990, amount: 6_000_000 },
  { fullName: "Lê Thị Hoa", birthYear: 1985, cccd: "062185005555", amount: 6_000_000 },
];

describe.each(databaseKinds)("a humanitarian fund disbursement, end to end, on %s", (kind) => {
  let t: TestApp;
  let w: FundWorld;
  let earlierId: string;
  beforeAll(async () => {
    t = await createTestApp(kind, { now: "2026-09-20T02:00:00Z" });
    w = await fundWorld(t);
    await receipt(t, w, 100_000_000);
    await receipt(t, w, 20_000_000, { donorName: "Bà Phạm Thị Kín", donorPublic: "anonymous", receiptNumber: "PT-KIN" });
    // Two months ago Nguyễn Văn An was paid by another request.
    earlierId = await approvedRequest(t, w, [{ ...PAID_BEFORE, amount: 5_000_000 }]);
    await act(t, w.accountant, earlierId, "PAY", { lineId: "L1", method: "Tiền mặt", receiptNumber: "PC-001" });
    t.clock.set("2026-11-23T02:00:00Z");
  }, 120_000);
  afterAll(async () => t.close());

  const view = async (id: string, user = w.specialist) => (await (await t.request(user, "GET", `/api/instances/${id}`)).json()) as View;

  it("imports a poverty list, reporting the rows it refused", async () => {
    const csv = "cccd,programme,period\n062175004321,Giảm nghèo bền vững,2026\n12345,Giảm nghèo bền vững,2026\n062160009999,,2026\n062160008888,Giảm nghèo,2026-13\n";
    const res = await t.request(w.specialist, "POST", `/api/funds/${w.fundId}/programme-lists`, csv, { "content-type": "text/csv" });
    const report = (await res.json()) as { accepted: number; rejected: { line: number; cccd: string | null }[] };
    expect(res.status).toBe(201);
    expect(report.accepted).toBe(1);
    expect(report.rejected.map((r) => r.line)).toEqual([3, 4, 5]);
  });

  it("flags, clears, removes, needs two leaders above the threshold, pays, and publishes nothing personal", async () => {
    const started = await t.request(w.commune, "POST", "/api/instances", {
      workflow: "fund-disbursement",
      data: requestData(w, [PAID_BEFORE, ON_POVERTY_LIST, ...OTHERS]),
    });
    const { id } = (await started.json()) as { id: string };
    await act(t, w.commune, id, "SUBMIT");

    // Verification: both matches flagged, with the earlier dossier and the programme.
    const request = (await (await t.request(w.specialist, "GET", `/api/funds/requests/${id}`)).json()) as { screening: Screening; facts: { unclearedFlags: number }; lines: { lineId: string; fullName: string; unitName: string | null; amount: number }[] };
    // One screen per request (issue 19): each line with its name, place and amount, so no line id is typed.
    expect(request.lines.map((l) => [l.lineId, l.fullName, l.unitName, l.amount])).toEqual(
      [PAID_BEFORE, ON_POVERTY_LIST, ...OTHERS].map((p, i) => [`L${i + 1}`, p.fullName, "Xã Đăk Kan", p.amount]),
    );
    const flagged = request.screening.filter((l) => l.matches.length > 0);
    expect(flagged.map((l) => l.lineId)).toEqual(["L1", "L2"]);
    const earlierCode = ((await (await t.request(w.specialist, "GET", `/api/instances/${earlierId}`)).json()) as { code: string }).code;
    expect(flagged[0]!.matches).toMatchObject([{ source: "payout", dossierCode: earlierCode, by: "cccd" }]);
    expect(flagged[1]!.matches).toMatchObject([{ source: "programme", programme: "Giảm nghèo bền vững", by: "cccd" }]);
    expect(request.facts.unclearedFlags).toBe(2);
    // The commune that asked does not see other programmes' lists.
    expect((await t.request(w.commune, "GET", `/api/funds/requests/${id}`)).status).toBe(404);

    // PROPOSE is refused and not offered while a flag stands.
    expect((await view(id)).availableEvents.map((e) => e.type)).not.toContain("PROPOSE");
    const refused = await act(t, w.specialist, id, "PROPOSE", { summary: "Trình duyệt" }, 422);
    expect(refused).toMatchObject({ error: { code: "CONDITION_FAILED" } });
    // A forged fact changes nothing.
    await act(t, w.specialist, id, "PROPOSE", { summary: "Trình duyệt", $server: { unclearedFlags: 0 } }, 422);

    await act(t, w.specialist, id, "CLEAR_FLAG", { lineId: "L2", reason: "Hộ nghèo nhưng bị thiệt hại do bão số 5, cần hỗ trợ khẩn cấp" });
    expect((await view(id)).availableEvents.map((e) => e.type)).not.toContain("PROPOSE");
    await act(t, w.specialist, id, "REMOVE_LINE", { lineId: "L1", reason: "Đã được Quỹ hỗ trợ tháng 9/2026" });
    // The facts are stored with the step as it leaves the request (issue 16): views read them, not a new screening.
    const [stored] = await t.services.database.db.select({ facts: instances.facts }).from(instances).where(eq(instances.id, id));
    expect(stored!.facts).toMatchObject({ unclearedFlags: 0 });
    expect((await view(id)).availableEvents.map((e) => e.type)).toContain("PROPOSE");
    await act(t, w.specialist, id, "PROPOSE", { summary: "Đủ điều kiện, trình lãnh đạo Quỹ" });

    // 4 × 6.000.000 ₫ = 24.000.000 ₫ > 20.000.000 ₫: two leaders.
    expect((await view(id)).activeStates.sort()).toEqual(["awaitingFirstLeader", "awaitingSecondLeader"]);
    // A raise is refused, not capped in silence (issue 17): nothing is signed.
    await act(t, w.chairman, id, "APPROVE", { amounts: [{ lineId: "L3", amount: 4_000_000 }, { lineId: "L4", amount: 9_000_000 }], note: "Giảm mức hỗ trợ bà Bình" }, 422);
    await act(t, w.chairman, id, "APPROVE", { amounts: [{ lineId: "L3", amount: 4_000_000 }], note: "Giảm mức hỗ trợ bà Bình" });
    expect((await view(id, w.chairman)).availableEvents.map((e) => e.type)).not.toContain("APPROVE");
    await act(t, w.chairman, id, "APPROVE", {}, 422);
    expect((await view(id)).activeStates.sort()).toEqual(["awaitingSecondLeader", "firstLeaderSigned"]);
    await act(t, w.viceChairman, id, "APPROVE", {});
    const approved = await view(id);
    expect(approved.state).toBe("payout");
    // Lowered, never raised.
    expect(approved.data.lines.map((l) => [l.lineId, l.approvedAmount])).toEqual([["L2", 6_000_000], ["L3", 4_000_000], ["L4", 6_000_000], ["L5", 6_000_000]]);

    for (const [i, line] of approved.data.lines.entries()) {
      await act(t, w.accountant, id, "PAY", { lineId: line.lineId, paidOn: "2026-11-23", method: "Chuyển khoản", receiptNumber: `PC-1${i}` });
    }
    await act(t, w.accountant, id, "PAY", { lineId: "L2", paidOn: "2026-11-23", method: "Tiền mặt", receiptNumber: "PC-X" }, 409);
    expect((await view(id)).state).toBe("paid");

    // The ledger: receipts minus payouts.
    expect(await balanceOf(t, w)).toBe(120_000_000 - 5_000_000 - 22_000_000);

    // The public ledger: no login, month by month, nothing personal.
    const pub = await t.request(null, "GET", `/api/public/funds/${w.fundId}/ledger`);
    expect(pub.status).toBe(200);
    const ledger = (await pub.json()) as { balance: number; totals: { receipts: number; payouts: number }; months: { month: string; receipts: number; payouts: number; closingBalance: number }[]; entries: { donor: string | null; beneficiary: string | null }[] };
    expect(ledger.balance).toBe(93_000_000);
    expect(ledger.totals).toEqual({ receipts: 120_000_000, payouts: 27_000_000 });
    expect(ledger.months).toEqual([
      { month: "2026-09", receipts: 120_000_000, payouts: 5_000_000, closingBalance: 115_000_000 },
      { month: "2026-11", receipts: 0, payouts: 22_000_000, closingBalance: 93_000_000 },
    ]);
    expect(ledger.entries.map((e) => e.beneficiary).filter(Boolean)).toEqual([
      "Nguyễn V. A. — xã Đăk Kan",
      "Y B. — xã Đăk Kan",
      "Trần T. B. — xã Đăk Kan",
      "A T. — xã Đăk Kan",
      "Lê T. H. — xã Đăk Kan",
    ]);
    expect(ledger.entries.map((e) => e.donor).filter(Boolean)).toEqual(["Công ty TNHH Sao Mai", "Nhà hảo tâm (ẩn danh)"]);
    const csv = await (await t.request(null, "GET", `/api/public/funds/${w.fundId}/ledger.csv?month=2026-11`)).text();
    expect(csv.split("\r\n").filter(Boolean)).toHaveLength(1 + 4);
    for (const text of [JSON.stringify(ledger), csv, JSON.stringify(await (await t.request(null, "GET", "/api/public/funds")).json())]) {
      for (const p of [PAID_BEFORE, ON_POVERTY_LIST, ...OTHERS]) {
        if (p.cccd) expect(text).not.toContain(p.cccd);
        expect(text).not.toContain(p.fullName === "A Thuận" ? "A Thuận —" : p.fullName);
      }
      expect(text).not.toContain("Phạm Thị Kín");
    }
    expect(await expectEveryHistoryReplays(t)).toBe(2);
  });
});
