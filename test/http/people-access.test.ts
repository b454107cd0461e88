import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/databases";
import { foundingApplication, sampleEventData } from "../support/founding";
import { createDemoApp, DEMO_UNITS, DEMO_USERS, type DemoApp } from "../support/demo";
import type { TestUser } from "../support/harness";

type Inbox = { items: { id: string; dossierId: string; code: string; state: string; unitId: string; unitName: string; role: string; claimedBy: unknown }[]; total: number };

describe.each(databaseKinds)("who sees and acts on a founding dossier, on the Kon Tum demo, on %s", (kind) => {
  let t: DemoApp;
  let nguoinop: TestUser;
  let chuyenvien: TestUser;
  let lanhdao: TestUser;
  let otherApplicant: TestUser;
  let districtSpecialist: TestUser;
  let mttqDakHa: TestUser;
  let dossierId: string;

  beforeAll(async () => {
    t = await createDemoApp(kind);
    [nguoinop, chuyenvien, lanhdao, mttqDakHa] = await Promise.all([t.as("nguoinop"), t.as("chuyenvien"), t.as("lanhdao"), t.as("mttqDakHa")]);
    otherApplicant = await t.user({ username: "nguoinop2", grants: [{ role: "applicant", unitId: DEMO_UNITS.konTum }] });
    districtSpecialist = await t.user({ username: "chuyenvien.dakha", grants: [{ role: "specialist", unitId: DEMO_UNITS.phongNoiVuDakHa }] });
    const res = await t.request(nguoinop, "POST", "/api/instances", {
      workflow: "association-founding",
      data: await foundingApplication(t, nguoinop, { name: "Hội Nuôi ong tỉnh Kon Tum", authorityUnit: DEMO_UNITS.soNoiVu }),
    });
    expect(res.status).toBe(201);
    dossierId = ((await res.json()) as { id: string }).id;
    expect((await t.request(nguoinop, "POST", `/api/instances/${dossierId}/events`, { type: "SUBMIT" })).status).toBe(200);
  });
  afterAll(async () => t.close());

  const inbox = async (user: TestUser, query = "") => (await (await t.request(user, "GET", `/api/tasks${query}`)).json()) as Inbox;

  it("scopes the dossier to its authority, Sở Nội vụ", async () => {
    const view = (await (await t.request(nguoinop, "GET", `/api/instances/${dossierId}`)).json()) as { unitId: string };
    expect(view.unitId).toBe(DEMO_UNITS.soNoiVu);
  });

  it("hides an applicant's dossier from another applicant (404) and lists only their own", async () => {
    const res = await t.request(otherApplicant, "GET", `/api/instances/${dossierId}`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "DOSSIER_NOT_FOUND" } });
    expect((await t.request(otherApplicant, "POST", `/api/instances/${dossierId}/events`, { type: "WITHDRAW" })).status).toBe(404);
    const list = (await (await t.request(otherApplicant, "GET", "/api/instances")).json()) as { total: number };
    expect(list.total).toBe(0);
    expect((await inbox(otherApplicant)).total).toBe(0);
  });

  it("refuses the applicant the specialist's and the leader's events with 403", async () => {
    for (const type of ["PROPOSE", "PROPOSE_REJECTION"]) {
      const res = await t.request(nguoinop, "POST", `/api/instances/${dossierId}/events`, { type });
      expect(res.status, type).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: "ROLE_NOT_ALLOWED" } });
    }
  });

  it("puts the dossier in chuyenvien's inbox with its code, state title and unit", async () => {
    const view = (await (await t.request(nguoinop, "GET", `/api/instances/${dossierId}`)).json()) as { code: string };
    const box = await inbox(chuyenvien);
    const task = box.items.find((i) => i.dossierId === dossierId);
    expect(task).toMatchObject({
      code: view.code,
      workflow: "association-founding",
      workflowTitle: { vi: "Thành lập hội" },
      state: "committeeReview",
      stateTitle: { vi: "Thẩm định hồ sơ công nhận ban vận động" },
      unitId: DEMO_UNITS.soNoiVu,
      unitName: "Sở Nội vụ tỉnh Quảng Ngãi",
      role: "specialist",
      // Submitted Mon 23/11/2026: 30 working days — 24–27/11, 30/11–4/12, … 28–31/12 make 28; Fri 1/1/2027 is
      // Tết Dương lịch; Mon 4/1 is 29, Tue 5/1 is 30.
      due: "2027-01-05",
      daysLeft: 30,
      overdue: false,
      claimedBy: null,
    });
    // The seeded dossier waiting for review is there too.
    expect(box.items.map((i) => i.state)).toEqual(["committeeReview", "committeeReview"]);
  });

  it("keeps the dossier away from a specialist of another district and from other organisations", async () => {
    for (const outsider of [districtSpecialist, mttqDakHa]) {
      expect((await t.request(outsider, "GET", `/api/instances/${dossierId}`)).status).toBe(404);
      expect((await t.request(outsider, "POST", `/api/instances/${dossierId}/events`, { type: "PROPOSE" })).status).toBe(404);
      expect((await inbox(outsider)).items.map((i) => i.dossierId)).not.toContain(dossierId);
      const list = (await (await t.request(outsider, "GET", "/api/instances")).json()) as { items: { id: string }[] };
      expect(list.items.map((i) => i.id)).not.toContain(dossierId);
    }
  });

  it("lets chuyenvien act, moves the task to lanhdao, and records each actor in the history", async () => {
    const propose = await t.request(chuyenvien, "POST", `/api/instances/${dossierId}/events`, { type: "PROPOSE", data: { summary: "Đủ điều kiện" } });
    expect(propose.status).toBe(200);
    expect((await inbox(chuyenvien)).items.map((i) => i.dossierId)).not.toContain(dossierId);
    expect((await inbox(lanhdao)).items.find((i) => i.dossierId === dossierId)).toMatchObject({ state: "committeeDecision", role: "leader" });
    // The specialist still sees the dossier (a past task was in their unit) but may not approve it.
    expect((await t.request(chuyenvien, "GET", `/api/instances/${dossierId}`)).status).toBe(200);
    const approveBySpecialist = await t.request(chuyenvien, "POST", `/api/instances/${dossierId}/events`, { type: "APPROVE" });
    expect(approveBySpecialist.status).toBe(403);
    const approve = await t.request(lanhdao, "POST", `/api/instances/${dossierId}/events`, { type: "APPROVE", data: sampleEventData("APPROVE") });
    expect(approve.status).toBe(200);
    const view = (await approve.json()) as { state: string; history: { type: string; actorId: string; actorRoles: string[] }[] };
    expect(view.state).toBe("committeeRecognized");
    expect(view.history.map((h) => [h.type, h.actorId, h.actorRoles])).toEqual([
      ["START", DEMO_USERS.nguoinop.id, ["applicant"]],
      ["SUBMIT", DEMO_USERS.nguoinop.id, ["applicant"]],
      ["PROPOSE", DEMO_USERS.chuyenvien.id, ["specialist"]],
      ["APPROVE", DEMO_USERS.lanhdao.id, ["leader"]],
    ]);
    // Back with the applicant: a personal task in their inbox, none left for the officials.
    expect((await inbox(nguoinop)).items.find((i) => i.dossierId === dossierId)).toMatchObject({ state: "committeeRecognized", role: "applicant" });
    expect((await inbox(lanhdao)).items.map((i) => i.dossierId)).not.toContain(dossierId);
  });

  it("closes every task when the dossier ends", async () => {
    const res = await t.request(nguoinop, "POST", `/api/instances/${dossierId}/events`, { type: "WITHDRAW" });
    expect(res.status).toBe(200);
    const open = await t.services.database.db.execute(`select count(*)::int as n from tasks where instance_id = '${dossierId}' and closed_at is null`);
    const rows = Array.isArray(open) ? open : (open as { rows: unknown[] }).rows;
    expect(rows).toEqual([{ n: 0 }]);
    // Still readable by everyone who worked on it.
    for (const user of [nguoinop, chuyenvien, lanhdao]) expect((await t.request(user, "GET", `/api/instances/${dossierId}`)).status).toBe(200);
  });

  it("refuses an authority that does not exist, naming the field, already when the dossier is started or drafted", async () => {
    const data = await foundingApplication(t, nguoinop, { name: "Hội Không nơi nhận", authorityUnit: "00000000-0000-4000-8000-999999999999" });
    for (const draft of [false, true]) {
      const res = await t.request(nguoinop, "POST", "/api/instances", { workflow: "association-founding", data, draft });
      expect(res.status).toBe(422);
      expect(await res.json()).toMatchObject({ error: { code: "VALIDATION_FAILED", fields: [{ path: "/authorityUnit", code: "unit" }] } });
    }
  });
});

describe.each(databaseKinds)("tasks visible to ancestor units on %s", (kind) => {
  let t: DemoApp;
  beforeAll(async () => {
    t = await createDemoApp(kind);
  });
  afterAll(async () => t.close());

  it("shows a district task to the province only where the definition says visibleToAncestors", async () => {
    const admin = await t.as("admin");
    const definition = (visibleToAncestors: boolean, key: string) => ({
      key,
      title: { vi: "Báo cáo xã" },
      initial: "review",
      states: {
        review: {
          title: { vi: "Huyện xem xét" },
          assignee: { role: "specialist", unit: "$.data.district", visibleToAncestors },
          on: { ACCEPT: { target: "done" } },
        },
        done: { type: "final", title: { vi: "Xong" } },
      },
    });
    for (const [key, visible] of [["bao-cao-mo", true], ["bao-cao-dong", false]] as const) {
      expect((await t.request(admin, "POST", "/api/workflows", definition(visible, key))).status).toBe(201);
    }
    const province = await t.user({ grants: [{ role: "specialist", unitId: DEMO_UNITS.konTum }] });
    const district = await t.user({ grants: [{ role: "specialist", unitId: DEMO_UNITS.dakHa }] });
    const starter = await t.user({ grants: [{ role: "applicant", unitId: DEMO_UNITS.haMon }] });
    const start = async (workflow: string) =>
      ((await (await t.request(starter, "POST", "/api/instances", { workflow, data: { district: DEMO_UNITS.dakHa } })).json()) as { id: string }).id;
    const open = await start("bao-cao-mo");
    const closed = await start("bao-cao-dong");
    const box = (await (await t.request(province, "GET", "/api/tasks")).json()) as Inbox;
    expect(box.items.map((i) => i.dossierId)).toEqual([open]);
    expect((await t.request(province, "GET", `/api/instances/${closed}`)).status).toBe(404);
    expect((await t.request(province, "POST", `/api/instances/${closed}/events`, { type: "ACCEPT" })).status).toBe(404);
    expect((await t.request(province, "POST", `/api/instances/${open}/events`, { type: "ACCEPT" })).status).toBe(200);
    expect((await t.request(district, "POST", `/api/instances/${closed}/events`, { type: "ACCEPT" })).status).toBe(200);
  });
});
