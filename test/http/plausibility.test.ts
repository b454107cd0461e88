/**
 * Issue 17, item 3 (plausible facts): the rules written as data in the forms (`x-plausible`,
 * `x-confirm-above`) are judged by the server on its clock. A beneficiary born in 2030 or 1850, or an
 * amount above 1.000.000.000 ₫ without `amountConfirmed: true`, is one 422 naming the field; nothing is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/databases";
import { createTestApp, type TestApp } from "../support/harness";
import { fundWorld, requestData, type FundWorld } from "../funds/fixtures";

type Refusal = { error: { code: string; fields: { path: string; code?: string; message: string }[] } };

describe.each(databaseKinds)("plausibility rules of the forms over HTTP on %s", (kind) => {
  let t: TestApp;
  let w: FundWorld;
  beforeAll(async () => {
    t = await createTestApp(kind, { now: "2026-09-20T02:00:00Z" });
    w = await fundWorld(t);
  }, 120_000);
  afterAll(async () => t.close());

  const line = (extra: Record<string, unknown>) => ({ fullName: "Nguyễn Văn An", birthYear: 1960, cccd: "062160001234", amount: 2_000_000, ...extra });
  const start = (extra: Record<string, unknown>, draft = false) =>
    t.request(w.specialist, "POST", "/api/instances", { workflow: "fund-disbursement", data: requestData(w, [line(extra)], "Hỗ trợ"), ...(draft ? { draft: true } : {}) });
  const count = async () => (await t.services.dossierReads.list(undefined, { page: 1, pageSize: 1 })).total;
  const refused = async (res: Response) => {
    const body = (await res.json()) as Refusal;
    expect(res.status, JSON.stringify(body)).toBe(422);
    expect(body.error.code).toBe("VALIDATION_FAILED");
    return body.error.fields;
  };

  it("refuses a beneficiary born after this year, drafts too; this year itself passes", async () => {
    const before = await count();
    expect(await refused(await start({ birthYear: 2030 }))).toEqual([
      expect.objectContaining({ path: "/lines/0/birthYear", code: "dateWindow", message: "2030 quá muộn: không được sau hôm nay (2026)" }),
    ]);
    expect(await refused(await start({ birthYear: 2027 }, true))).toHaveLength(1);
    // Before 1900 the form's own minimum already answers.
    expect(await refused(await start({ birthYear: 1850 }))).toEqual([expect.objectContaining({ path: "/lines/0/birthYear" })]);
    expect(await count()).toBe(before);
    expect((await start({ birthYear: 2026 })).status).toBe(201);
  });

  it("an amount above 1.000.000.000 ₫ needs amountConfirmed: true; \"yes\" or nothing is refused, naming the amount", async () => {
    const before = await count();
    const fields = await refused(await start({ amount: 5_000_000_000 }));
    expect(fields).toEqual([expect.objectContaining({ path: "/lines/0/amountConfirmed", code: "confirmAmount" })]);
    expect(fields[0]!.message).toContain("5.000.000.000 ₫");
    expect(fields[0]!.message).toContain("Tôi xác nhận số tiền");
    expect(await refused(await start({ amount: 5_000_000_000, amountConfirmed: "yes" }))).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: "/lines/0/amountConfirmed" })]),
    );
    expect(await refused(await start({ amount: 5_000_000_000, amountConfirmed: false }))).toHaveLength(1);
    // 1.000.000.000.000.000 ₫ is over the form's cap whatever is confirmed.
    expect(await refused(await start({ amount: 1_000_000_000_000_000, amountConfirmed: true }))).toEqual([expect.objectContaining({ path: "/lines/0/amount" })]);
    expect(await count()).toBe(before);
    const ok = await start({ amount: 5_000_000_000, amountConfirmed: true });
    expect(ok.status, await ok.clone().text()).toBe(201);
    expect((await start({ amount: 1_000_000_000 })).status).toBe(201);
  });
});
