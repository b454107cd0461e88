import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grants, units } from "../../server/db/schema";
import { databaseKinds } from "../support/databases";
import { createDemoApp, DEMO_UNITS, type DemoApp } from "../support/demo";
import { uploadPdf } from "../support/files";
import { sampleEventData } from "../support/founding";
import type { TestUser } from "../support/harness";

type Refusal = { error: { code: string; fields?: { path: string; code?: string; message: string }[] } };

describe.each(databaseKinds)("an association's dissolution: who may file it, and what the decision retires, on %s", (kind) => {
  let t: DemoApp;
  let chairman: TestUser;
  let member: TestUser;
  let stranger: TestUser;
  let chuyenvien: TestUser;
  let lanhdao: TestUser;
  let chutich: TestUser;
  let association: string;
  let branch: string;
  let other: string;

  const request = async (user: TestUser, unitId: string) => ({
    name: "Hội Cựu chiến binh xã (thử)",
    association: unitId,
    authorityUnit: DEMO_UNITS.soNoiVu,
    reason: "Hội không còn đủ hội viên để duy trì hoạt động.",
    resolutionDate: "2026-11-20",
    resolution: await uploadPdf(t, user, "nghi-quyet.pdf"),
    settlementReport: await uploadPdf(t, user, "bao-cao-tai-san.pdf"),
    settlementPlan: await uploadPdf(t, user, "phuong-an-thanh-toan-no.pdf"),
    newspaper: "Báo Kon Tum",
    noticePublications: ["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27"],
    settlementDeadline: "2026-12-03",
    debtsSettled: true,
  });
  const start = async (user: TestUser, unitId: string) => t.request(user, "POST", "/api/instances", { workflow: "association-dissolution", data: await request(user, unitId) });
  const act = async (user: TestUser, id: string, type: string) => {
    const res = await t.request(user, "POST", `/api/instances/${id}/events`, { type, data: sampleEventData(type) });
    expect(res.status, `${type}: ${await res.clone().text()}`).toBe(200);
    return res.json() as Promise<{ state: string; status: string }>;
  };

  beforeAll(async () => {
    t = await createDemoApp(kind, { now: "2026-12-04T09:00:00+07:00" });
    [chuyenvien, lanhdao, chutich] = await Promise.all([t.as("chuyenvien"), t.as("lanhdao"), t.as("chutich")]);
    association = (await t.unit({ kind: "association", name: "Hội Cựu chiến binh (thử)", parentId: DEMO_UNITS.soNoiVu })).id;
    branch = (await t.unit({ kind: "association", name: "Chi hội thôn 1 (thử)", parentId: association })).id;
    other = (await t.unit({ kind: "association", name: "Hội Khuyến học (thử)", parentId: DEMO_UNITS.soNoiVu })).id;
    chairman = await t.user({ grants: [{ role: "applicant", unitId: DEMO_UNITS.konTum }, { role: "leader", unitId: association }] });
    member = await t.user({ grants: [{ role: "applicant", unitId: branch }] });
    stranger = await t.user({ grants: [{ role: "applicant", unitId: DEMO_UNITS.konTum }, { role: "leader", unitId: other }] });
  });
  afterAll(async () => t.close());

  it("is refused for an association where the filer holds no role, naming the field", async () => {
    const res = await start(stranger, association);
    expect(res.status).toBe(422);
    const body = (await res.json()) as Refusal;
    expect(body.error.fields).toEqual([expect.objectContaining({ path: "/association", code: "unitNotOwn", message: expect.stringMatching(/không có vai trò nào trong đơn vị này/) })]);
    // A draft is judged the same way, and so is an officer of the authority filing for the association.
    expect((await t.request(stranger, "POST", "/api/instances", { workflow: "association-dissolution", data: { association }, draft: true })).status).toBe(422);
    expect((await start(chuyenvien, association)).status).toBe(422);
  });

  it("the decision retires the association and its branch and ends every role in them, in its own transaction", async () => {
    const started = await start(chairman, association);
    expect(started.status).toBe(201);
    const id = ((await started.json()) as { id: string }).id;
    await act(chairman, id, "SUBMIT");
    await act(chuyenvien, id, "PROPOSE");
    // The Sở Nội vụ's director submits; the chairman of the provincial People's Committee decides (issue 18, item 2).
    await act(lanhdao, id, "SEND_SUBMISSION");
    expect(await t.services.database.db.select().from(grants).where(eq(grants.unitId, association))).toHaveLength(1);
    const decided = await act(chutich, id, "APPROVE");
    expect(decided).toMatchObject({ state: "dissolved", status: "done" });
    const rows = await t.services.database.db.select().from(units).where(eq(units.retiredBy, id));
    expect(rows.map((u) => u.id).sort()).toEqual([association, branch].sort());
    expect(rows.every((u) => u.retiredAt?.toISOString() === "2026-12-04T02:00:00.000Z")).toBe(true);
    for (const unitId of [association, branch]) expect(await t.services.database.db.select().from(grants).where(eq(grants.unitId, unitId))).toEqual([]);
    // The chairman keeps his own applicant role elsewhere; the other association is untouched.
    const me = (await (await t.request(chairman, "GET", "/api/me")).json()) as { grants: { unitId: string }[] };
    expect(me.grants.map((g) => g.unitId)).toEqual([DEMO_UNITS.konTum]);
    expect((await t.services.database.db.select().from(units).where(eq(units.id, other)))[0]!.retiredAt).toBeNull();
  });

  it("the public notice and the settlement deadline: refused with the reason before the deadline has passed, decided the day after it", async () => {
    const third = (await t.unit({ kind: "association", name: "Hội Người cao tuổi (thử)", parentId: DEMO_UNITS.soNoiVu })).id;
    const head = await t.user({ grants: [{ role: "leader", unitId: third }] });
    const submit = async (changes: Record<string, unknown>) => {
      // Each dossier brings its own uploads: an attachment belongs to one dossier.
      const data = { ...(await request(head, third)), name: "Hội Người cao tuổi (thử)", settlementDeadline: "2026-12-10" };
      const id = ((await (await t.request(head, "POST", "/api/instances", { workflow: "association-dissolution", data: { ...data, ...changes } })).json()) as { id: string }).id;
      return [id, await t.request(head, "POST", `/api/instances/${id}/events`, { type: "SUBMIT" })] as const;
    };
    // Four issues are not the five consecutive issues; a deadline before the last issue announces nothing.
    const [, fourIssues] = await submit({ noticePublications: ["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26"] });
    expect([fourIssues.status, ((await fourIssues.json()) as Refusal & { error: { message: string } }).error.message]).toEqual([422, expect.stringMatching(/05 số báo liên tiếp/)]);
    const [, early] = await submit({ settlementDeadline: "2026-11-26" });
    expect(((await early.json()) as { error: { message: string } }).error.message).toMatch(/Thời hạn thanh toán nợ phải sau ngày phát hành/);

    const [id, submitted] = await submit({});
    expect(submitted.status).toBe(200);
    await act(chuyenvien, id, "PROPOSE");
    await act(lanhdao, id, "SEND_SUBMISSION");
    const decide = () => t.request(chutich, "POST", `/api/instances/${id}/events`, { type: "APPROVE", data: sampleEventData("APPROVE") });
    const refused = await decide();
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: "CONDITION_FAILED", message: expect.stringMatching(/Chưa hết thời hạn thanh toán nợ/) });
    t.clock.set("2026-12-10T16:00:00+07:00"); // the deadline's own day is still within it
    expect((await decide()).status).toBe(422);
    t.clock.set("2026-12-11T08:00:00+07:00");
    const decided = await decide();
    expect(decided.status).toBe(200);
    expect(await decided.json()).toMatchObject({ state: "dissolved", documents: [expect.objectContaining({ number: expect.stringMatching(/\/TTr-SNV$/) }), expect.objectContaining({ number: expect.stringMatching(/\/QĐ-UBND$/) })] });
    expect((await t.services.database.db.select().from(units).where(eq(units.id, third)))[0]!.retiredBy).toBe(id);
    t.clock.set("2026-12-04T09:00:00+07:00");
  });

  it("a retired unit is no longer offered nor accepted: pickers, new dossiers, new roles", async () => {
    const listed = (await (await t.request(chairman, "GET", "/api/units")).json()) as { items: { id: string }[] };
    expect(listed.items.map((u) => u.id)).not.toContain(association);
    expect(listed.items.map((u) => u.id)).toContain(other);
    const again = await start(chairman, association);
    expect(((await again.json()) as Refusal).error.fields?.map((f) => [f.path, f.code])).toEqual([["/association", "unitRetired"]]);
    const admin = await t.as("admin");
    const grant = await t.request(admin, "POST", "/api/admin/grants", { userId: member.id, role: "applicant", unitId: branch });
    expect([grant.status, ((await grant.json()) as Refusal).error.fields?.[0]?.path]).toEqual([422, "/unitId"]);
  });
});
