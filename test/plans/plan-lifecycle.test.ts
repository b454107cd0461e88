import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileWorkflow, replay, type DossierEvent, type DossierSnapshot } from "../../workflows";
import { Scheduler } from "../../server/scheduler/scheduler";
import { actorFor } from "../../server/services/dossiers";
import { databaseKinds } from "../support/databases";
import { createTestApp, type TestApp, type TestUser } from "../support/harness";
import { planData, planWorld, type PlanWorld } from "./fixtures";

type View = { id: string; code: string; state: string; version: number; data: Record<string, unknown>; history: { type: string }[] };
type Tracking = {
  round: { key: string; dueDate: string };
  counts: Record<string, number>;
  units: { unitId: string; unitName: string; reportId: string | null; status: string; late: boolean; sentBackCount: number; reminders: string[] }[];
};
type DocumentItem = { id: string; number: string; type: string; title: string; issuedOn: string; printUrl: string };
type Summary = {
  frozen: boolean;
  summary: {
    indicators: { code: string; target: number; actual: number; achievementText: string; byUnit: { unitName: string; actual: number | null }[] }[];
    late: { unitName: string }[];
    missing: { unitName: string }[];
    budget: { planned: number; spent: number; remaining: number };
    counts: Record<string, number>;
  };
};

describe.each(databaseKinds)("plan lifecycle over HTTP on %s", (kind) => {
  let t: TestApp;
  let world: PlanWorld;
  let drafter: TestUser;
  let leader: TestUser;
  let outsider: TestUser;
  beforeAll(async () => {
    t = await createTestApp(kind, { now: "2023-03-01T02:00:00Z" });
    world = await planWorld(t, 10);
    ({ drafter, leader } = world);
    outsider = await t.user({ grants: [{ role: "applicant", unitId: world.districts[0]!.unitId }] });
  }, 120_000);
  afterAll(async () => t.close());

  async function json<T>(res: Response, status = 200): Promise<T> {
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(status);
    return body as T;
  }
  const act = (user: TestUser, id: string, type: string, data?: Record<string, unknown>) =>
    t.request(user, "POST", `/api/instances/${id}/events`, data ? { type, data } : { type });

  it("drafts, returns, approves, collects 8 of 10 reports (one sent back), marks 2 late, compiles and approves the summary", async () => {
    const districts = world.districts;
    const unitUsers: TestUser[] = [];
    for (const d of districts) unitUsers.push(await t.user({ grants: [{ role: "specialist", unitId: d.unitId }] }));
    const plan = await json<View>(await t.request(drafter, "POST", "/api/instances", { workflow: "plan", data: planData(world) }), 201);
    expect(plan.state).toBe("drafting");

    // Drafted, returned once, resubmitted, approved.
    await json(await act(drafter, plan.id, "SUBMIT"));
    await json(await act(leader, plan.id, "RETURN", { reason: "Bổ sung căn cứ" }));
    await json(await act(drafter, plan.id, "SUBMIT"));
    const approved = await json<View>(await act(leader, plan.id, "APPROVE", { effectiveDate: "2023-03-01" }));
    expect(approved.state).toBe("inEffect");
    // The approval issued the numbered plan of Ban Thường trực, its body filled from the plan.
    const planDocs = await json<{ items: DocumentItem[] }>(await t.request(drafter, "GET", `/api/documents?instance=${plan.id}`));
    expect(planDocs.items.map((d) => [d.number, d.type, d.issuedOn])).toEqual([["01/KH-MTTQ-BTT", "KH", "2023-03-01"]]);
    expect(planDocs.items[0]!.title).toBe(planData(world).title);
    const planPrint = await (await t.request(drafter, "GET", planDocs.items[0]!.printUrl)).text();
    for (const text of [
      "KẾ HOẠCH",
      "01/KH-MTTQ-BTT",
      "Căn cứ Chương trình phối hợp số 01/CTPH-MTTQ ngày 10/01/2023",
      "Duy trì, nhân rộng các mô hình điểm ở khu dân cư.",
      "2. Hộ gia đình tham gia: 300 hộ.",
      "Tổng kinh phí: 50.000.000\u00a0₫, gồm:",
      "- TP Kon Tum: Hỗ trợ duy trì mô hình điểm, 5.000.000\u00a0₫;",
      "- Đăk Glei: Chọn và duy trì một mô hình điểm ở khu dân cư;",
      "trước ngày 05/12/2023",
      // The signer is the leader who approved, with his role.
      leader.displayName,
      "LÃNH ĐẠO",
    ]) expect(planPrint).toContain(text);

    // One report per district, started by the plan; nobody starts one by hand.
    let tracking = await json<Tracking>(await t.request(drafter, "GET", `/api/plans/${plan.id}/tracking`));
    expect(tracking.round).toMatchObject({ key: "report", dueDate: "2023-12-05" });
    expect(tracking.units.map((u) => [u.unitName, u.status])).toEqual(districts.map((d) => [d.unitName, "pending"]));
    const reportOf = new Map(tracking.units.map((u) => [u.unitId, u.reportId!]));
    const manual = await t.request(drafter, "POST", "/api/instances", { workflow: "unit-report", data: {} });
    expect(manual.status).toBe(422);
    expect(await manual.json()).toMatchObject({ error: { code: "WORKFLOW_NOT_STARTABLE" } });
    const child = await json<View & { parentId: string; unitId: string }>(await t.request(drafter, "GET", `/api/instances/${reportOf.get(districts[0]!.unitId)}`));
    expect(child).toMatchObject({ state: "pending", data: { unitName: "Đăk Glei", dueDate: "2023-12-05", planTitle: planData(world).title } });

    // Three days before the deadline every unit is reminded, once, by its durable timer and a notification.
    const scheduler = new Scheduler(t.services);
    t.clock.set("2023-12-02T01:00:00Z");
    expect((await scheduler.runDue()).fired).toHaveLength(10);
    expect((await scheduler.runDue()).fired).toHaveLength(0);
    const reminded = await json<{ items: { kind: string; title: string; instanceId: string }[] }>(await t.request(unitUsers[0]!, "GET", "/api/notifications"));
    expect(reminded.items.filter((n) => n.kind === "reminder")).toEqual([
      expect.objectContaining({ instanceId: reportOf.get(districts[0]!.unitId), title: expect.stringContaining("(hạn 05/12/2023)") }),
    ]);

    // Eight districts report; the fifth is sent back once and corrects its figures.
    const households = [50, 60, 70, 55, 65, 52, 58, 62];
    t.clock.set("2023-12-04T03:00:00Z");
    for (const [i, d] of districts.slice(0, 8).entries()) {
      const id = reportOf.get(d.unitId)!;
      const wrong = i === 4 ? 99 : households[i]!;
      await json(await act(unitUsers[i]!, id, "SUBMIT", { actuals: [{ code: "MH", value: 1 }, { code: "HGD", value: wrong }], spent: i < 2 ? 5_000_000 : 4_500_000, narrative: "Đã duy trì mô hình" }));
    }
    // A district cannot accept its own report: the review is Ban Phong trào's task.
    const selfAccept = await act(unitUsers[0]!, reportOf.get(districts[0]!.unitId)!, "ACCEPT");
    expect(selfAccept.status).toBe(403);
    // Nor report for another district.
    const foreign = await act(unitUsers[0]!, reportOf.get(districts[9]!.unitId)!, "SUBMIT", { actuals: [] });
    expect(foreign.status).toBe(404);
    const early = await act(drafter, plan.id, "COMPILE");
    expect(early.status).toBe(422);
    expect(await early.json()).toMatchObject({ error: { code: "CONDITION_FAILED" } });

    const fifth = reportOf.get(districts[4]!.unitId)!;
    await json(await act(drafter, fifth, "REQUEST_SUPPLEMENT", { items: ["Số hộ tham gia chưa khớp biên bản"] }));
    tracking = await json<Tracking>(await t.request(drafter, "GET", `/api/plans/${plan.id}/tracking`));
    expect(tracking.counts).toMatchObject({ units: 10, review: 7, sentBack: 1, pending: 2, accepted: 0, late: 0 });
    await json(await act(unitUsers[4]!, fifth, "SUBMIT", { actuals: [{ code: "MH", value: 1 }, { code: "HGD", value: households[4] }], spent: 4_500_000 }));
    for (const d of districts.slice(0, 8)) await json(await act(drafter, reportOf.get(d.unitId)!, "ACCEPT"));

    // The deadline passes: the two silent districts are marked late, and the drafter may compile.
    t.clock.set("2023-12-06T01:00:00Z");
    const lateLeader = await t.user({ grants: [{ role: "leader", unitId: districts[9]!.unitId }] });
    const marks = await scheduler.runDue();
    expect(marks.fired).toHaveLength(2);
    expect(marks.cancelled).toBe(2); // the 04/12 reminders of the two silent districts came too late to send
    const escalated = await json<{ items: { kind: string; title: string }[] }>(await t.request(lateLeader, "GET", "/api/notifications"));
    expect(escalated.items.map((n) => [n.kind, n.title.startsWith("Quá hạn")])).toEqual([["escalation", true]]);
    tracking = await json<Tracking>(await t.request(drafter, "GET", `/api/plans/${plan.id}/tracking`));
    expect(tracking.counts).toMatchObject({ units: 10, reported: 8, accepted: 8, sentBack: 0, pending: 2, late: 2 });
    expect(tracking.units.filter((u) => u.late).map((u) => u.unitName)).toEqual(["Ia H'Drai", "TP Kon Tum"]);
    expect(tracking.units[4]).toMatchObject({ status: "accepted", sentBackCount: 1, reminders: ["2023-12-02"] });
    const planView = await json<View>(await t.request(drafter, "GET", `/api/instances/${plan.id}`));
    expect((planView.data.$children as { late: boolean }[]).filter((c) => c.late)).toHaveLength(2);
    expect(planView.data.$childrenOpen).toBe(2);

    expect((await json<View>(await act(drafter, plan.id, "COMPILE"))).state).toBe("compiling");
    const live = await json<Summary>(await t.request(drafter, "GET", `/api/plans/${plan.id}/summary`));
    expect(live.frozen).toBe(false);
    // The figures are the server's: a client cannot hand in its own.
    const forged = await act(drafter, plan.id, "SUBMIT", { note: "Kính trình", planSummary: { forged: true } });
    expect(forged.status).toBe(422);
    const submitted = await json<View>(await act(drafter, plan.id, "SUBMIT", { assessment: "Các đơn vị cơ bản hoàn thành kế hoạch.", note: "Kính trình" }));
    expect(submitted.state).toBe("summaryApproval");
    const { frozen, summary } = await json<Summary>(await t.request(leader, "GET", `/api/plans/${plan.id}/summary`));
    expect(frozen).toBe(true);
    expect(summary).toEqual(live.summary);

    // Hand-computed: 8 models of 10 (80,0%); 472 households of 300 (157,3%); 2 × 5.000.000 + 6 × 4.500.000 spent.
    expect(summary.indicators.map((i) => [i.code, i.target, i.actual, i.achievementText])).toEqual([
      ["MH", 10, 8, "80,0%"],
      ["HGD", 300, 472, "157,3%"],
    ]);
    expect(summary.indicators[1]!.byUnit.map((u) => u.actual)).toEqual([...households, null, null]);
    expect(summary.budget).toEqual({ planned: 50_000_000, spent: 37_000_000, remaining: 13_000_000 });
    expect(summary.late.map((u) => u.unitName)).toEqual(["Ia H'Drai", "TP Kon Tum"]);
    expect(summary.missing.map((u) => u.unitName)).toEqual(["Ia H'Drai", "TP Kon Tum"]);
    expect(summary.counts).toEqual({ units: 10, accepted: 8, late: 2, missing: 2 });

    // Exports.
    const csv = await t.request(leader, "GET", `/api/plans/${plan.id}/summary.csv`);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const csvText = await csv.text();
    expect(csvText).toContain("HGD,Hộ gia đình tham gia,hộ,300,472,\"157,3%\",50,60,70,55,65,52,58,62,,");
    const xlsx = await t.request(leader, "GET", `/api/plans/${plan.id}/summary.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.getWorksheet("Chỉ tiêu")!;
    expect(sheet.getRow(6).values).toEqual([undefined, "HGD", "Hộ gia đình tham gia", "hộ", 300, 472, "157,3%", ...households]);
    const print = await (await t.request(leader, "GET", `/api/plans/${plan.id}/summary/print`)).text();
    expect(print).toContain("157,3%");
    expect(print).toContain("50.000.000\u00a0₫");
    // Not approved yet: no number, a clear draft marker (issue 17, item 7).
    expect(print).toContain("DỰ THẢO — chưa duyệt, chưa cấp số");

    // The leader approves the numbered summary; the plan is closed.
    const closed = await json<View & { status: string; documents: { number: string }[] }>(await act(leader, plan.id, "APPROVE", { effectiveDate: "2023-12-08" }));
    expect(closed).toMatchObject({ state: "closed", status: "done" });
    const allDocs = await json<{ items: DocumentItem[] }>(await t.request(leader, "GET", `/api/documents?instance=${plan.id}`));
    expect(allDocs.items.map((d) => [d.number, d.type, d.issuedOn])).toEqual([
      ["01/KH-MTTQ-BTT", "KH", "2023-03-01"],
      ["01/BC-MTTQ-BTT", "BC", "2023-12-06"],
    ]);
    expect(closed.documents.map((d) => d.number)).toEqual(["01/KH-MTTQ-BTT", "01/BC-MTTQ-BTT"]);
    // Approved and numbered: the print carries the real number, no draft marker.
    const printed = await (await t.request(leader, "GET", `/api/plans/${plan.id}/summary/print`)).text();
    expect(printed.match(/Số: [^<]*(<b>[^<]*)?/)?.[0]).toBe("Số: 01/BC-MTTQ-BTT");
    expect(printed).not.toContain("DỰ THẢO");
    const reportPrint = await (await t.request(drafter, "GET", allDocs.items[1]!.printUrl)).text();
    for (const text of [
      "BÁO CÁO",
      "01/BC-MTTQ-BTT",
      "1. Mô hình điểm được duy trì: chỉ tiêu 10 mô hình, thực hiện 8 mô hình, đạt 80,0%.",
      "2. Hộ gia đình tham gia: chỉ tiêu 300 hộ, thực hiện 472 hộ, đạt 157,3%.",
      "Đơn vị báo cáo chậm hạn: Ia H&#39;Drai, TP Kon Tum.",
      "Kinh phí theo kế hoạch: 50.000.000\u00a0₫; đã chi: 37.000.000\u00a0₫; còn lại: 13.000.000\u00a0₫.",
      "- TP Kon Tum: kế hoạch 5.000.000\u00a0₫, đã chi …;",
      "Đánh giá chung: Các đơn vị cơ bản hoàn thành kế hoạch.",
      leader.displayName,
    ]) expect(reportPrint).toContain(text);
    // A late report after closing still lands on the child and leaves the closed plan alone.
    const late = reportOf.get(districts[8]!.unitId)!;
    await json(await act(unitUsers[8]!, late, "SUBMIT", { actuals: [{ code: "MH", value: 1 }], spent: 0 }));

    // Every dossier of the plan replays to its stored snapshot.
    for (const id of [plan.id, ...reportOf.values()]) {
      const row = (await t.services.dossierReads.find(id))!;
      const history = await t.services.dossierReads.history(id);
      const workflow = await t.services.registry.get(row.workflowKey, row.workflowVersion, t.services.database.db);
      const events: DossierEvent[] = history.slice(1).map((h) => ({
        type: h.type,
        data: (h.data ?? {}) as Record<string, unknown>,
        actor: h.actorId ? { id: h.actorId, roles: h.actorRoles } : actorFor(null, null),
        at: h.at.toISOString(),
      }));
      expect(replay(compileWorkflow(workflow.definition), (history[0]!.data ?? {}) as Record<string, unknown>, events)).toEqual(row.snapshot as DossierSnapshot);
    }
  });

  it("answers 404 for a plan the caller may not see or that is not a plan, 401 without a session", async () => {
    const plan = await json<View>(await t.request(drafter, "POST", "/api/instances", { workflow: "plan", data: planData({ ...world, districts: world.districts.slice(0, 2) }) }), 201);
    expect((await t.request(null, "GET", `/api/plans/${plan.id}/tracking`)).status).toBe(401);
    expect((await t.request(outsider, "GET", `/api/plans/${plan.id}/tracking`)).status).toBe(404);
    expect((await t.request(drafter, "GET", `/api/plans/not-a-uuid/summary`)).status).toBe(404);
    const other = await json<View>(await t.request(outsider, "POST", "/api/instances", { workflow: "association-founding", data: { authorityUnit: world.reportToUnit }, draft: true }), 201);
    expect((await t.request(outsider, "GET", `/api/plans/${other.id}/summary`)).status).toBe(404);
  });
});
