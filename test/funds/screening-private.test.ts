import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/databases";
import { createTestApp, type TestApp, type TestUser } from "../support/harness";
import { expectEveryHistoryReplays } from "../support/replay";
import { act, fundWorld, receipt, requestData, type FundWorld, type Person } from "./fixtures";

type View = { data: Record<string, unknown>; history: { type: string; data: Record<string, unknown> | null }[] };

const ON_LIST: Person = { fullName: "Y Blông", birthYear: 1975, cccd: "062175004321", amount: 1_000_000 };

/** Issue 15, item 5: screening results never reach the requester. */
describe.each(databaseKinds)("a requester cannot use screening as an oracle, on %s", (kind) => {
  let t: TestApp;
  let w: FundWorld;
  let stranger: TestUser;
  beforeAll(async () => {
    t = await createTestApp(kind, { now: "2026-11-02T02:00:00Z" });
    w = await fundWorld(t);
    await receipt(t, w, 20_000_000);
    const csv = "cccd,programme,period\n062175004321,Giảm nghèo bền vững,2026\n";
    expect((await t.request(w.specialist, "POST", `/api/funds/${w.fundId}/programme-lists`, csv, { "content-type": "text/csv" })).status).toBe(201);
    // Any signed-in user: an applicant of another commune.
    stranger = await t.user({ grants: [{ role: "applicant", unitId: w.haMon }] });
  }, 120_000);
  afterAll(async () => t.close());

  it("files a one-line request, submits it, and reads no $server fact anywhere; the officials still do", async () => {
    const started = await t.request(stranger, "POST", "/api/instances", { workflow: "fund-disbursement", data: requestData(w, [ON_LIST], "Hỏi thử danh sách hộ nghèo") });
    expect(started.status).toBe(201);
    const { id } = (await started.json()) as { id: string };
    const submitted = await act(t, stranger, id, "SUBMIT");
    const read = await t.request(stranger, "GET", `/api/instances/${id}`);
    const list = await t.request(stranger, "GET", "/api/instances");
    const notes = await t.request(stranger, "GET", "/api/notifications");
    for (const text of [JSON.stringify(submitted), await read.text(), await list.text(), await notes.text()]) {
      expect(text).not.toContain("$server");
      expect(text).not.toContain("flaggedLines");
      expect(text).not.toContain("unclearedFlags");
    }
    expect((await t.request(stranger, "GET", `/api/funds/requests/${id}`)).status).toBe(404);

    // The fund's specialist sees the facts recorded with the hand-in, and the clearance.
    await act(t, w.specialist, id, "CLEAR_FLAG", { lineId: "L1", reason: "Hộ nghèo nhưng bị thiệt hại do bão, cần hỗ trợ" });
    const official = (await (await t.request(w.specialist, "GET", `/api/instances/${id}`)).json()) as View;
    expect(official.history.find((h) => h.type === "SUBMIT")?.data).toMatchObject({ $server: { flaggedLines: 1, unclearedFlags: 1 } });
    expect(official.data.$clearances).toBeDefined();
    // The requester sees that an official acted, not what the line matched nor why it was cleared.
    const mine = await t.request(stranger, "GET", `/api/instances/${id}`);
    const text = await mine.clone().text();
    expect(text).not.toContain("Hộ nghèo");
    const view = (await mine.json()) as View;
    expect(view.data.$clearances).toBeUndefined();
    expect(view.history.find((h) => h.type === "CLEAR_FLAG")?.data).toBeNull();
    // The stored history keeps everything: replay is unchanged.
    expect(await expectEveryHistoryReplays(t)).toBe(1);
  });
});
