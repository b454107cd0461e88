import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/databases";
import { createDemoApp, DEMO_UNITS, type DemoApp } from "../support/demo";
import { eventData, foundingApplication } from "../support/founding";
import { createTestApp, type TestApp, type TestUser } from "../support/harness";
import { act, fundWorld, receipt, requestData, type FundWorld } from "../funds/fixtures";

type View = { state: string; availableEvents: { type: string }[] };
type Inbox = { items: { id: string; dossierId: string }[] };
type Refusal = { error: { code: string; message: string } };

describe.each(databaseKinds)("the starter of a dossier never decides on it, on %s", (kind) => {
  describe("a fund leader's request for himself", () => {
    let t: TestApp;
    let w: FundWorld;
    beforeAll(async () => {
      t = await createTestApp(kind, { now: "2026-09-20T02:00:00Z" });
      w = await fundWorld(t);
      await receipt(t, w, 100_000_000);
    }, 120_000);
    afterAll(async () => t.close());

    const inbox = async (user: TestUser) => (await (await t.request(user, "GET", "/api/tasks?pageSize=100")).json()) as Inbox;

    it("he files 15.000.000 ₫ naming himself; after the proposal he can neither approve it, see it in his inbox, claim it, nor be handed it", async () => {
      const started = await t.request(w.chairman, "POST", "/api/instances", {
        workflow: "fund-disbursement",
        data: requestData(w, [{ fullName: "Chủ tịch Quỹ", birthYear: 1970, cccd: "062170001111", amount: 15_000_000 }], "Hỗ trợ cho chính tôi"),
      });
      expect(started.status).toBe(201);
      const { id } = (await started.json()) as { id: string };
      await act(t, w.chairman, id, "SUBMIT");
      // Nor does he propose it as if he were the specialist.
      await act(t, w.specialist, id, "PROPOSE", { summary: "Đủ điều kiện" });

      const refused = await t.request(w.chairman, "POST", `/api/instances/${id}/events`, { type: "APPROVE", data: {} });
      expect(refused.status).toBe(403);
      const body = (await refused.json()) as Refusal;
      expect(body.error.code).toBe("SELF_DECISION_FORBIDDEN");
      expect(body.error.message).toMatch(/không được tự/);

      const mine = (await (await t.request(w.chairman, "GET", `/api/instances/${id}`)).json()) as View;
      expect(mine.state).toBe("singleApproval");
      expect(mine.availableEvents.map((e) => e.type)).not.toContain("APPROVE");
      expect((await inbox(w.chairman)).items.map((i) => i.dossierId)).not.toContain(id);

      const task = (await inbox(w.viceChairman)).items.find((i) => i.dossierId === id)!;
      const claim = await t.request(w.chairman, "POST", `/api/tasks/${task.id}/claim`);
      expect([403, 404]).toContain(claim.status);
      const handed = await t.request(w.viceChairman, "POST", `/api/tasks/${task.id}/delegate`, { userId: w.chairman.id });
      expect(handed.status).toBe(403);
      expect(((await handed.json()) as Refusal).error.code).toBe("SELF_DECISION_FORBIDDEN");
      const candidates = (await (await t.request(w.viceChairman, "GET", `/api/tasks/${task.id}/candidates`)).json()) as { items: { id: string }[] };
      expect(candidates.items.map((c) => c.id)).not.toContain(w.chairman.id);

      // Another leader decides.
      await act(t, w.viceChairman, id, "APPROVE", {});
    });
  });

  describe("a Sở Nội vụ leader who starts a founding dossier", () => {
    let t: DemoApp;
    beforeAll(async () => {
      t = await createDemoApp(kind);
    }, 120_000);
    afterAll(async () => t.close());

    it("cannot approve it; another leader of the Sở can", async () => {
      const [lanhdao, chuyenvien] = await Promise.all([t.as("lanhdao"), t.as("chuyenvien")]);
      const deputy = await t.user({ displayName: "Phó Giám đốc Sở", grants: [{ role: "leader", unitId: DEMO_UNITS.soNoiVu }] });
      const data = await foundingApplication(t, lanhdao, { name: "Hội của Lãnh đạo", authorityUnit: DEMO_UNITS.soNoiVu });
      const started = await t.request(lanhdao, "POST", "/api/instances", { workflow: "association-founding", data });
      expect(started.status).toBe(201);
      const { id } = (await started.json()) as { id: string };
      expect((await t.request(lanhdao, "POST", `/api/instances/${id}/events`, { type: "SUBMIT" })).status).toBe(200);
      expect((await t.request(chuyenvien, "POST", `/api/instances/${id}/events`, { type: "PROPOSE", data: await eventData(t, chuyenvien, "PROPOSE") })).status).toBe(200);

      const refused = await t.request(lanhdao, "POST", `/api/instances/${id}/events`, { type: "APPROVE", data: await eventData(t, lanhdao, "APPROVE") });
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as Refusal).error.code).toBe("SELF_DECISION_FORBIDDEN");
      const view = (await (await t.request(lanhdao, "GET", `/api/instances/${id}`)).json()) as View;
      expect(view.state).toBe("committeeDecision");
      expect(view.availableEvents).toEqual([]);
      expect((await t.request(deputy, "POST", `/api/instances/${id}/events`, { type: "APPROVE", data: await eventData(t, deputy, "APPROVE") })).status).toBe(200);
    });
  });
});
