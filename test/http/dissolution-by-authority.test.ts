/**
 * Issue 18, item 5: an association dissolved by the authority (giải thể theo quyết định của cơ quan nhà
 * nước có thẩm quyền) and suspended by it (tạm đình chỉ hoạt động), over HTTP on the demo world with an
 * injected clock and the scheduler for the response period's end.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { units } from "../../server/db/schema";
import { Scheduler } from "../../server/scheduler/scheduler";
import { databaseKinds } from "../support/databases";
import { createDemoApp, DEMO_UNITS, type DemoApp } from "../support/demo";
import { uploadPdf } from "../support/files";
import { sampleEventData } from "../support/founding";
import type { TestUser } from "../support/harness";

type Refusal = { error: { code: string; message: string; fields?: { path: string; code?: string; message: string }[] } };
type Detail = { state: string; status: string; data: Record<string, unknown>; documents: { id: string; number: string; type: string; title: string }[] };

const at = (date: string) => `${date}T09:00:00+07:00`;

describe.each(databaseKinds)("the authority dissolves and suspends an association, on %s", (kind) => {
  let t: DemoApp;
  let scheduler: Scheduler;
  let chuyenvien: TestUser;
  let lanhdao: TestUser;
  let chairman: TestUser;
  let member: TestUser;
  let stranger: TestUser;
  let association: string;
  let branch: string;
  let other: string;

  const forced = (unitId: string, overrides: Record<string, unknown> = {}) => ({
    name: "Hội Cựu chiến binh (thử)",
    association: unitId,
    authorityUnit: DEMO_UNITS.soNoiVu,
    ground: "noReports",
    reasons: "Hội không gửi báo cáo tổ chức, hoạt động và tài chính các năm 2024 và 2025.",
    ...overrides,
  });
  const start = (user: TestUser, workflow: string, data: Record<string, unknown>) => t.request(user, "POST", "/api/instances", { workflow, data });
  const send = (user: TestUser, id: string, type: string, data: Record<string, unknown> = sampleEventData(type)) =>
    t.request(user, "POST", `/api/instances/${id}/events`, { type, data });
  const act = async (user: TestUser, id: string, type: string, data?: Record<string, unknown>) => {
    const res = await send(user, id, type, data);
    expect(res.status, `${type}: ${await res.clone().text()}`).toBe(200);
    return res.json() as Promise<Detail>;
  };
  const started = async (res: Response) => {
    expect(res.status, await res.clone().text()).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  const unitRow = async (id: string) => (await t.services.database.db.select().from(units).where(eq(units.id, id)))[0]!;
  const refusal = async (res: Response) => [res.status, ((await res.json()) as Refusal).error] as const;

  beforeAll(async () => {
    t = await createDemoApp(kind, { now: at("2026-12-04") });
    scheduler = new Scheduler(t.services);
    [chuyenvien, lanhdao] = await Promise.all([t.as("chuyenvien"), t.as("lanhdao")]);
    association = (await t.unit({ kind: "association", name: "Hội Cựu chiến binh (thử)", parentId: DEMO_UNITS.soNoiVu })).id;
    branch = (await t.unit({ kind: "association", name: "Chi hội thôn 1 (thử)", parentId: association })).id;
    other = (await t.unit({ kind: "association", name: "Hội Khuyến học (thử)", parentId: DEMO_UNITS.soNoiVu })).id;
    chairman = await t.user({ grants: [{ role: "applicant", unitId: DEMO_UNITS.konTum }, { role: "leader", unitId: association }] });
    member = await t.user({ grants: [{ role: "applicant", unitId: branch }] });
    stranger = await t.user({ grants: [{ role: "applicant", unitId: DEMO_UNITS.konTum }, { role: "leader", unitId: other }] });
  });
  afterAll(async () => t.close());

  describe("forced dissolution", () => {
    it("is started only by an official of the authority: the association's own people are refused, naming the field", async () => {
      const [status, error] = await refusal(await start(chairman, "association-forced-dissolution", forced(association)));
      expect(status).toBe(422);
      expect(error.fields?.map((f) => [f.path, f.code])).toEqual([["/authorityUnit", "unitNotOwn"]]);
      // Naming his own association as the "authority" does not work either: an authority is a state body.
      const [, self] = await refusal(await start(chairman, "association-forced-dissolution", forced(association, { authorityUnit: association })));
      expect(self.fields?.map((f) => [f.path, f.code])).toEqual([["/authorityUnit", "unitKind"]]);
      // A member of a branch who also holds a role in the authority unit, but not the specialist's, cannot hand it in.
      const clerk = await t.user({ grants: [{ role: "applicant", unitId: branch }, { role: "applicant", unitId: DEMO_UNITS.soNoiVu }] });
      const draft = await started(await start(clerk, "association-forced-dissolution", forced(association)));
      expect((await send(clerk, draft, "SUBMIT")).status).toBe(403);
    });

    it("refuses a ground that is not in the decree's list and a unit that is not an association or does not exist", async () => {
      const [, ground] = await refusal(await start(chuyenvien, "association-forced-dissolution", forced(association, { ground: "khongThich" })));
      expect(ground.fields?.map((f) => f.path)).toEqual(["/ground"]);
      const [, office] = await refusal(await start(chuyenvien, "association-forced-dissolution", forced(DEMO_UNITS.phongNoiVuDakHa)));
      expect(office.fields?.map((f) => [f.path, f.code])).toEqual([["/association", "unitKind"]]);
      // An official files for his own authority only, not in another authority's name.
      const [, elsewhere] = await refusal(await start(chuyenvien, "association-forced-dissolution", forced(association, { authorityUnit: DEMO_UNITS.phongNoiVuDakHa })));
      expect(elsewhere.fields?.map((f) => [f.path, f.code])).toEqual([["/authorityUnit", "unitNotOwn"]]);
      const [, missing] = await refusal(await start(chuyenvien, "association-forced-dissolution", forced("00000000-0000-4000-8000-00000000dead")));
      expect(missing.fields?.map((f) => [f.path, f.code])).toEqual([["/association", "unit"]]);
    });

    it("end to end: notice to the association, its response, the leader's numbered decision retires the association and its branch", async () => {
      t.clock.set(at("2026-12-04"));
      const id = await started(await start(chuyenvien, "association-forced-dissolution", forced(association)));
      await act(chuyenvien, id, "SUBMIT");
      // The notice is the authority's: its leader signs it, the specialist cannot.
      expect((await send(chuyenvien, id, "NOTIFY", {})).status).toBe(403);
      const notified = await act(lanhdao, id, "NOTIFY", {});
      expect(notified).toMatchObject({ state: "associationResponse", data: { $response: { from: "2026-12-04", until: "2026-12-19" } } });
      expect(notified.documents).toEqual([expect.objectContaining({ type: "TB", number: expect.stringMatching(/^\d{2,}\/TB-SNV$/), title: "Về việc xem xét giải thể Hội Cựu chiến binh (thử)" })]);
      const notice = await (await t.request(chuyenvien, "GET", `/api/documents/${notified.documents[0]!.id}/print`)).text();
      expect(notice).toContain("trong 02 năm liên tục");
      expect(notice).toContain("đến hết ngày 19/12/2026");

      // Only the association's leader answers; a member of its branch, another association, the specialist cannot.
      for (const who of [member, stranger, chuyenvien]) expect([403, 404]).toContain((await send(who, id, "RESPOND", { associationResponse: "Chúng tôi phản đối quyết định." })).status);
      expect((await send(lanhdao, id, "APPROVE")).status).toBe(409);
      const answered = await act(chairman, id, "RESPOND", { associationResponse: "Hội đã nộp bổ sung báo cáo năm 2025, đề nghị xem xét lại." });
      expect(answered).toMatchObject({ state: "forcedReview", data: { associationResponse: expect.stringContaining("bổ sung báo cáo") } });

      await act(chuyenvien, id, "PROPOSE");
      expect((await send(chuyenvien, id, "APPROVE")).status).toBe(403);
      const decided = await act(lanhdao, id, "APPROVE");
      expect(decided).toMatchObject({ state: "dissolved", status: "done" });
      const decision = decided.documents.find((d) => d.type === "QĐ")!;
      expect(decision).toMatchObject({ number: expect.stringMatching(/^\d{2,}\/QĐ-SNV$/), title: "Về việc giải thể Hội Cựu chiến binh (thử)" });
      expect(await (await t.request(chuyenvien, "GET", `/api/documents/${decision.id}/print`)).text()).toContain("Căn cứ giải thể: Hội không báo cáo về tổ chức");

      const retired = await t.services.database.db.select().from(units).where(eq(units.retiredBy, id));
      expect(retired.map((u) => u.id).sort()).toEqual([association, branch].sort());
      expect((await unitRow(other)).retiredAt).toBeNull();

      // Deciding twice: the dossier is closed; a new dossier cannot name the dissolved association.
      const [twice, closed] = await refusal(await send(lanhdao, id, "APPROVE"));
      expect([twice, closed.code]).toEqual([409, "ALREADY_DONE"]);
      const [, again] = await refusal(await start(chuyenvien, "association-forced-dissolution", forced(association)));
      expect(again.fields?.map((f) => [f.path, f.code])).toEqual([["/association", "unitRetired"]]);
    });

    it("without an answer, the response period ends the day after its last day and the review goes on", async () => {
      t.clock.set(at("2026-12-04"));
      const target = (await t.unit({ kind: "association", name: "Hội Sinh vật cảnh (thử)", parentId: DEMO_UNITS.soNoiVu })).id;
      const late = await t.user({ grants: [{ role: "leader", unitId: target }] });
      const id = await started(await start(chuyenvien, "association-forced-dissolution", forced(target, { name: "Hội Sinh vật cảnh (thử)", ground: "tooFewMembers" })));
      await act(chuyenvien, id, "SUBMIT");
      await act(lanhdao, id, "NOTIFY", {});
      t.clock.set(at("2026-12-19"));
      await scheduler.runDue();
      expect(((await (await t.request(chuyenvien, "GET", `/api/instances/${id}`)).json()) as Detail).state).toBe("associationResponse");
      t.clock.set(at("2026-12-20"));
      await scheduler.runDue();
      expect(((await (await t.request(chuyenvien, "GET", `/api/instances/${id}`)).json()) as Detail).state).toBe("forcedReview");
      expect((await send(late, id, "RESPOND", { associationResponse: "Xin gửi giải trình muộn." })).status).not.toBe(200);
      // Nobody sends the engine's own event.
      expect((await send(chuyenvien, id, "RESPONSE_PERIOD_ENDED", {})).status).toBeGreaterThanOrEqual(400);
    });
  });

  describe("suspension", () => {
    const suspension = (overrides: Record<string, unknown> = {}) => ({
      name: "Hội Khuyến học (thử)",
      association: other,
      authorityUnit: DEMO_UNITS.soNoiVu,
      grounds: "Hội tổ chức thu phí hội viên trái với điều lệ được phê duyệt.",
      legalBasis: "Nghị định 126/2024/NĐ-CP",
      suspendedUntil: "2027-03-31",
      ...overrides,
    });

    it("is started only by an official of the authority", async () => {
      t.clock.set(at("2026-12-04"));
      const [status, error] = await refusal(await start(stranger, "association-suspension", suspension()));
      expect(status).toBe(422);
      expect(error.fields?.map((f) => [f.path, f.code])).toEqual([["/authorityUnit", "unitNotOwn"]]);
    });

    it("the decision suspends the association with a numbered QĐ: it starts no dossier until the lifting decision lets it operate again", async () => {
      t.clock.set(at("2026-12-04"));
      const otherBranch = (await t.unit({ kind: "association", name: "Chi hội Khuyến học thôn 2 (thử)", parentId: other })).id;
      const branchMember = await t.user({ grants: [{ role: "applicant", unitId: otherBranch }] });
      const id = await started(await start(chuyenvien, "association-suspension", suspension()));
      await act(chuyenvien, id, "SUBMIT");
      // A period that ends before the decision takes effect is refused with its reason.
      const [bad, why] = await refusal(await send(lanhdao, id, "APPROVE", { effectiveDate: "2027-04-01", note: "" }));
      expect([bad, why.code, why.message]).toEqual([422, "CONDITION_FAILED", expect.stringMatching(/Thời hạn tạm đình chỉ/)]);
      const suspended = await act(lanhdao, id, "APPROVE", { effectiveDate: "2026-12-05", note: "" });
      expect(suspended.state).toBe("suspended");
      expect(suspended.documents).toEqual([expect.objectContaining({ type: "QĐ", number: expect.stringMatching(/\/QĐ-SNV$/), title: "Về việc tạm đình chỉ hoạt động của Hội Khuyến học (thử)" })]);
      for (const unitId of [other, otherBranch]) expect(await unitRow(unitId)).toMatchObject({ suspendedBy: id, suspendedAt: new Date("2026-12-04T02:00:00.000Z"), retiredAt: null });
      const listed = (await (await t.request(stranger, "GET", "/api/units")).json()) as { items: { id: string; suspendedAt: string | null }[] };
      expect(listed.items.find((u) => u.id === other)?.suspendedAt).toBe("2026-12-04T02:00:00.000Z");

      // While suspended: the association files nothing as itself, nor does a member acting from its branch.
      const voluntary = await t.request(stranger, "POST", "/api/instances", { workflow: "association-dissolution", data: { association: other }, draft: true });
      const [, own] = await refusal(voluntary);
      expect(own.fields?.map((f) => [f.path, f.code])).toEqual([["/association", "unitSuspended"]]);
      const [asBranch, fromBranch] = await refusal(await t.request(branchMember, "POST", "/api/instances", { workflow: "association-founding", data: {}, draft: true }));
      expect([asBranch, fromBranch.code]).toEqual([422, "UNIT_SUSPENDED"]);
      // The authority may still act on it (e.g. dissolve it when the violation is not remedied); roles are kept.
      const draft = await start(chuyenvien, "association-forced-dissolution", forced(other, { name: "Hội Khuyến học (thử)", ground: "suspensionNotRemedied" }));
      expect(draft.status).toBe(201);
      await act(chuyenvien, ((await draft.json()) as { id: string }).id, "WITHDRAW");

      // Lifting: the specialist proposes with the remedy, a return keeps the suspension, the leader lets it operate again.
      t.clock.set(at("2027-01-15"));
      expect((await send(stranger, id, "PROPOSE_LIFT", { remedy: "Hội đã hoàn trả các khoản phí thu sai." })).status).not.toBe(200);
      await act(chuyenvien, id, "PROPOSE_LIFT", { remedy: "Hội đã hoàn trả các khoản phí thu sai cho hội viên." });
      await act(lanhdao, id, "RETURN");
      expect((await unitRow(other)).suspendedBy).toBe(id);
      await act(chuyenvien, id, "PROPOSE_LIFT", { remedy: "Hội đã hoàn trả các khoản phí thu sai và sửa quy chế thu phí." });
      const lifted = await act(lanhdao, id, "APPROVE", { effectiveDate: "2027-01-15", note: "" });
      expect(lifted).toMatchObject({ state: "lifted", status: "done" });
      expect(lifted.documents.map((d) => d.title)).toContain("Về việc cho phép Hội Khuyến học (thử) hoạt động trở lại");
      for (const unitId of [other, otherBranch]) expect(await unitRow(unitId)).toMatchObject({ suspendedBy: null, suspendedAt: null });
      expect((await send(lanhdao, id, "APPROVE", { effectiveDate: "2027-01-15", note: "" })).status).toBe(409);
      expect((await t.request(branchMember, "POST", "/api/instances", { workflow: "association-founding", data: {}, draft: true })).status).toBe(201);
    });
  });
});
