/**
 * Issue 17, item 2: a plan's indicator codes and units are unique, its targets above 0 and its dates in
 * order; a unit report names only its plan's indicators, each once. Refused with 422 naming the field,
 * nothing written; a correct report still counts in the summary.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/databases";
import { createTestApp, type TestApp, type TestUser } from "../support/harness";
import { planData, planWorld, type PlanWorld } from "./fixtures";

type Problem = { error: { code: string; message: string; fields: { path: string; code: string; message: string; form: string }[] } };

describe.each(databaseKinds)("plan and report data rules on %s", (kind) => {
  let t: TestApp;
  let world: PlanWorld;
  let drafter: TestUser;
  beforeAll(async () => {
    t = await createTestApp(kind, { now: "2023-03-01T02:00:00Z" });
    world = await planWorld(t, 2);
    ({ drafter } = world);
  }, 120_000);
  afterAll(async () => t.close());

  const start = (data: Record<string, unknown>, draft = false) => t.request(drafter, "POST", "/api/instances", { workflow: "plan", data, ...(draft ? { draft: true } : {}) });
  const refused = async (res: Response) => {
    const body = (await res.json()) as Problem;
    expect(res.status, JSON.stringify(body)).toBe(422);
    expect(body.error.code).toBe("VALIDATION_FAILED");
    return body.error.fields.map((f) => [f.path, f.code]);
  };
  const plansCount = async () => ((await (await t.request(drafter, "GET", "/api/instances?workflow=plan")).json()) as { items: unknown[] }).items.length;

  it("refuses duplicate indicator codes, a target of 0, a unit twice and an end before the start, each on its field", async () => {
    const before = await plansCount();
    const [a, b] = world.districts;
    const bad = planData(world, {
      indicators: [
        { code: "MH", name: "Mô hình", unitOfMeasure: "mô hình", target: 10 },
        { code: "mh", name: "Mô hình (lặp)", unitOfMeasure: "mô hình", target: 0 },
      ],
      participatingUnits: [a, b, { ...a }],
      startDate: "2023-11-30",
      endDate: "2023-03-01",
    });
    expect(await refused(await start(bad))).toEqual([
      ["/indicators/1/code", "duplicate"],
      ["/indicators/1/target", "exclusiveMinimum"],
      ["/participatingUnits/2/unitId", "duplicate"],
      ["/endDate", "dateOrder"],
    ]);
    // A draft is judged the same: what cannot be right later is refused now.
    expect(await refused(await start({ startDate: "2023-05-02", endDate: "2023-05-01" }, true))).toEqual([["/endDate", "dateOrder"]]);
    const res = await start(planData(world, { startDate: "2023-05-02", endDate: "2023-05-01" }));
    const body = (await res.json()) as Problem;
    expect(body.error.fields[0]!.message).toBe("Ngày kết thúc (01/05/2023) phải cùng ngày hoặc sau ngày bắt đầu (02/05/2023)");
    expect(await plansCount()).toBe(before);
    // One day long, and a fractional target, are fine.
    const ok = await start(planData(world, { startDate: "2023-05-01", endDate: "2023-05-01", indicators: [{ code: "TL", name: "Tỉ lệ", unitOfMeasure: "%", target: 0.5 }] }));
    expect(ok.status, await ok.clone().text()).toBe(201);
  });

  it("a unit report names only its plan's indicators, each once; the right one counts in the summary", async () => {
    const leader = world.leader;
    const officials: TestUser[] = [];
    for (const d of world.districts) officials.push(await t.user({ grants: [{ role: "specialist", unitId: d.unitId }] }));
    const plan = (await (await start(planData(world))).json()) as { id: string };
    expect((await t.request(drafter, "POST", `/api/instances/${plan.id}/events`, { type: "SUBMIT" })).status).toBe(200);
    const approved = await t.request(leader, "POST", `/api/instances/${plan.id}/events`, { type: "APPROVE", data: { effectiveDate: "2023-03-01" } });
    expect(approved.status, await approved.clone().text()).toBe(200);
    const tracking = (await (await t.request(drafter, "GET", `/api/plans/${plan.id}/tracking`)).json()) as { units: { unitId: string; reportId: string }[] };
    const district = world.districts[0]!;
    const reportId = tracking.units.find((u) => u.unitId === district.unitId)!.reportId;
    const official = officials[0]!;
    const submit = (actuals: unknown[]) => t.request(official, "POST", `/api/instances/${reportId}/events`, { type: "SUBMIT", data: { actuals, spent: 1_000_000 } });

    const unknown = await submit([{ code: "ZZZ", value: 5 }, { code: "MH", value: 1 }]);
    const body = (await unknown.clone().json()) as Problem;
    expect(await refused(unknown)).toEqual([["/actuals/0/code", "unknown"]]);
    expect(body.error.fields[0]!.message).toBe("Kế hoạch không có chỉ tiêu mã ZZZ (các mã: MH, HGD)");
    expect(await refused(await submit([{ code: "MH", value: 1 }, { code: "MH", value: 2 }]))).toEqual([["/actuals/1/code", "duplicate"]]);
    // Nothing was recorded: the report is still waiting for the unit.
    const still = (await (await t.request(official, "GET", `/api/instances/${reportId}`)).json()) as { state: string; data: Record<string, unknown> };
    expect(still.state).toBe("pending");
    expect(still.data.actuals).toBeUndefined();

    const sent = await submit([{ code: "HGD", value: 37754 }, { code: "MH", value: 1 }]);
    expect(sent.status, await sent.clone().text()).toBe(200);
    expect((await t.request(drafter, "POST", `/api/instances/${reportId}/events`, { type: "ACCEPT" })).status).toBe(200);
    const summary = (await (await t.request(drafter, "GET", `/api/plans/${plan.id}/summary`)).json()) as { summary: { indicators: { code: string; actual: number; achievementText: string }[] } };
    expect(summary.summary.indicators.map((i) => [i.code, i.actual, i.achievementText])).toEqual([
      ["MH", 1, "10,0%"],
      ["HGD", 37754, "12.584,7%"],
    ]);
  });
});
