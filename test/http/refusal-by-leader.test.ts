/**
 * Issue 18, item 8: a specialist no longer refuses a founding dossier alone. He proposes the refusal with
 * its reasons and legal basis; the leader of the authority decides and signs the numbered notice.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/databases";
import type { TestApp } from "../support/harness";
import { createTestApp } from "../support/harness";
import { act, createWorld, startFounding, view, walkTo, type World } from "../time/founding-walk";

const reasons = { reasons: "Tôn chỉ, mục đích trùng với hội đã có trên địa bàn", legalBasis: "Nghị định 126/2024/NĐ-CP" };
type Detail = Awaited<ReturnType<typeof view>> & { data: Record<string, unknown>; documents: { number: string; type: string; signer: { name: string; title: string | null } }[] };

describe.each(databaseKinds)("a refusal is proposed by the specialist and signed by the leader, on %s", (kind) => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp(kind, { now: "2026-03-02T10:00:00+07:00" });
    w = await createWorld(t);
  });
  afterAll(async () => t.close());

  it("the specialist cannot refuse; his proposal goes to the leader, whose refusal is the numbered notice he signs", async () => {
    const id = await startFounding(t, w);
    await walkTo(t, w, id, "committeeReview");
    const alone = await t.request(w.specialist, "POST", `/api/instances/${id}/events`, { type: "REJECT", data: reasons });
    expect(alone.status).toBe(409);
    expect(((await alone.json()) as { error: { code: string } }).error.code).toBe("EVENT_NOT_ALLOWED");
    // No reasons, no proposal (422, nothing applied).
    expect((await t.request(w.specialist, "POST", `/api/instances/${id}/events`, { type: "PROPOSE_REJECTION", data: { reasons: "", legalBasis: "" } })).status).toBe(422);

    const proposed = (await act(t, w.specialist, id, "PROPOSE_REJECTION", reasons)) as Detail;
    expect(proposed.state).toBe("committeeDecision");
    expect(proposed.documents).toEqual([]); // nothing is issued by a proposal
    expect(proposed.data.$refusalProposal).toEqual({ ...reasons, by: w.specialist.id });
    // Nor does the specialist sign in the leader's place.
    expect((await t.request(w.specialist, "POST", `/api/instances/${id}/events`, { type: "REJECT", data: reasons })).status).toBe(403);

    const refused = (await act(t, w.leader, id, "REJECT", reasons)) as Detail;
    expect(refused.state).toBe("rejected");
    expect(refused.documents).toEqual([expect.objectContaining({ number: "01/TB-SNV", type: "TB", signer: { name: "Lãnh đạo", title: expect.any(String) } })]);
  });

  it("a proposal to approve after a returned refusal clears the proposed refusal", async () => {
    const id = await startFounding(t, w);
    await walkTo(t, w, id, "committeeReview");
    await act(t, w.specialist, id, "PROPOSE_REJECTION", reasons);
    await act(t, w.leader, id, "RETURN");
    const approved = (await act(t, w.specialist, id, "PROPOSE")) as Detail;
    expect(approved.state).toBe("committeeDecision");
    expect(approved.data).not.toHaveProperty("$refusalProposal");
  });
});
