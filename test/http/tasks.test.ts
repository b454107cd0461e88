import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tasks } from "../../server/db/schema";
import { eq } from "drizzle-orm";
import { END_OF_DAY, vietnamInstant } from "../../server/services/vietnam-time";
import { databaseKinds } from "../support/databases";
import { foundingApplication, withSampleData } from "../support/founding";
import { createDemoApp, DEMO_UNITS, type DemoApp } from "../support/demo";
import type { TestUser } from "../support/harness";

type Item = { id: string; dossierId: string; code: string; title: string; state: string; due: string | null; daysLeft: number | null; overdue: boolean; claimedBy: { id: string; displayName: string } | null };
type Inbox = { items: Item[]; total: number; page: number; pageSize: number };

describe.each(databaseKinds)("claiming, releasing and delegating tasks on %s", (kind) => {
  let t: DemoApp;
  let nguoinop: TestUser;
  let chuyenvien: TestUser;
  let colleague: TestUser;
  let lanhdao: TestUser;
  let outsider: TestUser;
  let applicantOfUnit: TestUser;

  beforeAll(async () => {
    t = await createDemoApp(kind);
    [nguoinop, chuyenvien, lanhdao] = await Promise.all([t.as("nguoinop"), t.as("chuyenvien"), t.as("lanhdao")]);
    colleague = await t.user({ username: "chuyenvien2", displayName: "Hồ Thị Hai", grants: [{ role: "specialist", unitId: DEMO_UNITS.soNoiVu }] });
    outsider = await t.user({ grants: [{ role: "specialist", unitId: DEMO_UNITS.phongNoiVuDakHa }] });
    applicantOfUnit = await t.user({ grants: [{ role: "applicant", unitId: DEMO_UNITS.soNoiVu }] });
  });
  afterAll(async () => t.close());

  /** A founding dossier submitted to Sở Nội vụ, and its review task. */
  async function submitted(name = "Hội Thử nghiệm") {
    const data = await foundingApplication(t, nguoinop, { name, authorityUnit: DEMO_UNITS.soNoiVu });
    const res = await t.request(nguoinop, "POST", "/api/instances", { workflow: "association-founding", data });
    const { id } = (await res.json()) as { id: string };
    expect((await t.request(nguoinop, "POST", `/api/instances/${id}/events`, { type: "SUBMIT" })).status).toBe(200);
    const box = (await (await t.request(chuyenvien, "GET", "/api/tasks?pageSize=100")).json()) as Inbox;
    return { dossierId: id, taskId: box.items.find((i) => i.dossierId === id)!.id };
  }
  // Events carry valid data for their forms (what this suite checks is who may act).
  const post = (user: TestUser, path: string, body?: unknown) => t.request(user, "POST", path, withSampleData(body));
  const claimedBy = async (user: TestUser, taskId: string) => {
    const box = (await (await t.request(user, "GET", "/api/tasks?pageSize=100")).json()) as Inbox;
    return box.items.find((i) => i.id === taskId)?.claimedBy ?? null;
  };

  it("claims a task: shown as claimed to the whole unit; only the claimer (or a leader) may act", async () => {
    const { dossierId, taskId } = await submitted();
    const claim = await post(chuyenvien, `/api/tasks/${taskId}/claim`);
    expect(claim.status).toBe(200);
    expect(await claimedBy(colleague, taskId)).toEqual({ id: chuyenvien.id, displayName: "Trần Thị Chuyên (Sở Nội vụ)" });
    expect((await post(chuyenvien, `/api/tasks/${taskId}/claim`)).status).toBe(200);
    const taken = await post(colleague, `/api/tasks/${taskId}/claim`);
    expect(taken.status).toBe(409);
    expect(await taken.json()).toMatchObject({ error: { code: "TASK_ALREADY_CLAIMED" } });
    const blocked = await post(colleague, `/api/instances/${dossierId}/events`, { type: "PROPOSE" });
    expect(blocked.status).toBe(403);
    expect(await blocked.json()).toMatchObject({ error: { code: "TASK_CLAIMED_BY_OTHER" } });
    // The colleague still sees it, but is offered no events.
    const view = (await (await t.request(colleague, "GET", `/api/instances/${dossierId}`)).json()) as { availableEvents: unknown[] };
    expect(view.availableEvents).toEqual([]);
    expect((await post(chuyenvien, `/api/instances/${dossierId}/events`, { type: "PROPOSE" })).status).toBe(200);
    // The task is closed now: claiming it again is refused.
    expect((await post(colleague, `/api/tasks/${taskId}/claim`)).status).toBe(409);
  });

  it("lets exactly one of two concurrent claims win", async () => {
    const { taskId } = await submitted();
    const [a, b] = await Promise.all([post(chuyenvien, `/api/tasks/${taskId}/claim`), post(colleague, `/api/tasks/${taskId}/claim`)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
  });

  it("releases only by the claimer or a leader of the unit", async () => {
    const { taskId } = await submitted();
    await post(chuyenvien, `/api/tasks/${taskId}/claim`);
    const refused = await post(colleague, `/api/tasks/${taskId}/release`);
    expect(refused.status).toBe(403);
    expect((await post(chuyenvien, `/api/tasks/${taskId}/release`)).status).toBe(200);
    expect(await claimedBy(colleague, taskId)).toBeNull();
    await post(colleague, `/api/tasks/${taskId}/claim`);
    // lanhdao is a leader of Sở Nội vụ: may take it back for the unit.
    expect((await post(lanhdao, `/api/tasks/${taskId}/release`)).status).toBe(200);
    expect(await claimedBy(chuyenvien, taskId)).toBeNull();
  });

  it("lets a leader of the unit act on a task another official claimed", async () => {
    const { dossierId } = await submitted();
    expect((await post(chuyenvien, `/api/instances/${dossierId}/events`, { type: "PROPOSE" })).status).toBe(200);
    const deputy = await t.user({ grants: [{ role: "leader", unitId: DEMO_UNITS.soNoiVu }] });
    const decision = ((await (await t.request(deputy, "GET", "/api/tasks")).json()) as Inbox).items.find((i) => i.dossierId === dossierId)!;
    expect((await post(deputy, `/api/tasks/${decision.id}/claim`)).status).toBe(200);
    // A specialist holding no leader role gets nothing from the claim: not their step anyway.
    expect((await post(chuyenvien, `/api/instances/${dossierId}/events`, { type: "APPROVE" })).status).toBe(403);
    const approve = await post(lanhdao, `/api/instances/${dossierId}/events`, { type: "APPROVE" });
    expect(approve.status).toBe(200);
    expect(await approve.json()).toMatchObject({ state: "committeeRecognized" });
  });

  it("delegates only to someone holding the task's role in its unit", async () => {
    const { dossierId, taskId } = await submitted();
    await post(chuyenvien, `/api/tasks/${taskId}/claim`);
    for (const target of [outsider, applicantOfUnit, lanhdao]) {
      const res = await post(chuyenvien, `/api/tasks/${taskId}/delegate`, { userId: target.id });
      expect(res.status).toBe(422);
      expect(await res.json()).toMatchObject({ error: { code: "DELEGATE_NOT_ELIGIBLE", fields: [{ path: "/userId" }] } });
    }
    expect((await post(colleague, `/api/tasks/${taskId}/delegate`, { userId: colleague.id })).status).toBe(403);
    expect((await post(chuyenvien, `/api/tasks/${taskId}/delegate`, { userId: "00000000-0000-4000-8000-999999999999" })).status).toBe(422);
    expect((await post(chuyenvien, `/api/tasks/${taskId}/delegate`, { userId: "not-a-uuid" })).status).toBe(422);
    const ok = await post(chuyenvien, `/api/tasks/${taskId}/delegate`, { userId: colleague.id });
    expect(ok.status).toBe(200);
    expect(await claimedBy(chuyenvien, taskId)).toMatchObject({ id: colleague.id, displayName: "Hồ Thị Hai" });
    expect((await post(chuyenvien, `/api/instances/${dossierId}/events`, { type: "PROPOSE" })).status).toBe(403);
    expect((await post(colleague, `/api/instances/${dossierId}/events`, { type: "PROPOSE" })).status).toBe(200);
  });

  it("offers as delegates the enabled holders of the task's role in its unit, the claimer marked", async () => {
    const { taskId } = await submitted("Hội Ứng viên");
    await post(chuyenvien, `/api/tasks/${taskId}/claim`);
    const disabled = await t.user({ displayName: "Người Đã Nghỉ", grants: [{ role: "specialist", unitId: DEMO_UNITS.soNoiVu }] });
    await t.services.people.update(disabled.id, { disabled: true });
    const res = await t.request(chuyenvien, "GET", `/api/tasks/${taskId}/candidates`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { task: { unitName: string; role: string }; items: { id: string; displayName: string; current: boolean; self: boolean }[] };
    expect(body.task).toMatchObject({ role: "specialist", unitName: expect.stringContaining("Nội vụ") });
    const ids = body.items.map((i) => i.id);
    expect(ids).toContain(colleague.id);
    expect(body.items.find((i) => i.id === chuyenvien.id)).toMatchObject({ current: true, self: true });
    for (const notHere of [outsider, applicantOfUnit, lanhdao, disabled]) expect(ids).not.toContain(notHere.id);
    // Each candidate is accepted by the delegate route.
    expect((await post(chuyenvien, `/api/tasks/${taskId}/delegate`, { userId: colleague.id })).status).toBe(200);
    // Now claimed by the colleague: chuyenvien may no longer hand it on; a leader of the unit may.
    expect((await t.request(chuyenvien, "GET", `/api/tasks/${taskId}/candidates`)).status).toBe(403);
    expect((await t.request(lanhdao, "GET", `/api/tasks/${taskId}/candidates`)).status).toBe(200);
    expect((await t.request(outsider, "GET", `/api/tasks/${taskId}/candidates`)).status).toBe(404);
  });

  it("hides tasks from those outside the unit (404) and refuses claiming personal tasks", async () => {
    const { dossierId, taskId } = await submitted();
    for (const action of ["claim", "release"]) expect((await post(outsider, `/api/tasks/${taskId}/${action}`)).status).toBe(404);
    expect((await post(outsider, `/api/tasks/${taskId}/delegate`, { userId: outsider.id })).status).toBe(404);
    expect((await post(nguoinop, `/api/tasks/${taskId}/claim`)).status).toBe(404);
    expect((await post(chuyenvien, `/api/tasks/not-a-task/claim`)).status).toBe(404);
    await post(chuyenvien, `/api/instances/${dossierId}/events`, { type: "REQUEST_SUPPLEMENT", data: { items: ["CV"] } });
    const own = (await (await t.request(nguoinop, "GET", "/api/tasks?pageSize=100")).json()) as Inbox;
    const personal = own.items.find((i) => i.dossierId === dossierId)!;
    expect(personal.state).toBe("committeeSupplement");
    expect((await post(nguoinop, `/api/tasks/${personal.id}/claim`)).status).toBe(409);
    expect((await post(chuyenvien, `/api/tasks/${personal.id}/claim`)).status).toBe(404);
  });
});

describe.each(databaseKinds)("inbox filters, paging and due dates on %s", (kind) => {
  let t: DemoApp;
  let nguoinop: TestUser;
  let chuyenvien: TestUser;
  const codes: string[] = [];
  beforeAll(async () => {
    t = await createDemoApp(kind);
    [nguoinop, chuyenvien] = await Promise.all([t.as("nguoinop"), t.as("chuyenvien")]);
    for (const name of ["Hội Sinh vật cảnh", "Hội Cựu thanh niên xung phong", "Hội Người mù", "Hội Nạn nhân chất độc da cam"]) {
      t.clock.advance(60_000);
      const data = await foundingApplication(t, nguoinop, { name, authorityUnit: DEMO_UNITS.soNoiVu });
      const res = await t.request(nguoinop, "POST", "/api/instances", { workflow: "association-founding", data });
      const { id, code } = (await res.json()) as { id: string; code: string };
      codes.push(code);
      await t.request(nguoinop, "POST", `/api/instances/${id}/events`, { type: "SUBMIT" });
    }
  });
  afterAll(async () => t.close());
  const inbox = async (query: string, user = chuyenvien) => (await (await t.request(user, "GET", `/api/tasks${query}`)).json()) as Inbox;

  it("pages the open tasks, oldest first, with the total", async () => {
    const all = await inbox("?pageSize=100");
    expect(all.total).toBe(5); // 4 new + 1 seeded
    const first = await inbox("?pageSize=2&page=1");
    const third = await inbox("?pageSize=2&page=3");
    expect(first).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(first.items.map((i) => i.id)).toEqual(all.items.slice(0, 2).map((i) => i.id));
    expect(third.items.map((i) => i.id)).toEqual(all.items.slice(4).map((i) => i.id));
  });

  it("filters by text on code and title, by state and workflow, claimed by me and unclaimed", async () => {
    expect((await inbox(`?q=${encodeURIComponent("người mù")}`)).items.map((i) => i.title)).toEqual(["Hội Người mù"]);
    expect((await inbox(`?q=${codes[0]!.slice(-6).toLowerCase()}`)).items.map((i) => i.code)).toEqual([codes[0]]);
    expect((await inbox("?q=%25_")).total).toBe(0);
    expect((await inbox("?state=committeeDecision")).total).toBe(0);
    expect((await inbox("?workflow=association-founding")).total).toBe(5);
    expect((await inbox("?workflow=plan")).total).toBe(0);
    const target = (await inbox(`?q=${codes[1]}`)).items[0]!;
    await t.request(chuyenvien, "POST", `/api/tasks/${target.id}/claim`);
    expect((await inbox("?mine=true")).items.map((i) => i.id)).toEqual([target.id]);
    expect((await inbox("?unclaimed=true")).total).toBe(4);
    expect((await t.request(chuyenvien, "GET", "/api/tasks?mine=perhaps")).status).toBe(422);
  });

  it("shows due dates, days left (working days) and overdue from tasks.due_at, sorted soonest first", async () => {
    const [a, b] = (await inbox("?pageSize=100")).items;
    t.clock.set("2026-11-23T09:00:00+07:00"); // Monday
    // due_at is the last instant of the due date in Vietnam (set from the dossier's legal clock).
    await t.services.database.db.update(tasks).set({ dueAt: vietnamInstant("2026-11-26", END_OF_DAY) }).where(eq(tasks.id, a!.id));
    await t.services.database.db.update(tasks).set({ dueAt: vietnamInstant("2026-11-20", END_OF_DAY) }).where(eq(tasks.id, b!.id));
    const box = await inbox("?pageSize=100");
    expect(box.items.slice(0, 2).map((i) => [i.id, i.due, i.daysLeft, i.overdue])).toEqual([
      [b!.id, "2026-11-20", -1, true], // Fri 20/11: one working day (Mon 23/11) past it
      [a!.id, "2026-11-26", 3, false], // Thu 26/11: Tue, Wed, Thu left
    ]);
    expect((await inbox("?overdue=true")).items.map((i) => i.id)).toEqual([b!.id]);
  });

  it("shows an applicant only their personal tasks", async () => {
    const own = await inbox("?pageSize=100", nguoinop);
    expect(own.items.map((i) => i.state).sort()).toEqual(["committeeSupplement", "draft"]);
  });
});

describe.each(databaseKinds)("inbox tab counts, the done view and paused clocks on %s", (kind) => {
  type Counts = { mine: number; unit: number; unclaimed: number; overdue: number; done: number };
  type Row = Item & { closedAt: string | null; paused: boolean };
  let t: DemoApp;
  let nguoinop: TestUser;
  let chuyenvien: TestUser;
  let colleague: TestUser;
  let outsider: TestUser;
  beforeAll(async () => {
    t = await createDemoApp(kind);
    [nguoinop, chuyenvien] = await Promise.all([t.as("nguoinop"), t.as("chuyenvien")]);
    colleague = await t.user({ grants: [{ role: "specialist", unitId: DEMO_UNITS.soNoiVu }] });
    outsider = await t.user({ grants: [{ role: "specialist", unitId: DEMO_UNITS.phongNoiVuDakHa }] });
  });
  afterAll(async () => t.close());

  const counts = async (user: TestUser) => {
    const res = await t.request(user, "GET", "/api/tasks/counts");
    expect(res.status).toBe(200);
    return (await res.json()) as Counts;
  };
  const box = async (user: TestUser, query = "") => (await (await t.request(user, "GET", `/api/tasks?pageSize=100${query}`)).json()) as { items: Row[]; total: number };
  async function submitted(name: string) {
    t.clock.advance(60_000); // one minute apart: "newest" and "latest closed" are told apart by time
    const data = await foundingApplication(t, nguoinop, { name, authorityUnit: DEMO_UNITS.soNoiVu });
    const { id } = (await (await t.request(nguoinop, "POST", "/api/instances", { workflow: "association-founding", data })).json()) as { id: string };
    expect((await t.request(nguoinop, "POST", `/api/instances/${id}/events`, { type: "SUBMIT" })).status).toBe(200);
    return { dossierId: id, taskId: (await box(chuyenvien)).items.find((i) => i.dossierId === id)!.id };
  }

  it("counts each tab from the server, and they follow claim and close; done is per person", async () => {
    const before = await counts(chuyenvien);
    const { dossierId, taskId } = await submitted("Hội Đếm việc");
    expect(await counts(chuyenvien)).toEqual({ ...before, unit: before.unit + 1, unclaimed: before.unclaimed + 1 });
    // The tab counts agree with the lists they stand for.
    expect((await box(chuyenvien)).total).toBe(before.unit + 1);
    expect((await box(chuyenvien, "&unclaimed=true")).total).toBe(before.unclaimed + 1);
    expect((await t.request(chuyenvien, "POST", `/api/tasks/${taskId}/claim`)).status).toBe(200);
    expect(await counts(chuyenvien)).toMatchObject({ mine: before.mine + 1, unclaimed: before.unclaimed });
    expect((await box(chuyenvien, "&mine=true")).total).toBe(before.mine + 1);
    const proposed = await t.request(chuyenvien, "POST", `/api/instances/${dossierId}/events`, withSampleData({ type: "PROPOSE" }));
    expect(proposed.status).toBe(200);
    expect(await counts(chuyenvien)).toEqual({ ...before, done: before.done + 1 });
    const done = await box(chuyenvien, "&done=true");
    expect(done.total).toBe(before.done + 1);
    expect(done.items[0]).toMatchObject({ id: taskId, dossierId, closedAt: t.clock.now().toISOString(), overdue: false, daysLeft: null, paused: false });
    // Not the colleague's nor an outsider's: done is what one closed oneself.
    expect((await counts(colleague)).done).toBe(0);
    expect((await box(colleague, "&done=true")).items.map((i) => i.id)).not.toContain(taskId);
    expect(await counts(outsider)).toEqual({ mine: 0, unit: 0, unclaimed: 0, overdue: 0, done: 0 });
  });

  it("counts the overdue tasks and sorts newest first on request", async () => {
    const { taskId } = await submitted("Hội Quá hạn");
    const before = await counts(chuyenvien);
    await t.services.database.db.update(tasks).set({ dueAt: new Date(t.clock.now().getTime() - 86_400_000) }).where(eq(tasks.id, taskId));
    expect(await counts(chuyenvien)).toEqual({ ...before, overdue: before.overdue + 1 });
    expect((await box(chuyenvien)).items[0]!.id).toBe(taskId);
    const { taskId: newest } = await submitted("Hội Mới nhất");
    expect((await box(chuyenvien, "&sort=newest")).items[0]!.id).toBe(newest);
  });

  it("marks a task whose legal clock is paused, awaiting the applicant's supplement", async () => {
    const { dossierId } = await submitted("Hội Tạm dừng");
    expect((await box(chuyenvien)).items.find((i) => i.dossierId === dossierId)).toMatchObject({ paused: false, due: expect.any(String) });
    const asked = await t.request(chuyenvien, "POST", `/api/instances/${dossierId}/events`, { type: "REQUEST_SUPPLEMENT", data: { items: ["Bản sao CCCD"] } });
    expect(asked.status).toBe(200);
    const personal = (await box(nguoinop)).items.find((i) => i.dossierId === dossierId)!;
    expect(personal).toMatchObject({ state: "committeeSupplement", due: null, paused: true });
    // The applicant's own task counts as his.
    expect((await counts(nguoinop)).mine).toBeGreaterThanOrEqual(1);
    expect((await box(nguoinop, "&mine=true")).items.map((i) => i.id)).toContain(personal.id);
  });

  it("refuses malformed filters (422) and strangers (401)", async () => {
    for (const query of ["?done=maybe", "?sort=oldest", "?sort=", "?done=true&pageSize=1000"]) {
      const res = await t.request(chuyenvien, "GET", `/api/tasks${query}`);
      expect(res.status, query).toBe(422);
      expect(await res.json()).toMatchObject({ error: { code: "VALIDATION_FAILED" } });
    }
    expect((await t.request(null, "GET", "/api/tasks/counts")).status).toBe(401);
  });
});
