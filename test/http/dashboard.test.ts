import { and, eq, isNotNull, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tasks } from "../../server/db/schema";
import { databaseKinds } from "../support/databases";
import { foundingApplication, withSampleData } from "../support/founding";
import { createDemoApp, DEMO_UNITS, type DemoApp } from "../support/demo";
import type { TestUser } from "../support/harness";

type Dashboard = {
  today: string;
  totals: { dossiers: number; active: number; done: number; overdueTasks: number; onTimeRate: number | null };
  byWorkflow: { workflow: string; total: number; states: { state: string; title: { vi: string } | null; count: number }[] }[];
  units: { unitId: string; unitName: string; doneOnTime: number; doneLate: number; openOverdue: number; openOnTime: number; onTimeRate: number | null }[];
  overdue: { code: string; unitId: string; due: string; daysLeft: number; stateTitle: { vi: string } | null }[];
};

const DAY = 86_400_000;

describe.each(databaseKinds)("the dashboard's figures, counted by the server on %s", (kind) => {
  let t: DemoApp;
  let nguoinop: TestUser;
  let chuyenvien: TestUser;
  let outsider: TestUser;
  let lateCode: string;

  beforeAll(async () => {
    t = await createDemoApp(kind);
    [nguoinop, chuyenvien] = await Promise.all([t.as("nguoinop"), t.as("chuyenvien")]);
    outsider = await t.user({ grants: [{ role: "specialist", unitId: DEMO_UNITS.phongNoiVuDakHa }] });
    const submit = async (name: string) => {
      const data = await foundingApplication(t, nguoinop, { name, authorityUnit: DEMO_UNITS.soNoiVu });
      const { id, code } = (await (await t.request(nguoinop, "POST", "/api/instances", { workflow: "association-founding", data })).json()) as { id: string; code: string };
      expect((await t.request(nguoinop, "POST", `/api/instances/${id}/events`, { type: "SUBMIT" })).status).toBe(200);
      return { id, code };
    };
    const late = await submit("Hội Trễ hạn");
    const proposed = await submit("Hội Đúng hạn");
    expect((await t.request(chuyenvien, "POST", `/api/instances/${proposed.id}/events`, withSampleData({ type: "PROPOSE" }))).status).toBe(200);
    lateCode = late.code;
    // Due dates set by hand, so the counts below are known: one task done on time, one open and overdue,
    // one open with time left; every other task of Sở Nội vụ has no due date.
    const { db } = t.services.database;
    const now = t.clock.now().getTime();
    await db.update(tasks).set({ dueAt: null }).where(eq(tasks.unitId, DEMO_UNITS.soNoiVu));
    await db.update(tasks).set({ dueAt: new Date(now - 3 * DAY) }).where(and(eq(tasks.instanceId, late.id), isNull(tasks.closedAt)));
    await db.update(tasks).set({ dueAt: new Date(now + 5 * DAY) }).where(and(eq(tasks.instanceId, proposed.id), isNull(tasks.closedAt)));
    const [done] = await db.select().from(tasks).where(and(eq(tasks.instanceId, proposed.id), eq(tasks.unitId, DEMO_UNITS.soNoiVu), isNotNull(tasks.closedAt)));
    await db.update(tasks).set({ dueAt: new Date(done!.closedAt!.getTime() + DAY) }).where(eq(tasks.id, done!.id));
  }, 120_000);
  afterAll(async () => t.close());

  const dashboard = async (user: TestUser) => {
    const res = await t.request(user, "GET", "/api/dashboard");
    expect(res.status).toBe(200);
    return (await res.json()) as Dashboard;
  };
  const listed = async (user: TestUser) => ((await (await t.request(user, "GET", "/api/instances?pageSize=1")).json()) as { total: number }).total;

  it("counts the dossiers the caller may see by procedure and step, matching the dossier list", async () => {
    for (const user of [chuyenvien, nguoinop, outsider]) {
      const d = await dashboard(user);
      expect(d.totals.dossiers).toBe(await listed(user));
      expect(d.totals.active + d.totals.done).toBe(d.totals.dossiers);
      expect(d.byWorkflow.reduce((n, w) => n + w.states.reduce((m, s) => m + s.count, 0), 0)).toBe(d.totals.dossiers);
    }
    const founding = (await dashboard(chuyenvien)).byWorkflow.find((w) => w.workflow === "association-founding")!;
    // States carry their Vietnamese titles, never a bare key alone.
    expect(founding.states.every((s) => s.title !== null && s.title.vi.length > 0)).toBe(true);
  });

  it("computes punctuality per unit and the overdue list over the units the caller works in", async () => {
    const d = await dashboard(chuyenvien);
    const so = d.units.find((u) => u.unitId === DEMO_UNITS.soNoiVu);
    expect(so).toMatchObject({ doneOnTime: 1, doneLate: 0, openOverdue: 1, openOnTime: 1, onTimeRate: 0.5 });
    const mine = d.overdue.filter((o) => o.unitId === DEMO_UNITS.soNoiVu);
    expect(mine.map((o) => o.code)).toEqual([lateCode]);
    expect(mine[0]!.daysLeft).toBeLessThan(0);
    expect(mine[0]!.stateTitle?.vi).toBeTruthy();
    expect(d.totals.overdueTasks).toBe(d.units.reduce((n, u) => n + u.openOverdue, 0));

    // Another unit's official sees none of it; an applicant sees no unit figures at all.
    const other = await dashboard(outsider);
    expect(other.units.map((u) => u.unitId)).not.toContain(DEMO_UNITS.soNoiVu);
    expect(other.overdue.map((o) => o.code)).not.toContain(lateCode);
    const applicant = await dashboard(nguoinop);
    expect(applicant).toMatchObject({ units: [], overdue: [], totals: { overdueTasks: 0, onTimeRate: null } });
  });
});
