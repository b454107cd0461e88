import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChildEntry } from "../../workflows";
import { databaseKinds } from "../support/databases";
import { createTestApp, type TestApp, type TestUser } from "../support/harness";
import { planData, planWorld, type PlanWorld } from "./fixtures";

const UNITS = 200;

describe.each(databaseKinds)(`${UNITS} children finishing at once on %s`, (kind) => {
  let t: TestApp;
  let world: PlanWorld;
  let drafter: TestUser;
  let leader: TestUser;
  let reporter: TestUser;
  beforeAll(async () => {
    t = await createTestApp(kind, { now: "2023-03-01T02:00:00Z" });
    world = await planWorld(t, UNITS);
    ({ drafter, leader } = world);
    // One specialist holding the role in every district: each submission acts through that district's task.
    reporter = await t.user({ grants: world.districts.map((d) => ({ role: "specialist" as const, unitId: d.unitId })) });
  }, 300_000);
  afterAll(async () => t.close());

  it(`${UNITS} units submitting and being accepted concurrently lose no report, and the plan moves on once`, async () => {
    const plan = (await (await t.request(drafter, "POST", "/api/instances", { workflow: "plan", data: planData(world) })).json()) as { id: string };
    expect((await t.request(drafter, "POST", `/api/instances/${plan.id}/events`, { type: "SUBMIT" })).status).toBe(200);
    expect((await t.request(leader, "POST", `/api/instances/${plan.id}/events`, { type: "APPROVE", data: { effectiveDate: "2023-03-01" } })).status).toBe(200);
    const tracking = (await (await t.request(drafter, "GET", `/api/plans/${plan.id}/tracking`)).json()) as { units: { reportId: string }[] };
    const reports = tracking.units.map((u) => u.reportId);
    expect(new Set(reports).size).toBe(UNITS);

    t.clock.set("2023-12-01T02:00:00Z");
    const submit = await Promise.all(
      reports.map((id, i) =>
        t.request(reporter, "POST", `/api/instances/${id}/events`, { type: "SUBMIT", data: { actuals: [{ code: "HGD", value: i + 1 }], spent: 1000 } }),
      ),
    );
    expect(submit.map((r) => r.status)).toEqual(reports.map(() => 200));
    let view = await planView(plan.id);
    expect(view.state).toBe("inEffect");
    expect(view.data.$children.every((c) => c.state === "review")).toBe(true);
    expect(view.data.$childrenOpen).toBe(UNITS);

    const accept = await Promise.all(reports.map((id) => t.request(drafter, "POST", `/api/instances/${id}/events`, { type: "ACCEPT" })));
    expect(accept.map((r) => r.status)).toEqual(reports.map(() => 200));
    view = await planView(plan.id);
    // Every child's two steps reached the plan, one after the other: no update was lost.
    expect(view.data.$children.every((c) => c.state === "accepted" && c.final)).toBe(true);
    expect(view.data.$childrenOpen).toBe(0);
    expect(view.state).toBe("compiling");
    expect(view.version).toBe(3 + 2 * UNITS);
    const updates = view.history.filter((h) => h.type === "CHILD_UPDATE");
    expect(updates).toHaveLength(2 * UNITS);
    // The plan moved to compiling exactly once, on the last acceptance.
    expect(view.history.filter((h) => h.to.includes("compiling"))).toHaveLength(1);

    const summary = (await (await t.request(drafter, "GET", `/api/plans/${plan.id}/summary`)).json()) as { summary: { indicators: { code: string; actual: number }[]; budget: { spent: number } } };
    expect(summary.summary.indicators.find((i) => i.code === "HGD")!.actual).toBe((UNITS * (UNITS + 1)) / 2);
    expect(summary.summary.budget.spent).toBe(UNITS * 1000);
  }, 600_000);

  async function planView(id: string) {
    return (await (await t.request(drafter, "GET", `/api/instances/${id}`)).json()) as {
      state: string;
      version: number;
      data: { $children: ChildEntry[]; $childrenOpen: number };
      history: { type: string; to: string[] }[];
    };
  }
});
