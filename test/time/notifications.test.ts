import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notifications, outbox } from "../../server/db/schema";
import { Scheduler } from "../../server/scheduler/scheduler";
import { databaseKinds } from "../support/databases";
import { createTestApp, newUser, type TestApp } from "../support/harness";
import { act, applicant, specialist, startFounding } from "./founding-walk";

type Page = { items: { id: string; kind: string; title: string; readAt: string | null; instanceId: string }[]; total: number; unread: number };

describe.each(databaseKinds)("notifications on %s", (kind) => {
  let t: TestApp;
  let scheduler: Scheduler;
  beforeAll(async () => {
    t = await createTestApp(kind, { now: "2026-03-02T09:00:00+07:00" });
    scheduler = new Scheduler(t.services);
  });
  afterAll(async () => t.close());

  const list = async (user = applicant, query = "") => {
    const res = await t.request(user, "GET", `/api/notifications${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as Page;
  };

  it("tells the applicant when the dossier comes back to them, through an outbox row written with the step", async () => {
    const before = (await list()).total;
    const id = await startFounding(t);
    await act(t, applicant, id, "SUBMIT");
    await act(t, specialist, id, "REQUEST_SUPPLEMENT");
    // Written in the steps' transactions, not yet dispatched.
    const rows = await t.services.database.db.select().from(outbox).where(eq(outbox.instanceId, id));
    expect(rows.map((r) => r.kind)).toEqual(["step", "step", "step"]);
    expect((await list()).total).toBe(before);

    await scheduler.runDue();
    const page = await list();
    const mine = page.items.filter((n) => n.instanceId === id);
    // START and SUBMIT were the applicant's own steps (nobody is told of what they just did); REQUEST_SUPPLEMENT comes back.
    expect(mine.map((n) => [n.kind, n.title])).toEqual([["task", expect.stringMatching(/^Hồ sơ KT-2026-\w{6}: Chờ bổ sung hồ sơ \(ban vận động\)$/)]]);
    expect(page.unread).toBe(page.total);
    expect(t.mailer.sent.filter((m) => m.userId === applicant.id).map((m) => m.subject)).toContain(mine[0]!.title);
  });

  it("marks a notification read: unread ones first, a repeat changes nothing, another user's is 404", async () => {
    const other = await startFounding(t, "Hội Nông dân xã");
    await act(t, applicant, other, "SUBMIT");
    await act(t, specialist, other, "REQUEST_SUPPLEMENT");
    await scheduler.runDue();
    const page = await list();
    expect(page.unread).toBe(2);
    const target = page.items[0]!; // the newest
    const res = await t.request(applicant, "POST", `/api/notifications/${target.id}/read`);
    expect(res.status).toBe(200);
    const read = (await res.json()) as { readAt: string };
    expect(read.readAt).toBe("2026-03-02T02:00:00.000Z");
    t.clock.advanceDays(1);
    const again = (await (await t.request(applicant, "POST", `/api/notifications/${target.id}/read`)).json()) as { readAt: string };
    expect(again.readAt).toBe(read.readAt);

    const after = await list();
    expect(after.unread).toBe(page.unread - 1);
    expect(after.items.at(-1)!.id).toBe(target.id); // read ones go last
    expect((await list(applicant, "?unread=1")).items.map((n) => n.id)).not.toContain(target.id);

    const stranger = newUser("applicant");
    expect((await t.request(stranger, "POST", `/api/notifications/${target.id}/read`)).status).toBe(404);
    expect((await t.request(stranger, "POST", `/api/notifications/not-a-uuid/read`)).status).toBe(404);
    expect((await list(stranger)).total).toBe(0);
    expect((await t.request(null, "GET", "/api/notifications")).status).toBe(401);
    expect((await t.request(applicant, "GET", "/api/notifications?pageSize=0")).status).toBe(422);
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
  const admin = newUser("admin");
  beforeAll(async () => {
    t = await createTestApp(kind, { now: "2026-03-02T09:00:00+07:00" });
  });
  afterAll(async () => t.close());

  it("serves the shipped years to anyone signed in, and 404 for a year without data", async () => {
    expect((await t.request(null, "GET", "/api/calendar/2026")).status).toBe(401);
    const res = await t.request(applicant, "GET", "/api/calendar/2026");
    expect(res.status).toBe(200);
    const year = (await res.json()) as { year: number; holidays: { date: string }[] };
    expect(year.year).toBe(2026);
    expect(year.holidays.map((h) => h.date)).toContain("2026-04-27");
    expect(await (await t.request(applicant, "GET", "/api/calendar")).json()).toEqual({ years: [2026, 2027] });
    expect((await t.request(applicant, "GET", "/api/calendar/2031")).status).toBe(404);
    expect((await t.request(applicant, "GET", "/api/calendar/abc")).status).toBe(422);
  });

  it("lets only an admin replace a year, refuses a bad one field by field, and deadlines follow the edit", async () => {
    const year = (await (await t.request(admin, "GET", "/api/calendar/2026")).json()) as Record<string, unknown> & { holidays: unknown[] };
    expect((await t.request(specialist, "PUT", "/api/calendar/2026", year)).status).toBe(403);

    const bad = { ...year, holidays: [...year.holidays, { date: "2026-02-30", name: { vi: "x", en: "x" } }] };
    const refused = await t.request(admin, "PUT", "/api/calendar/2026", bad);
    expect(refused.status).toBe(422);
    const body = (await refused.json()) as { error: { code: string; fields: { path: string; message: string }[] } };
    expect(body.error.code).toBe("VALIDATION_FAILED");
    expect(body.error.fields.map((f) => f.path)).toContain(`/holidays/${year.holidays.length}/date`);
    expect((await t.request(admin, "PUT", "/api/calendar/2027", year)).status).toBe(422); // path and body disagree

    const id = await startFounding(t);
    const submitted = await act(t, applicant, id, "SUBMIT");
    expect(submitted.deadline).toMatchObject({ due: "2026-04-13" });
    // 2028 did not exist: created. Then 2026 gains a day off on Wed 8/4: the due date moves one working day.
    const y2028 = { year: 2028, holidays: [], makeupWorkdays: [], extraDaysOff: [], source: "thử nghiệm", provisional: true };
    expect((await t.request(admin, "PUT", "/api/calendar/2028", y2028)).status).toBe(200);
    const edited = { ...year, extraDaysOff: [...(year.extraDaysOff as unknown[]), { date: "2026-04-08", name: { vi: "Nghỉ", en: "Off" } }] };
    expect((await t.request(admin, "PUT", "/api/calendar/2026", edited)).status).toBe(200);
    const after = (await (await t.request(specialist, "GET", `/api/instances/${id}`)).json()) as { deadline: { due: string } };
    expect(after.deadline.due).toBe("2026-04-14");
    expect(await (await t.request(applicant, "GET", "/api/calendar")).json()).toEqual({ years: [2026, 2027, 2028] });
  });
});
