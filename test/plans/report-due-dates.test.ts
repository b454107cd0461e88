import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportingRounds } from "../../workflows";
import { databaseKinds } from "../support/databases";
import { createTestApp, type TestApp } from "../support/harness";
import { planData, planWorld, type PlanWorld } from "./fixtures";

type View = { id: string; state: string; data: { $rounds?: { key: string; dueDate: string }[] } };
const recurring2026 = { recurrence: "six-month-and-annual", startDate: "2026-01-01", endDate: "2026-12-31" } as const;

describe("report due dates on a day off (Nghị định 09/2019)", () => {
  it("moves a periodic due date to the working day the server found, never earlier, and leaves a one-off deadline as written", () => {
    const moved = { "2026-06-20": "2026-06-22", "2026-12-20": "2026-12-21" };
    expect(reportingRounds(recurring2026, undefined, moved).map((r) => [r.key, r.dueDate])).toEqual([
      ["2026-H1", "2026-06-22"],
      ["2026-Y", "2026-12-21"],
    ]);
    // A map that would bring a due date forward, or is not a date, is ignored.
    expect(reportingRounds(recurring2026, undefined, { "2026-06-20": "2026-06-19", "2026-12-20": 5 }).map((r) => r.dueDate)).toEqual(["2026-06-20", "2026-12-20"]);
    expect(reportingRounds({ reportDeadline: "2026-06-20" }, undefined, moved).map((r) => r.dueDate)).toEqual(["2026-06-20"]);
  });
});

describe.each(databaseKinds)("plan report rounds on the working-day calendar on %s", (kind) => {
  let t: TestApp;
  let world: PlanWorld;
  beforeAll(async () => {
    t = await createTestApp(kind, { now: "2026-01-05T02:00:00Z" });
    world = await planWorld(t, 2);
    for (const d of world.districts) await t.user({ grants: [{ role: "specialist", unitId: d.unitId }] });
  }, 120_000);
  afterAll(async () => t.close());

  async function approvedPlan(extra: Record<string, unknown> = {}): Promise<{ status: number; body: View }> {
    const res = await t.request(world.drafter, "POST", "/api/instances", { workflow: "plan", data: planData(world, { ...recurring2026, reportDeadline: "2026-12-31" }) });
    const plan = (await res.json()) as View;
    expect(res.status).toBe(201);
    expect((await t.request(world.drafter, "POST", `/api/instances/${plan.id}/events`, { type: "SUBMIT" })).status).toBe(200);
    const approved = await t.request(world.leader, "POST", `/api/instances/${plan.id}/events`, { type: "APPROVE", data: { effectiveDate: "2026-01-05", ...extra } });
    return { status: approved.status, body: (await approved.json()) as View };
  }

  it("due 20/06/2026 (Saturday) → 22/06/2026, 20/12/2026 (Sunday) → 21/12/2026; the units' reports carry the moved date", async () => {
    const { status, body } = await approvedPlan();
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.data.$rounds!.map((r) => [r.key, r.dueDate])).toEqual([
      ["2026-H1", "2026-06-22"],
      ["2026-Y", "2026-12-21"],
    ]);
    const tracking = (await (await t.request(world.drafter, "GET", `/api/plans/${body.id}/tracking`)).json()) as { round: { dueDate: string } };
    expect(tracking.round.dueDate).toBe("2026-06-22");
  });

  it("does not let the approving leader choose the due dates: the computed field is refused in the form (422)", async () => {
    const { status, body } = await approvedPlan({ reportDueDates: { "2026-06-20": "2026-09-30" } });
    expect(status).toBe(422);
    expect(JSON.stringify(body)).toContain("reportDueDates");
  });
});
