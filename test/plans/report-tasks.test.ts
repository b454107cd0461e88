/**
 * Issue 17, item 6: a unit report's task is due with the report (the end of its due date in Vietnam),
 * counts as overdue after it, and names its plan, so that reports of two plans can be told apart.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/databases";
import { createTestApp, type TestApp, type TestUser } from "../support/harness";
import { planData, planWorld, type PlanWorld } from "./fixtures";

type Item = { dossierId: string; title: string; parentTitle: string | null; due: string | null; overdue: boolean; workflow: string };

describe.each(databaseKinds)("unit report tasks carry their due date and plan on %s", (kind) => {
  let t: TestApp;
  let world: PlanWorld;
  let official: TestUser;
  beforeAll(async () => {
    t = await createTestApp(kind, { now: "2023-03-01T02:00:00Z" });
    world = await planWorld(t, 1);
    official = await t.user({ grants: [{ role: "specialist", unitId: world.districts[0]!.unitId }] });
  }, 120_000);
  afterAll(async () => t.close());

  async function approvedPlan(title: string, reportDeadline: string): Promise<void> {
    const plan = (await (await t.request(world.drafter, "POST", "/api/instances", { workflow: "plan", data: planData(world, { title, reportDeadline }) })).json()) as { id: string };
    expect((await t.request(world.drafter, "POST", `/api/instances/${plan.id}/events`, { type: "SUBMIT" })).status).toBe(200);
    const approved = await t.request(world.leader, "POST", `/api/instances/${plan.id}/events`, { type: "APPROVE", data: { effectiveDate: "2023-03-01" } });
    expect(approved.status, await approved.clone().text()).toBe(200);
  }
  const inbox = async (query = "") => ((await (await t.request(official, "GET", `/api/tasks?workflow=unit-report${query}`)).json()) as { items: Item[] }).items;

  it("shows each report's due date and plan, soonest first, and finds the overdue one", async () => {
    await approvedPlan("Kế hoạch A", "2023-12-05");
    await approvedPlan("Kế hoạch B", "2023-06-30");
    expect((await inbox()).map((i) => [i.parentTitle, i.due, i.overdue])).toEqual([
      ["Kế hoạch B", "2023-06-30", false],
      ["Kế hoạch A", "2023-12-05", false],
    ]);
    // The last hour of the due date (Vietnam) is still in time; the next morning is not.
    t.clock.set("2023-06-30T16:30:00Z");
    expect(await inbox("&overdue=true")).toEqual([]);
    t.clock.set("2023-07-01T01:00:00Z");
    expect((await inbox("&overdue=true")).map((i) => [i.parentTitle, i.overdue])).toEqual([["Kế hoạch B", true]]);
  });
});
