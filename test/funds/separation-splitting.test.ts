import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/databases";
import { createTestApp, type TestApp, type TestUser } from "../support/harness";
import { act, fundWorld, receipt, requestData, submitRequest, type FundWorld, type Person } from "./fixtures";

type Screening = { screening: { lineId: string; matches: { source: string; dossierCode?: string; lineId?: string }[] }[]; facts: { unclearedFlags: number } };

/** Issue 15, item 4 (fund part) and threshold splitting. */
describe.each(databaseKinds)("no one decides on his own benefit, and splitting is flagged, on %s", (kind) => {
  let t: TestApp;
  let w: FundWorld;
  let leader: TestUser;
  beforeAll(async () => {
    t = await createTestApp(kind, { now: "2026-11-02T02:00:00Z" });
    w = await fundWorld(t);
    await receipt(t, w, 100_000_000);
    leader = await t.user({ displayName: "Phạm Văn Quỹ (Chủ tịch Quỹ)", grants: [{ role: "leader", unitId: w.fundUnit }] });
  }, 120_000);
  afterAll(async () => t.close());

  const screen = async (id: string) => (await (await t.request(w.specialist, "GET", `/api/funds/requests/${id}`)).json()) as Screening;

  it("refuses the approval of a leader named as a beneficiary (403); another leader approves", async () => {
    const himself: Person = { fullName: "Phạm Văn Quỹ", birthYear: 1970, amount: 15_000_000 };
    const id = await submitRequest(t, w, [himself]);
    await act(t, w.specialist, id, "PROPOSE", { summary: "Đủ điều kiện" });
    const refused = await act(t, leader, id, "APPROVE", {}, 403);
    expect(refused).toMatchObject({ error: { code: "BENEFICIARY_CANNOT_DECIDE", lineId: "L1" } });
    await act(t, leader, id, "REJECT", { reasons: "Không đủ điều kiện", legalBasis: "Quy chế Quỹ" }, 403);
    const view = (await (await t.request(w.specialist, "GET", `/api/instances/${id}`)).json()) as { state: string };
    expect(view.state).toBe("singleApproval");
    await act(t, w.chairman, id, "APPROVE", {});
  });

  it("as the issue saw it: a leader files 15.000.000 ₫ for himself and cannot approve it", async () => {
    const res = await t.request(leader, "POST", "/api/instances", {
      workflow: "fund-disbursement",
      data: { ...requestData(w, [{ fullName: "Phạm Văn Quỹ", birthYear: 1971, amount: 15_000_000 }]), name: "Hỗ trợ cán bộ Quỹ" },
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    await act(t, leader, id, "SUBMIT");
    await act(t, w.specialist, id, "PROPOSE", { summary: "Đủ điều kiện" });
    // 403 whichever rule speaks first (the starter's or the beneficiary's).
    await act(t, leader, id, "APPROVE", {}, 403);
    expect(((await (await t.request(w.specialist, "GET", `/api/instances/${id}`)).json()) as { state: string }).state).toBe("singleApproval");
  });

  it("flags two 19,9 M requests for one person in the period, pending at once, as threshold splitting", async () => {
    const person: Person = { fullName: "Lò Văn Tách", birthYear: 1966, cccd: "062166005555", amount: 19_900_000 };
    const a = await submitRequest(t, w, [person]);
    const b = await submitRequest(t, w, [person]);
    for (const [id, other] of [[a, b], [b, a]] as const) {
      const s = await screen(id);
      const code = ((await (await t.request(w.specialist, "GET", `/api/instances/${other}`)).json()) as { code: string }).code;
      expect(s.screening[0]!.matches).toEqual([expect.objectContaining({ source: "split", dossierCode: code, lineId: "L1" })]);
      expect(s.facts.unclearedFlags).toBe(1);
      await act(t, w.specialist, id, "PROPOSE", { summary: "Đủ điều kiện" }, 422);
    }
    // Small requests for one person are not splitting.
    const small: Person = { fullName: "Lò Thị Nhỏ", birthYear: 1970, cccd: "062170006666", amount: 3_000_000 };
    const c = await submitRequest(t, w, [small]);
    await submitRequest(t, w, [small]);
    expect((await screen(c)).facts.unclearedFlags).toBe(0);
  });

  it("flags one person named twice in one request", async () => {
    const twice: Person = { fullName: "Hà Văn Hai", birthYear: 1959, cccd: "062159007777", amount: 1_000_000 };
    const id = await submitRequest(t, w, [twice, twice]);
    const s = await screen(id);
    expect(s.screening.map((l) => l.matches.map((m) => [m.source, m.lineId]))).toEqual([[["sameRequest", "L2"]], [["sameRequest", "L1"]]]);
    await act(t, w.specialist, id, "PROPOSE", { summary: "Đủ điều kiện" }, 422);
  });
});
