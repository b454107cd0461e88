import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notifications, outbox } from "../../server/db/schema";
import { Scheduler } from "../../server/scheduler/scheduler";
import { databaseKinds } from "../support/databases";
import { createTestApp, type TestApp, type TestUser } from "../support/harness";
import { act, createWorld, startFounding, type World } from "./founding-walk";

type Page = { items: { id: string; kind: string; title: string; body: string; readAt: string | null; instanceId: string }[]; total: number; unread: number };

describe.each(databaseKinds)("notifications on %s", (kind) => {
  let t: TestApp;
  let w: World;
  let scheduler: Scheduler;
  beforeAll(async () => {
    t = await createTestApp(kind, { now: "2026-03-02T09:00:00+07:00" });
    w = await createWorld(t);
    scheduler = new Scheduler(t.services);
  });
  afterAll(async () => t.close());

  const list = async (user: TestUser, query = "") => {
    const res = await t.request(user, "GET", `/api/notifications${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as Page;
  };
  const about = async (user: TestUser, id: string) => (await list(user, "?pageSize=100")).items.filter((n) => n.instanceId === id);

  it("tells whoever holds the next task, through an outbox row written with the step; never the actor", async () => {
    t.clock.set("2026-03-02T09:00:00+07:00");
    const id = await startFounding(t, w);
    await act(t, w.applicant, id, "SUBMIT");
    // Written in the steps' transactions, not yet dispatched.
    const rows = await t.services.database.db.select().from(outbox).where(eq(outbox.instanceId, id));
    expect(rows.map((r) => r.kind)).toEqual(["step", "step"]);
    expect(await about(w.specialist, id)).toEqual([]);

    await scheduler.runDue();
    // START and SUBMIT were the applicant's own steps: nothing for them. The review task is the specialist's.
    expect(await about(w.applicant, id)).toEqual([]);
    expect((await about(w.specialist, id)).map((n) => [n.kind, n.title])).toEqual([
      ["task", expect.stringMatching(/^Hồ sơ KT-2026-\w{6}: Thẩm định hồ sơ công nhận ban vận động$/)],
    ]);
    expect(await about(w.leader, id)).toEqual([]);

    await act(t, w.specialist, id, "REQUEST_SUPPLEMENT");
    await scheduler.runDue();
    const back = await about(w.applicant, id);
    expect(back.map((n) => n.title)).toEqual([expect.stringMatching(/: Chờ bổ sung hồ sơ \(ban vận động\)$/)]);
    expect(t.mailer.sent.filter((m) => m.userId === w.applicant.id).map((m) => m.subject)).toContain(back[0]!.title);
  });

  it("reminds the specialist before the due date and escalates to the unit's leader after it", async () => {
    t.clock.set("2026-03-02T09:00:00+07:00");
    const id = await startFounding(t, w, "Hội Nông dân xã");
    await act(t, w.applicant, id, "SUBMIT"); // due Mon 13/04/2026; reminders Wed 8/4 and Fri 10/4; escalation Tue 14/4
    t.clock.set("2026-04-08T07:00:00+07:00");
    await scheduler.runDue();
    expect((await about(w.specialist, id)).filter((n) => n.kind === "reminder").map((n) => n.title)).toEqual([
      expect.stringMatching(/^Sắp đến hạn: hồ sơ KT-2026-\w{6} \(hạn 13\/04\/2026\)$/),
    ]);
    t.clock.set("2026-04-14T07:00:00+07:00");
    await scheduler.runDue();
    const escalations = (await about(w.leader, id)).filter((n) => n.kind === "escalation");
    expect(escalations.map((n) => n.title)).toEqual([expect.stringMatching(/^Quá hạn: hồ sơ KT-2026-\w{6} \(hạn 13\/04\/2026\)$/)]);
    expect((await about(w.specialist, id)).some((n) => n.kind === "escalation")).toBe(false);
  });

  it("marks a notification read: unread ones first, a repeat changes nothing, another user's is 404", async () => {
    const page = await list(w.specialist);
    expect(page.unread).toBeGreaterThanOrEqual(2);
    const target = page.items[0]!; // the newest
    const res = await t.request(w.specialist, "POST", `/api/notifications/${target.id}/read`);
    expect(res.status).toBe(200);
    const read = (await res.json()) as { readAt: string };
    expect(read.readAt).toBe(t.clock.now().toISOString());
    t.clock.advanceDays(1);
    const again = (await (await t.request(w.specialist, "POST", `/api/notifications/${target.id}/read`)).json()) as { readAt: string };
    expect(again.readAt).toBe(read.readAt);

    const after = await list(w.specialist, "?pageSize=100");
    expect(after.unread).toBe(page.unread - 1);
    expect(after.items.at(-1)!.id).toBe(target.id); // read ones go last
    expect((await list(w.specialist, "?unread=1&pageSize=100")).items.map((n) => n.id)).not.toContain(target.id);

    expect((await t.request(w.leader, "POST", `/api/notifications/${target.id}/read`)).status).toBe(404);
    expect((await t.request(w.leader, "POST", `/api/notifications/not-a-uuid/read`)).status).toBe(404);
    expect((await list(w.admin)).total).toBe(0);
    expect((await t.request(null, "GET", "/api/notifications")).status).toBe(401);
    expect((await t.request(w.specialist, "GET", "/api/notifications?pageSize=0")).status).toBe(422);
  });

  it("marks all of one's notifications read at once; nobody else's; a repeat changes nothing", async () => {
    const others = await list(w.leader);
    expect(others.unread).toBeGreaterThan(0);
    const mine = await list(w.specialist);
    expect(mine.unread).toBeGreaterThan(0);
    const res = await t.request(w.specialist, "POST", "/api/notifications/read-all");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ updated: mine.unread });
    expect((await list(w.specialist)).unread).toBe(0);
    expect((await list(w.leader)).unread).toBe(others.unread);
    expect(await (await t.request(w.specialist, "POST", "/api/notifications/read-all")).json()).toEqual({ updated: 0 });
    expect((await t.request(null, "POST", "/api/notifications/read-all")).status).toBe(401);
    // Malformed ids and other paths under it are 404, never a 500.
    for (const id of ["read-all-x", "00000000-0000-0000-0000-00000000000g", "1"]) {
      expect((await t.request(w.specialist, "POST", `/api/notifications/${id}/read`)).status, id).toBe(404);
    }
  });

  it("processing an outbox row twice creates nothing new", async () => {
    const { db } = t.services.database;
    const count = async () => (await db.select().from(notifications)).length;
    const n = await count();
    const mailed = t.mailer.sent.length;
    // As if a dispatcher had crashed after writing notifications but before marking its rows processed.
    await db.update(outbox).set({ processedAt: null });
    const result = await scheduler.runDue();
    expect(result.dispatched).toBeGreaterThan(0);
    expect(await count()).toBe(n);
    expect(t.mailer.sent.length).toBe(mailed);
  });
});

describe.each(databaseKinds)("the calendar API on %s", (kind) => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp(kind, { now: "2026-03-02T09:00:00+07:00" });
    w = await createWorld(t);
  });
  afterAll(async () => t.close());

  it("serves the shipped years to anyone signed in, and 404 for a year without data", async () => {
    expect((await t.request(null, "GET", "/api/calendar/2026")).status).toBe(401);
    const res = await t.request(w.applicant, "GET", "/api/calendar/2026");
    expect(res.status).toBe(200);
    const year = (await res.json()) as { year: number; holidays: { date: string }[] };
    expect(year.year).toBe(2026);
    expect(year.holidays.map((h) => h.date)).toContain("2026-04-27");
    expect(await (await t.request(w.applicant, "GET", "/api/calendar")).json()).toEqual({ years: [2026, 2027] });
    expect((await t.request(w.applicant, "GET", "/api/calendar/2031")).status).toBe(404);
    expect((await t.request(w.applicant, "GET", "/api/calendar/abc")).status).toBe(422);
  });

  it("lets only an admin replace a year, refuses a bad one field by field, and deadlines follow the edit", async () => {
    const year = (await (await t.request(w.admin, "GET", "/api/calendar/2026")).json()) as Record<string, unknown> & { holidays: unknown[] };
    expect((await t.request(w.specialist, "PUT", "/api/calendar/2026", year)).status).toBe(403);

    const bad = { ...year, holidays: [...year.holidays, { date: "2026-02-30", name: { vi: "x", en: "x" } }] };
    const refused = await t.request(w.admin, "PUT", "/api/calendar/2026", bad);
    expect(refused.status).toBe(422);
    const body = (await refused.json()) as { error: { code: string; fields: { path: string; message: string }[] } };
    expect(body.error.code).toBe("VALIDATION_FAILED");
    expect(body.error.fields.map((f) => f.path)).toContain(`/holidays/${year.holidays.length}/date`);
    expect((await t.request(w.admin, "PUT", "/api/calendar/2027", year)).status).toBe(422); // path and body disagree

    const id = await startFounding(t, w);
    const submitted = await act(t, w.applicant, id, "SUBMIT");
    expect(submitted.deadline).toMatchObject({ due: "2026-04-13" });
    // 2028 did not exist: created. Then 2026 gains a day off on Wed 8/4: the due date moves one working day,
    // on the dossier and on the specialist's task.
    const y2028 = { year: 2028, holidays: [], makeupWorkdays: [], extraDaysOff: [], source: "thử nghiệm", provisional: true };
    expect((await t.request(w.admin, "PUT", "/api/calendar/2028", y2028)).status).toBe(200);
    const edited = { ...year, extraDaysOff: [...(year.extraDaysOff as unknown[]), { date: "2026-04-08", name: { vi: "Nghỉ", en: "Off" } }] };
    expect((await t.request(w.admin, "PUT", "/api/calendar/2026", edited)).status).toBe(200);
    const after = (await (await t.request(w.specialist, "GET", `/api/instances/${id}`)).json()) as { deadline: { due: string } };
    expect(after.deadline.due).toBe("2026-04-14");
    const inbox = (await (await t.request(w.specialist, "GET", "/api/tasks")).json()) as { items: { dossierId: string; due: string }[] };
    expect(inbox.items.find((i) => i.dossierId === id)!.due).toBe("2026-04-14");
    expect(await (await t.request(w.applicant, "GET", "/api/calendar")).json()).toEqual({ years: [2026, 2027, 2028] });
  });
});
