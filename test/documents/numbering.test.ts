import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/databases";
import { createTestApp, type TestApp, type TestUser } from "../support/harness";
import { act, createWorld, startFounding, walkTo, type World } from "../time/founding-walk";
import { validSamples } from "../forms/samples";
import { loadSessionUser } from "../../server/services/session-user";

type Detail = { state: string; documents: { id: string; number: string; type: string; title: string; issuedAt: string }[] };

describe.each(databaseKinds)("numbered documents on %s", (kind) => {
  let t: TestApp;
  let w: World;
  let secondLeader: TestUser;
  beforeAll(async () => {
    t = await createTestApp(kind, { now: "2026-11-24T03:00:00Z" });
    w = await createWorld(t);
    secondLeader = await t.user({ displayName: "Phó Giám đốc", grants: [{ role: "leader", unitId: w.authority }] });
  });
  afterAll(async () => t.close());

  /** A dossier waiting for the leader's decision on its committee. */
  async function awaitingDecision(name: string): Promise<string> {
    const id = await startFounding(t, w, name);
    await act(t, w.applicant, id, "SUBMIT");
    await act(t, w.specialist, id, "PROPOSE");
    return id;
  }
  const approve = (leader: TestUser, id: string) =>
    t.request(leader, "POST", `/api/instances/${id}/events`, { type: "APPROVE", data: validSamples.decision });

  it("gives a step rolled back after numbering no number: the next approval still gets 01/QĐ-SNV", async () => {
    const id = await awaitingDecision("Hội Cựu chiến binh doanh nghiệp");
    // Approve inside an outer transaction that then fails: the sequence increment goes with it.
    const { dossiers, database } = t.services;
    const actor = await loadSessionUser(database.db, w.leader.id);
    await expect(
      database.db.transaction(async (tx) => {
        await dossiers.send(actor!, id, { type: "APPROVE", data: validSamples.decision as Record<string, unknown> }, { tx });
        throw new Error("rolled back on purpose");
      }),
    ).rejects.toThrow("rolled back on purpose");
    const res = await approve(w.leader, id);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Detail;
    expect(body.documents.map((d) => d.number)).toEqual(["01/QĐ-SNV"]);
  });

  it("gives two leaders approving different dossiers at the same instant consecutive, different numbers", async () => {
    const [a, b] = [await awaitingDecision("Hội Nhà báo tỉnh"), await awaitingDecision("Hội Văn học nghệ thuật tỉnh")];
    const [ra, rb] = await Promise.all([approve(w.leader, a), approve(secondLeader, b)]);
    expect([ra.status, rb.status]).toEqual([200, 200]);
    const numbers = [((await ra.json()) as Detail).documents[0]!.number, ((await rb.json()) as Detail).documents[0]!.number];
    expect(numbers.sort()).toEqual(["02/QĐ-SNV", "03/QĐ-SNV"]);
  });

  it("keeps one sequence per unit, type and year: a refusal is 01/TB-SNV, and a new year starts again at 1", async () => {
    const id = await awaitingDecision("Hội Bị từ chối");
    const refusal = await t.request(w.leader, "POST", `/api/instances/${id}/events`, { type: "REJECT", data: validSamples["refusal-reasons"] });
    expect(refusal.status).toBe(200);
    expect(((await refusal.json()) as Detail).documents.map((d) => [d.type, d.number])).toEqual([["TB", "01/TB-SNV"]]);

    t.clock.set("2027-01-05T03:00:00Z");
    const next = await awaitingDecision("Hội năm mới");
    const res = await approve(w.leader, next);
    expect(((await res.json()) as Detail).documents.map((d) => d.number)).toEqual(["01/QĐ-SNV"]);
    t.clock.set("2026-11-24T03:00:00Z");
  });

  it("refuses a refusal without reasons (422) and issues nothing", async () => {
    const id = await awaitingDecision("Hội thiếu lý do");
    const res = await t.request(w.leader, "POST", `/api/instances/${id}/events`, { type: "REJECT", data: { reasons: "", legalBasis: "" } });
    expect(res.status).toBe(422);
    const detail = (await (await t.request(w.leader, "GET", `/api/instances/${id}`)).json()) as Detail;
    expect(detail).toMatchObject({ state: "committeeDecision", documents: [] });
  });
});
