import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dossierClocks, outbox, timers } from "../../server/db/schema";
import { Scheduler } from "../../server/scheduler/scheduler";
import { databaseKinds } from "../support/databases";
import { createTestApp, type TestApp } from "../support/harness";
import { act, createWorld, startFounding, view, type World } from "./founding-walk";

// Working-day facts used below (2026 calendar): Giỗ Tổ Sun 26/4 is compensated on Mon 27/4; Thu 30/4 and
// Fri 1/5 are holidays; March 2026 has no holidays. The day of the starting event never counts.

describe.each(databaseKinds)("legal deadlines of dossiers on %s", (kind) => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp(kind, { now: "2026-04-24T09:00:00+07:00" });
    w = await createWorld(t);
  });
  afterAll(async () => t.close());

  const pending = (id: string) =>
    t.services.database.db
      .select()
      .from(timers)
      .where(and(eq(timers.instanceId, id), isNull(timers.firedAt), isNull(timers.cancelledAt)))
      .orderBy(timers.fireAt);

  it("gives a dossier submitted on the Friday before Giỗ Tổ and 30/4–1/5 the due date the law gives", async () => {
    t.clock.set("2026-04-24T08:00:00+07:00");
    const id = await startFounding(t, w);
    expect((await view(t, w.applicant, id)).deadline).toBeNull(); // a draft has no clock yet
    t.clock.set("2026-04-24T09:00:00+07:00"); // Friday 24/04/2026
    const submitted = await act(t, w.applicant, id, "SUBMIT");
    // 30 working days from Fri 24/4: Sat 25, Sun 26, Mon 27 (in lieu of Giỗ Tổ) are off; 1 = Tue 28/4,
    // 2 = Wed 29/4; Thu 30/4 and Fri 1/5 are off; 3 = Mon 4/5; 4–7 = 5–8/5; 8–12 = 11–15/5; 13–17 = 18–22/5;
    // 18–22 = 25–29/5; 23–27 = 1–5/6; 28 = Mon 8/6, 29 = Tue 9/6, 30 = Wed 10/06/2026.
    expect(submitted.deadline).toMatchObject({ clock: "committeeReview", due: "2026-06-10", daysLeft: 30, overdue: false, paused: false, remaining: 30 });

    // Reminders 3 and 1 working days before: Fri 5/6 and Tue 9/6 at 07:00; escalation the morning after the due date.
    const planned = await pending(id);
    expect(planned.map((p) => [p.kind, p.fireAt.toISOString()])).toEqual([
      ["reminder", "2026-06-05T00:00:00.000Z"],
      ["reminder", "2026-06-09T00:00:00.000Z"],
      ["escalation", "2026-06-11T00:00:00.000Z"],
    ]);

    // The specialist's review task carries the same due date.
    const inbox = (await (await t.request(w.specialist, "GET", "/api/tasks")).json()) as { items: { dossierId: string; due: string; daysLeft: number; overdue: boolean }[] };
    expect(inbox.items.find((i) => i.dossierId === id)).toMatchObject({ due: "2026-06-10", daysLeft: 30, overdue: false });

    // A working day later the count drops by one; on Thu 11/6 the dossier is overdue by one working day.
    t.clock.set("2026-04-28T10:00:00+07:00");
    expect((await view(t, w.specialist, id)).deadline).toMatchObject({ due: "2026-06-10", daysLeft: 29 });
    t.clock.set("2026-06-11T10:00:00+07:00");
    expect((await view(t, w.specialist, id)).deadline).toMatchObject({ due: "2026-06-10", daysLeft: -1, overdue: true });
  });

  it("runs the time again in full from the complete dossier: supplement on day 10 (late, with its reason), resubmission 7 calendar days later", async () => {
    t.clock.set("2026-03-02T08:00:00+07:00");
    const id = await startFounding(t, w);
    t.clock.set("2026-03-02T09:00:00+07:00"); // Monday 02/03/2026: receipt
    const submitted = await act(t, w.applicant, id, "SUBMIT");
    // 30 working days from Mon 2/3 (no holidays until 27/4): 3–6/3 = 4, 9–13/3 = 9, 16–20/3 = 14, 23–27/3 = 19,
    // 30–31/3 = 21, 1–3/4 = 24, 6–10/4 = 29, Mon 13/4 = 30.
    expect(submitted.deadline).toMatchObject({ due: "2026-04-13", daysLeft: 30 });

    t.clock.set("2026-03-16T10:00:00+07:00"); // Mon 16/3 = working day 10 (3,4,5,6,9,10,11,12,13,16): past the 3 days of the one-stop rule
    const paused = await act(t, w.specialist, id, "REQUEST_SUPPLEMENT", { items: ["Phiếu lý lịch tư pháp của trưởng ban"], lateReason: "Phát hiện khi đối chiếu với cơ sở dữ liệu dân cư" });
    expect(paused.state).toBe("committeeSupplement");
    expect(paused.deadline).toMatchObject({ paused: true, due: null, daysLeft: null, used: 10, remaining: 20 });
    expect(await pending(id)).toEqual([]); // no reminders while the clock stands still

    t.clock.set("2026-03-23T10:00:00+07:00"); // Mon 23/3: 7 calendar days later
    const resumed = await act(t, w.applicant, id, "RESUBMIT");
    // Founding's one-stop rule is `restart`: 30 working days again from Mon 23/3: 24–27/3 = 4, 30–31/3 = 6,
    // 1–3/4 = 9, 6–10/4 = 14, 13–17/4 = 19, 20–24/4 = 24, (27/4 off) 28–29/4 = 26, (30/4, 1/5 off) 4–7/5 = 30.
    expect(resumed.deadline).toMatchObject({ paused: false, due: "2026-05-07", daysLeft: 30, used: 0, remaining: 30 });
    expect((await pending(id)).map((p) => [p.kind, p.fireAt.toISOString()])).toEqual([
      ["reminder", "2026-05-04T00:00:00.000Z"], // Mon 4/5, 3 working days before Thu 7/5
      ["reminder", "2026-05-06T00:00:00.000Z"], // Wed 6/5
      ["escalation", "2026-05-08T00:00:00.000Z"],
    ]);
  });

  it("keeps one clock across PROPOSE and RETURN, and stops it when the dossier leaves review", async () => {
    t.clock.set("2026-03-02T09:00:00+07:00");
    const id = await startFounding(t, w);
    await act(t, w.applicant, id, "SUBMIT");
    t.clock.set("2026-03-09T09:00:00+07:00");
    await act(t, w.specialist, id, "PROPOSE");
    t.clock.set("2026-03-10T09:00:00+07:00");
    const returned = await act(t, w.leader, id, "RETURN");
    expect(returned.state).toBe("committeeReview");
    expect(returned.deadline).toMatchObject({ due: "2026-04-13", used: 6 }); // the same clock: still due 13/4
    const clocks = await t.services.database.db.select().from(dossierClocks).where(eq(dossierClocks.instanceId, id));
    expect(clocks).toHaveLength(1);
    await act(t, w.specialist, id, "PROPOSE");
    const recognised = await act(t, w.leader, id, "APPROVE");
    expect(recognised.state).toBe("committeeRecognized");
    expect(recognised.deadline).toBeNull();
    const [clock] = await t.services.database.db.select().from(dossierClocks).where(eq(dossierClocks.instanceId, id));
    expect(clock!.state).toBe("stopped");
    // The clock's reminders went with it; only the recognition's 365-day expiry is pending.
    expect((await pending(id)).map((p) => [p.kind, p.eventType, p.stateName])).toEqual([["event", "EXPIRE", "committeeRecognized"]]);
  });

  it("sends a reminder on its morning and an escalation the morning after the due date, once each", async () => {
    const scheduler = new Scheduler(t.services);
    t.clock.set("2026-03-02T09:00:00+07:00");
    const id = await startFounding(t, w);
    await act(t, w.applicant, id, "SUBMIT"); // due Mon 13/4; reminders Wed 8/4 and Fri 10/4, escalation Tue 14/4
    const outboxOf = async (kind: string) =>
      (await t.services.database.db.select().from(outbox).where(and(eq(outbox.instanceId, id), eq(outbox.kind, kind))));

    t.clock.set("2026-04-08T06:59:00+07:00");
    await scheduler.runDue();
    expect(await outboxOf("reminder")).toHaveLength(0);
    t.clock.set("2026-04-08T07:00:00+07:00");
    await scheduler.runDue();
    await scheduler.runDue();
    const [first] = await outboxOf("reminder");
    expect(first!.payload).toMatchObject({ due: "2026-04-13", daysLeft: 3, state: "committeeReview", role: "specialist" });
    t.clock.set("2026-04-10T07:00:00+07:00");
    await scheduler.runDue();
    expect((await outboxOf("reminder")).map((r) => (r.payload as { daysLeft: number }).daysLeft)).toEqual([3, 1]);
    expect(await outboxOf("escalation")).toHaveLength(0);
    t.clock.set("2026-04-14T07:00:00+07:00");
    await scheduler.runDue();
    expect(await outboxOf("reminder")).toHaveLength(2);
    expect(await outboxOf("escalation")).toHaveLength(1);
    t.clock.set("2026-04-20T07:00:00+07:00");
    await scheduler.runDue();
    expect(await outboxOf("escalation")).toHaveLength(1);
  });

  it("re-plans a reminder whose due date moved after it was planned (a calendar edit)", async () => {
    const scheduler = new Scheduler(t.services);
    t.clock.set("2026-03-02T09:00:00+07:00");
    const id = await startFounding(t, w);
    await act(t, w.applicant, id, "SUBMIT"); // due Mon 13/4
    // An admin declares Fri 3/4 a swapped day off: the due date moves to Tue 14/4 and the reminders follow.
    const year = (await (await t.request(w.applicant, "GET", "/api/calendar/2026")).json()) as { extraDaysOff: unknown[] };
    const { admin } = w;
    const edited = { ...year, extraDaysOff: [...year.extraDaysOff, { date: "2026-04-03", name: { vi: "Nghỉ thử", en: "Test day off" } }] };
    const put = await t.request(admin, "PUT", "/api/calendar/2026", edited);
    expect(put.status).toBe(200);
    try {
      expect((await view(t, w.specialist, id)).deadline).toMatchObject({ due: "2026-04-14" });
      expect((await pending(id)).map((p) => p.fireAt.toISOString())).toEqual([
        "2026-04-09T00:00:00.000Z", // Thu 9/4: 3 working days before Tue 14/4
        "2026-04-13T00:00:00.000Z",
        "2026-04-15T00:00:00.000Z",
      ]);
      t.clock.set("2026-04-09T07:00:00+07:00");
      await scheduler.runDue();
      const reminders = await t.services.database.db.select().from(outbox).where(and(eq(outbox.instanceId, id), eq(outbox.kind, "reminder")));
      expect(reminders.map((r) => (r.payload as { due: string }).due)).toEqual(["2026-04-14"]);
    } finally {
      expect((await t.request(admin, "PUT", "/api/calendar/2026", year)).status).toBe(200);
    }
  });
});
