import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatVnd } from "../../forms";
import { databaseKinds } from "../support/databases";
import { createTestApp, type TestApp } from "../support/harness";
import { expectInvariants } from "../support/invariants";
import { act, balanceOf, fundWorld, receipt, requestData, submitRequest, type FundWorld, type Person } from "./fixtures";

const Y_BOI: Person = { fullName: "Y Bơi", birthYear: 1961, cccd: "062061000777", amount: 3_000_000 };
const A_THUAN: Person = { fullName: "A Thuận", birthYear: 1958, cccd: "062058000888", amount: 3_000_000 };

const FLOOD = "Lũ quét tháng 10/2026";

/** A request paid from an earmarked part of the fund. */
async function earmarkedRequest(t: TestApp, w: FundWorld, person: Person, earmark: string): Promise<string> {
  const res = await t.request(w.commune, "POST", "/api/instances", { workflow: "fund-disbursement", data: { ...requestData(w, [person]), earmark } });
  const { id } = (await res.json()) as { id: string };
  expect(res.status).toBe(201);
  await act(t, w.commune, id, "SUBMIT");
  return id;
}

/**
 * Two requests for one person, both verified before either was approved: the check at verification
 * flags neither. With `earmark`, the second is paid from that earmark (another balance row).
 */
async function twinRequests(t: TestApp, w: FundWorld, person: Person, earmark?: string): Promise<[string, string]> {
  const a = await submitRequest(t, w, [person]);
  const b = earmark ? await earmarkedRequest(t, w, person, earmark) : await submitRequest(t, w, [person]);
  for (const id of [a, b]) await act(t, w.specialist, id, "PROPOSE", { summary: "Đủ điều kiện" });
  for (const id of [a, b]) await act(t, w.chairman, id, "APPROVE", {});
  return [a, b];
}

const pay = (t: TestApp, w: FundWorld, id: string, receiptNumber: string) =>
  t.request(w.accountant, "POST", `/api/instances/${id}/events`, { type: "PAY", data: { lineId: "L1", paidOn: "2026-11-02", method: "Tiền mặt", receiptNumber } });

describe.each(databaseKinds)("one person is never paid twice, even by two requests verified at once, on %s", (kind) => {
  let t: TestApp;
  let w: FundWorld;
  beforeAll(async () => {
    t = await createTestApp(kind, { now: "2026-11-02T02:00:00Z" });
    w = await fundWorld(t);
    await receipt(t, w, 20_000_000);
  }, 120_000);
  afterAll(async () => t.close());

  it("refuses the second payout with 409 BENEFICIARY_ALREADY_PAID naming the first dossier; the request waits", async () => {
    const [a, b] = await twinRequests(t, w, Y_BOI);
    expect((await pay(t, w, a, "PC-1")).status).toBe(200);
    const refused = await pay(t, w, b, "PC-2");
    expect(refused.status).toBe(409);
    const body = (await refused.json()) as { error: { code: string; message: string; dossierCode: string } };
    const first = (await (await t.request(w.accountant, "GET", `/api/instances/${a}`)).json()) as { code: string };
    expect(body.error).toMatchObject({ code: "BENEFICIARY_ALREADY_PAID", dossierCode: first.code });
    expect(body.error.message).toContain(`Y Bơi đã được chi trả ${formatVnd(3_000_000)} ở hồ sơ ${first.code} ngày 02/11/2026`);
    expect(await balanceOf(t, w)).toBe(17_000_000);
    const second = (await (await t.request(w.accountant, "GET", `/api/instances/${b}`)).json()) as { state: string };
    expect(second.state).toBe("payout");
  });

  it("lets exactly one of two racing payouts for the same person through, even from different earmarks", async () => {
    await receipt(t, w, 5_000_000, { earmark: FLOOD, receiptNumber: "PT-LU" });
    const [a, b] = await twinRequests(t, w, A_THUAN, FLOOD);
    const answers = await Promise.all([pay(t, w, a, "PC-3"), pay(t, w, b, "PC-4")]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = answers.find((r) => r.status === 409)!;
    expect(await loser.json()).toMatchObject({ error: { code: "BENEFICIARY_ALREADY_PAID" } });
    // 20.000.000 ₫ + 5.000.000 ₫ earmarked, less the first test's payout and this race's one winner.
    expect(await balanceOf(t, w)).toBe(19_000_000);
    await expectInvariants(t);
  });
});
