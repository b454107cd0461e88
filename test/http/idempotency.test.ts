import { randomUUID } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fundEntries, instances } from "../../server/db/schema";
import { act, approvedRequest, fundWorld, requestData, type FundWorld } from "../funds/fixtures";
import { databaseKinds } from "../support/databases";
import { createTestApp, type TestApp, type TestUser } from "../support/harness";

describe.each(databaseKinds)("retry-safe writes: the Idempotency-Key header (design §10), on %s", (kind) => {
  let t: TestApp;
  let w: FundWorld;
  beforeAll(async () => {
    t = await createTestApp(kind, { now: "2026-11-02T02:00:00Z" });
    w = await fundWorld(t);
  }, 120_000);
  afterAll(async () => t.close());

  const keyed = (user: TestUser, method: string, path: string, body: unknown, key: string) => t.request(user, method, path, body, { "idempotency-key": key });
  const dossiers = async () => (await t.services.database.db.select({ n: count() }).from(instances).where(eq(instances.workflowKey, "fund-disbursement")))[0]!.n;
  const ledgerEntries = async () => (await t.services.database.db.select({ n: count() }).from(fundEntries).where(eq(fundEntries.fundId, w.fundId)))[0]!.n;

  it("a receipt sent twice with the same key is recorded once, and the retry gets the same answer", async () => {
    const key = randomUUID();
    const body = { donorName: "Công ty TNHH Sao Mai", donorPublic: "named", amount: 5_000_000, receiptNumber: "PT-IDEM-1" };
    const first = await keyed(w.accountant, "POST", `/api/funds/${w.fundId}/receipts`, body, key);
    const again = await keyed(w.accountant, "POST", `/api/funds/${w.fundId}/receipts`, body, key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.text()).toBe(await first.text());
    expect(await ledgerEntries()).toBe(1);
  });

  it("POST /api/instances twice with the same key starts one dossier", async () => {
    const before = await dossiers();
    const key = randomUUID();
    const body = { workflow: "fund-disbursement", data: requestData(w, [{ fullName: "Lê Văn Một", birthYear: 1970, amount: 1_000_000 }]) };
    const first = await keyed(w.commune, "POST", "/api/instances", body, key);
    const again = await keyed(w.commune, "POST", "/api/instances", body, key);
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(((await again.json()) as { id: string }).id).toBe(((await first.json()) as { id: string }).id);
    expect(await dossiers()).toBe(before + 1);
  });

  it("ten duplicates at once start one dossier; the others answer the stored outcome or 409 IDEMPOTENCY_IN_PROGRESS", async () => {
    const before = await dossiers();
    const key = randomUUID();
    const body = { workflow: "fund-disbursement", data: requestData(w, [{ fullName: "Lê Văn Hai", birthYear: 1971, amount: 1_000_000 }]) };
    const answers = await Promise.all(Array.from({ length: 10 }, () => keyed(w.commune, "POST", "/api/instances", body, key)));
    const ids = new Set<string>();
    for (const res of answers) {
      const json = (await res.json()) as { id?: string; error?: { code: string } };
      if (res.status === 201) ids.add(json.id!);
      else {
        expect(res.status).toBe(409);
        expect(json.error?.code).toBe("IDEMPOTENCY_IN_PROGRESS");
      }
    }
    expect(ids.size).toBe(1);
    expect(await dossiers()).toBe(before + 1);
    // Once the first has finished, a retry gets its answer.
    const late = await keyed(w.commune, "POST", "/api/instances", body, key);
    expect(late.status).toBe(201);
    expect(((await late.json()) as { id: string }).id).toBe([...ids][0]);
  });

  it("a step retried with its key is not taken twice: the retry answers 200 again, not 409 EVENT_NOT_ALLOWED", async () => {
    const started = await t.request(w.commune, "POST", "/api/instances", { workflow: "fund-disbursement", data: requestData(w, [{ fullName: "Lê Văn Ba", birthYear: 1972, amount: 1_000_000 }]) });
    const { id } = (await started.json()) as { id: string };
    const key = randomUUID();
    const first = await keyed(w.commune, "POST", `/api/instances/${id}/events`, { type: "SUBMIT" }, key);
    const again = await keyed(w.commune, "POST", `/api/instances/${id}/events`, { type: "SUBMIT" }, key);
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(await again.text()).toBe(await first.text());
    // Without a key the same step twice is refused, as before.
    await act(t, w.commune, id, "SUBMIT", undefined, 409);
  });

  it("refuses the same key with another body (422 IDEMPOTENCY_KEY_REUSED); another user's key of the same name is his own", async () => {
    const key = randomUUID();
    const body = (name: string) => ({ workflow: "fund-disbursement", data: requestData(w, [{ fullName: name, birthYear: 1973, amount: 1_000_000 }]) });
    expect((await keyed(w.commune, "POST", "/api/instances", body("Lê Văn Bốn"), key)).status).toBe(201);
    const before = await dossiers();
    const reused = await keyed(w.commune, "POST", "/api/instances", body("Lê Văn Năm"), key);
    expect(reused.status).toBe(422);
    expect(await reused.json()).toMatchObject({ error: { code: "IDEMPOTENCY_KEY_REUSED" } });
    const elsewhere = await keyed(w.commune, "POST", `/api/funds/${w.fundId}/receipts`, {}, key);
    expect(elsewhere.status).toBe(422);
    expect(await elsewhere.json()).toMatchObject({ error: { code: "IDEMPOTENCY_KEY_REUSED" } });
    expect(await dossiers()).toBe(before);
    // The accountant's key of the same name is not the commune's.
    const theirs = await keyed(w.accountant, "POST", `/api/funds/${w.fundId}/receipts`, { donorName: "Bà Kín", donorPublic: "anonymous", amount: 1_000_000, receiptNumber: "PT-IDEM-2" }, key);
    expect(theirs.status).toBe(201);
  });

  it("keeps a refusal as the outcome too, and forgets a key after 24 hours", async () => {
    const key = randomUUID();
    const refused = await keyed(w.accountant, "POST", `/api/funds/${w.fundId}/receipts`, { donorName: "A", donorPublic: "named", amount: 0, receiptNumber: "PT-0" }, key);
    expect(refused.status).toBe(422);
    const replay = await keyed(w.accountant, "POST", `/api/funds/${w.fundId}/receipts`, { donorName: "A", donorPublic: "named", amount: 0, receiptNumber: "PT-0" }, key);
    expect(replay.status).toBe(422);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    t.clock.advance(25 * 60 * 60 * 1000);
    const fresh = await keyed(w.accountant, "POST", `/api/funds/${w.fundId}/receipts`, { donorName: "A", donorPublic: "named", amount: 1_000, receiptNumber: "PT-1" }, key);
    expect(fresh.status).toBe(201);
  });

  it("a step refused inside its transaction keeps the refusal as its outcome, not the answer rolled back with it", async () => {
    const id = await approvedRequest(t, w, [{ fullName: "Lê Văn Sáu", birthYear: 1974, cccd: "062174006666", amount: 1_000_000 }]);
    const key = randomUUID();
    const body = { type: "PAY", data: { lineId: "L1", paidOn: "2020-01-01", backdateReason: "Ghi lùi cho kịp quyết toán", method: "Tiền mặt", receiptNumber: "PC-IDEM" } };
    const first = await keyed(w.accountant, "POST", `/api/instances/${id}/events`, body, key);
    const again = await keyed(w.accountant, "POST", `/api/instances/${id}/events`, body, key);
    expect([first.status, again.status]).toEqual([422, 422]);
    expect(await again.text()).toBe(await first.text());
    const ok = await keyed(w.accountant, "POST", `/api/instances/${id}/events`, { ...body, data: { ...body.data, paidOn: undefined, backdateReason: undefined } }, randomUUID());
    expect(ok.status).toBe(200);
  });

  it("refuses a malformed key", async () => {
    for (const key of ["x".repeat(201), "a b", "ü", ""]) {
      const res = await keyed(w.accountant, "POST", `/api/funds/${w.fundId}/receipts`, {}, key);
      expect(res.status, JSON.stringify(key)).toBe(422);
      expect(await res.json()).toMatchObject({ error: { code: "VALIDATION_FAILED" } });
    }
  });
});
