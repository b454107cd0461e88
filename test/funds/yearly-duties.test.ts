/**
 * A fund's yearly duties (issue 18, item 10; Nghị định 93/2019/NĐ-CP): the report by 31/3 and next
 * year's plan by 31/12, started once per fund and year by the scheduler on its (injected) clock, each
 * reminded before its due date and marked late after it, as durable timers.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { timers } from "../../server/db/schema";
import { Scheduler } from "../../server/scheduler/scheduler";
import { databaseKinds } from "../support/databases";
import { createDemoApp, DEMO_UNITS, type DemoApp } from "../support/demo";
import type { TestUser } from "../support/harness";

const at = (date: string, time = "10:00") => `${date}T${time}:00+07:00`;

type Item = { id: string; title: string; state: string };
type Dossier = Item & { data: Record<string, unknown> };

describe.each(databaseKinds)("the fund's yearly duties, on %s", (kind) => {
  let t: DemoApp;
  let scheduler: Scheduler;
  let chuyenvien: TestUser;
  let outsider: TestUser;

  const duties = async (user: TestUser) => ((await (await t.request(user, "GET", "/api/instances?workflow=fund-yearly-duty")).json()) as { items: Item[] }).items;
  const view = async (id: string) => (await (await t.request(chuyenvien, "GET", `/api/instances/${id}`)).json()) as Dossier;
  const pending = async (id: string) =>
    (await t.services.database.db.select().from(timers).where(eq(timers.instanceId, id)))
      .filter((x) => !x.firedAt && !x.cancelledAt)
      .map((x) => [x.eventType, x.fireAt.toISOString()])
      .sort((a, b) => a[1]!.localeCompare(b[1]!));

  beforeAll(async () => {
    t = await createDemoApp(kind, { now: at("2026-11-23") });
    scheduler = new Scheduler(t.services);
    chuyenvien = await t.as("ctdChuyenVien");
    const otherFund = await t.unit({ kind: "fund", name: "Quỹ Cứu trợ MTTQ huyện Đăk Hà", parentId: DEMO_UNITS.mttqDakHa });
    outsider = await t.user({ grants: [{ role: "specialist", unitId: otherFund.id }] });
  }, 180_000);
  afterAll(async () => t.close());

  it("starts this year's plan once per fund (the report fell due before the fund's ledger was opened), with its reminders planned", async () => {
    expect((await scheduler.runTick()).dutiesStarted).toBe(1);
    expect((await scheduler.runTick()).dutiesStarted).toBe(0);
    const [plan] = await duties(chuyenvien);
    expect(plan).toMatchObject({ title: "Kế hoạch năm 2027 của Quỹ (Quỹ Trợ giúp nhân đạo tỉnh Kon Tum)", state: "pending" });
    expect((await view(plan!.id)).data).toMatchObject({ duty: "plan", year: 2026, subjectYear: 2027, dueDate: "2026-12-31" });
    // 07:00 in Vietnam 30, 7 and 1 days before 31/12/2026; late from 00:00 on 01/01/2027.
    expect(await pending(plan!.id)).toEqual([
      ["REMIND", "2026-12-01T00:00:00.000Z"],
      ["REMIND", "2026-12-24T00:00:00.000Z"],
      ["REMIND", "2026-12-30T00:00:00.000Z"],
      ["MARK_LATE", "2026-12-31T17:00:00.000Z"],
    ]);
    // Nobody outside the fund sees it, nor starts one by hand.
    expect(await duties(outsider)).toEqual([]);
    expect((await t.request(outsider, "GET", `/api/instances/${plan!.id}`)).status).toBe(404);
    const byHand = await t.request(chuyenvien, "POST", "/api/instances", { workflow: "fund-yearly-duty", data: {} });
    expect(((await byHand.json()) as { error: { code: string } }).error.code).toBe("WORKFLOW_NOT_STARTABLE");
  });

  it("reminds the fund's specialists on the morning 30 days before, and marks the plan late on 01/01 when next year's duties start", async () => {
    const [plan] = await duties(chuyenvien);
    t.clock.set(at("2026-12-01", "06:59"));
    await scheduler.runTick();
    expect((await view(plan!.id)).data.$reminders).toBeUndefined();
    t.clock.set(at("2026-12-01", "07:01"));
    await scheduler.runTick();
    expect((await view(plan!.id)).data.$reminders).toEqual(["2026-12-01"]);
    const notes = (await (await t.request(chuyenvien, "GET", "/api/notifications")).json()) as { items: { kind: string; instanceId: string | null }[] };
    // Besides the new task's notice when the duty started.
    expect(notes.items.filter((n) => n.instanceId === plan!.id).map((n) => n.kind).sort()).toEqual(["reminder", "task"]);

    t.clock.set(at("2027-01-01", "00:30"));
    expect((await scheduler.runTick()).dutiesStarted).toBe(2);
    expect((await view(plan!.id)).data).toMatchObject({ $late: true, $lateSince: "2027-01-01" });
    const all = await duties(chuyenvien);
    expect(all.map((d) => d.title).sort()).toEqual([
      "Báo cáo năm 2026 của Quỹ (Quỹ Trợ giúp nhân đạo tỉnh Kon Tum)",
      "Kế hoạch năm 2027 của Quỹ (Quỹ Trợ giúp nhân đạo tỉnh Kon Tum)",
      "Kế hoạch năm 2028 của Quỹ (Quỹ Trợ giúp nhân đạo tỉnh Kon Tum)",
    ]);
  });

  it("records a duty as done by the fund's specialist, and by nobody outside it", async () => {
    const report = (await duties(chuyenvien)).find((d) => d.title.startsWith("Báo cáo năm 2026"))!;
    expect((await view(report.id)).data.dueDate).toBe("2027-03-31");
    t.clock.set(at("2027-03-20"));
    const done = { doneOn: "2027-03-20", documentNumber: "05/BC-QNĐ" };
    expect((await t.request(outsider, "POST", `/api/instances/${report.id}/events`, { type: "DONE", data: done })).status).toBe(404);
    const res = await t.request(chuyenvien, "POST", `/api/instances/${report.id}/events`, { type: "DONE", data: done });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(((await res.json()) as Item).state).toBe("done");
    // Done: its reminders are cancelled.
    expect(await pending(report.id)).toEqual([]);
  });
});
