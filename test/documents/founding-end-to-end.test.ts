/**
 * The founding of a provincial health association from the first form to the approved charter, as the
 * demo accounts: the Sở Y tế (the field's managing agency) recognises the committee after one supplement
 * round; the Sở Nội vụ appraises the permission and the charter and submits each to the chairman of the
 * provincial People's Committee with a tờ trình (`01/TTr-SNV`), who decides (`01/QĐ-UBND`); then its
 * dissolution. At each step: the next actor's inbox, the due date, the history and the
 * numbered documents. A second dossier never reports its congress: its congress period ends after 90
 * days and its permission expires when no congress held in time was reported 30 working days later.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grants, units } from "../../server/db/schema";
import { Scheduler } from "../../server/scheduler/scheduler";
import { databaseKinds } from "../support/databases";
import { createDemoApp, DEMO_UNITS, type DemoApp } from "../support/demo";
import { uploadPdf } from "../support/files";
import { foundingApplication } from "../support/founding";
import type { TestUser } from "../support/harness";
import { act, formData, view, type DossierView } from "../time/founding-walk";

type Detail = DossierView & { status: string; documents: { number: string; type: string; title: string }[] };
type InboxItem = { dossierId: string; state: string; role: string; due: string | null; daysLeft: number | null };

/** 10:00 in Kon Tum on a date of 2026. */
const at = (date: string) => `${date}T10:00:00+07:00`;

describe.each(databaseKinds)("founding an association end to end on %s", (kind) => {
  let t: DemoApp;
  let nguoinop: TestUser;
  let chuyenvien: TestUser;
  let lanhdao: TestUser;
  let sytChuyenVien: TestUser;
  let sytGiamDoc: TestUser;
  let chutich: TestUser;
  let id: string;
  beforeAll(async () => {
    t = await createDemoApp(kind, { now: at("2026-03-02") });
    [nguoinop, chuyenvien, lanhdao, sytChuyenVien, sytGiamDoc, chutich] = await Promise.all([
      t.as("nguoinop"), t.as("chuyenvien"), t.as("lanhdao"), t.as("sytChuyenVien"), t.as("sytGiamDoc"), t.as("chutich"),
    ]);
  });
  afterAll(async () => t.close());

  async function inboxItem(user: TestUser, dossierId: string): Promise<InboxItem | undefined> {
    const res = await t.request(user, "GET", "/api/tasks?pageSize=100");
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: InboxItem[] }).items.find((i) => i.dossierId === dossierId);
  }
  async function detail(dossierId: string): Promise<Detail> {
    return (await view(t, nguoinop, dossierId)) as Detail;
  }
  /** The last history entry: its event, who sent it, where it led. */
  function lastStep(d: Detail) {
    const last = d.history.at(-1)!;
    return { type: last.type, actorId: last.actorId, to: last.to };
  }
  const numbers = (d: Detail) => d.documents.map((x) => x.number);

  it("the applicant hands in a province-scope health committee; the Sở Y tế's specialist has it with 30 working days", async () => {
    const data = await foundingApplication(t, nguoinop, { authorityUnit: DEMO_UNITS.soNoiVu, name: "Hội Điều dưỡng tỉnh (thử)", abbreviation: "HĐD", fieldOfActivity: "Y tế" });
    expect(data.scope).toBe("province");
    const started = await t.request(nguoinop, "POST", "/api/instances", { workflow: "association-founding", data });
    expect(started.status).toBe(201);
    id = ((await started.json()) as { id: string }).id;
    expect(await inboxItem(nguoinop, id)).toMatchObject({ state: "draft" });

    const submitted = (await act(t, nguoinop, id, "SUBMIT", {})) as Detail;
    expect(lastStep(submitted)).toEqual({ type: "SUBMIT", actorId: nguoinop.id, to: ["committeeReview"] });
    // 30 working days from Mon 02/03/2026, the day of receipt not counted: Mon 13/04/2026.
    expect(submitted.deadline).toMatchObject({ due: "2026-04-13", daysLeft: 30, paused: false });
    expect(await inboxItem(sytChuyenVien, id)).toMatchObject({ state: "committeeReview", role: "specialist", due: "2026-04-13", daysLeft: 30 });
    // The Sở Nội vụ, where it was filed, does not recognise a health association's committee.
    expect(await inboxItem(chuyenvien, id)).toBeUndefined();
    expect(await inboxItem(nguoinop, id)).toBeUndefined();
  });

  it("a supplement request pauses the clock; the resubmission a week later resumes it with the days left", async () => {
    const asked = (await act(t, sytChuyenVien, id, "REQUEST_SUPPLEMENT")) as Detail;
    expect(lastStep(asked)).toEqual({ type: "REQUEST_SUPPLEMENT", actorId: sytChuyenVien.id, to: ["committeeSupplement"] });
    expect(asked.deadline).toMatchObject({ paused: true, remaining: 30 });
    expect(await inboxItem(nguoinop, id)).toMatchObject({ state: "committeeSupplement" });
    expect(await inboxItem(sytChuyenVien, id)).toBeUndefined();

    t.clock.set(at("2026-03-09"));
    const resubmitted = (await act(t, nguoinop, id, "RESUBMIT")) as Detail;
    expect(lastStep(resubmitted)).toEqual({ type: "RESUBMIT", actorId: nguoinop.id, to: ["committeeReview"] });
    // 30 working days again from Mon 09/03: Mon 20/04/2026.
    expect(resubmitted.deadline).toMatchObject({ due: "2026-04-20", paused: false });
    expect(await inboxItem(sytChuyenVien, id)).toMatchObject({ state: "committeeReview", due: "2026-04-20", daysLeft: 30 });
  });

  it("the Sở Y tế's specialist proposes, its director recognises the committee: decision 01/QĐ-SYT", async () => {
    const proposed = (await act(t, sytChuyenVien, id, "PROPOSE")) as Detail;
    expect(lastStep(proposed)).toEqual({ type: "PROPOSE", actorId: sytChuyenVien.id, to: ["committeeDecision"] });
    expect(await inboxItem(sytGiamDoc, id)).toMatchObject({ state: "committeeDecision", role: "leader", due: "2026-04-20", daysLeft: 30 });

    t.clock.set(at("2026-03-10"));
    const approved = (await act(t, sytGiamDoc, id, "APPROVE")) as Detail;
    expect(lastStep(approved)).toEqual({ type: "APPROVE", actorId: sytGiamDoc.id, to: ["committeeRecognized"] });
    expect(approved.documents).toEqual([
      expect.objectContaining({ number: "01/QĐ-SYT", type: "QĐ", title: "Về việc công nhận Ban vận động thành lập Hội Điều dưỡng tỉnh (thử)" }),
    ]);
    expect(approved.deadline).toBeNull();
    expect(await inboxItem(nguoinop, id)).toMatchObject({ state: "committeeRecognized" });
    expect(await inboxItem(sytGiamDoc, id)).toBeUndefined();
  });

  it("the founding application needs the registered members of its scope, then runs 60 working days", async () => {
    t.clock.set(at("2026-03-16"));
    const application = await formData(t, nguoinop, id, "SUBMIT");
    const tooFew = await t.request(nguoinop, "POST", `/api/instances/${id}/events`, { type: "SUBMIT", data: { ...application, expectedMembers: 49 } });
    expect(tooFew.status).toBe(422);
    expect(await tooFew.json()).toMatchObject({ error: { code: "CONDITION_FAILED", message: expect.stringContaining("tỉnh 50") } });
    // The head's criminal-record extract must be at most 6 months old on the day of this submission.
    const stale = await t.request(nguoinop, "POST", `/api/instances/${id}/events`, { type: "SUBMIT", data: { ...application, headCriminalRecordIssuedOn: "2025-09-15" } });
    expect(stale.status).toBe(422);
    expect(await stale.json()).toMatchObject({
      error: { code: "VALIDATION_FAILED", fields: [expect.objectContaining({ path: "/headCriminalRecordIssuedOn", code: "tooOld", message: expect.stringContaining("Trưởng ban vận động: phiếu lý lịch tư pháp cấp ngày 15/09/2025, quá 6 tháng") })] },
    });

    const applied = (await act(t, nguoinop, id, "SUBMIT")) as Detail;
    expect(lastStep(applied)).toEqual({ type: "SUBMIT", actorId: nguoinop.id, to: ["foundingReview"] });
    // 60 working days from Mon 16/03/2026, skipping 27/04 (in lieu of Giỗ Tổ), 30/04 and 01/05: Thu 11/06/2026.
    expect(await inboxItem(chuyenvien, id)).toMatchObject({ state: "foundingReview", due: "2026-06-11", daysLeft: 60 });

    await act(t, chuyenvien, id, "PROPOSE");
    // The Sở Nội vụ's director signs the tờ trình; the chairman of the People's Committee decides.
    expect(await inboxItem(lanhdao, id)).toMatchObject({ state: "foundingSubmission", due: "2026-06-11" });
    const submitted = (await act(t, lanhdao, id, "SEND_SUBMISSION")) as Detail;
    expect(numbers(submitted)).toEqual(["01/QĐ-SYT", "01/TTr-SNV"]);
    expect(submitted.documents[1]!.title).toBe("Về việc cho phép thành lập Hội Điều dưỡng tỉnh (thử)");
    expect(await inboxItem(lanhdao, id)).toBeUndefined();
    expect(await inboxItem(chutich, id)).toMatchObject({ state: "foundingDecision", role: "leader", due: "2026-06-11" });
    // The director cannot sign the chairman's decision.
    expect((await t.request(lanhdao, "POST", `/api/instances/${id}/events`, { type: "APPROVE", data: { effectiveDate: "2026-03-18" } })).status).toBe(403);
    t.clock.set(at("2026-03-18"));
    const permitted = (await act(t, chutich, id, "APPROVE")) as Detail;
    expect(lastStep(permitted)).toEqual({ type: "APPROVE", actorId: chutich.id, to: ["permitted"] });
    expect(numbers(permitted)).toEqual(["01/QĐ-SYT", "01/TTr-SNV", "01/QĐ-UBND"]);
    expect(permitted.documents[2]!.title).toBe("Về việc cho phép thành lập Hội Điều dưỡng tỉnh (thử)");
    expect(await inboxItem(nguoinop, id)).toMatchObject({ state: "permitted" });
  });

  it("the congress is reported, the charter approved (02/QĐ-UBND on 02/TTr-SNV): the association becomes a unit led by its founder", async () => {
    t.clock.set(at("2026-04-15"));
    const reported = (await act(t, nguoinop, id, "REPORT_CONGRESS")) as Detail;
    expect(lastStep(reported)).toEqual({ type: "REPORT_CONGRESS", actorId: nguoinop.id, to: ["charterReview"] });
    // 30 working days from Wed 15/04/2026, skipping 27/04, 30/04 and 01/05: Mon 01/06/2026.
    expect(await inboxItem(chuyenvien, id)).toMatchObject({ state: "charterReview", due: "2026-06-01", daysLeft: 30 });

    await act(t, chuyenvien, id, "PROPOSE");
    expect(await inboxItem(lanhdao, id)).toMatchObject({ state: "charterSubmission", due: "2026-06-01" });
    await act(t, lanhdao, id, "SEND_SUBMISSION");
    expect(await inboxItem(chutich, id)).toMatchObject({ state: "charterDecision", due: "2026-06-01" });
    t.clock.set(at("2026-04-16"));
    const established = (await act(t, chutich, id, "APPROVE")) as Detail;
    expect(lastStep(established)).toEqual({ type: "APPROVE", actorId: chutich.id, to: ["established"] });
    expect(established.status).toBe("done");
    expect(numbers(established)).toEqual(["01/QĐ-SYT", "01/TTr-SNV", "01/QĐ-UBND", "02/TTr-SNV", "02/QĐ-UBND"]);
    expect(established.history.map((h) => h.type)).toEqual([
      "START", "SUBMIT", "REQUEST_SUPPLEMENT", "RESUBMIT", "PROPOSE", "APPROVE", "SUBMIT", "PROPOSE", "SEND_SUBMISSION", "APPROVE", "REPORT_CONGRESS", "PROPOSE", "SEND_SUBMISSION", "APPROVE",
    ]);
    expect(await inboxItem(nguoinop, id)).toBeUndefined();

    const [unit] = await t.services.database.db.select().from(units).where(eq(units.establishedBy, id));
    expect(unit).toMatchObject({ kind: "association", parentId: DEMO_UNITS.soNoiVu, name: "Hội Điều dưỡng tỉnh (thử)", code: "HĐD" });
    const held = await t.services.database.db.select().from(grants).where(eq(grants.unitId, unit!.id));
    expect(held.map((g) => [g.userId, g.role])).toEqual([[nguoinop.id, "leader"]]);
    const me = (await (await t.request(nguoinop, "GET", "/api/me")).json()) as { user?: { grants: { role: string; unitId: string }[] }; grants?: { role: string; unitId: string }[] };
    expect(JSON.stringify(me)).toContain(unit!.id);

    const lookup = await t.raw("GET", `/api/public/dossiers/${established.code}`);
    expect(await lookup.json()).toMatchObject({ status: "done", step: { vi: "Hội đã thành lập, điều lệ được phê duyệt" }, resultNumber: "02/QĐ-UBND" });
  });

  it("the established association dissolves: request, review, the Sở's tờ trình 03/TTr-SNV, the chairman's decision 03/QĐ-UBND", async () => {
    const [unit] = await t.services.database.db.select().from(units).where(eq(units.establishedBy, id));
    t.clock.set(at("2026-05-04"));
    const data = {
      name: unit!.name,
      association: unit!.id,
      authorityUnit: DEMO_UNITS.soNoiVu,
      reason: "Hội không còn đủ hội viên để duy trì hoạt động.",
      resolutionDate: "2026-04-28",
      resolution: await uploadPdf(t, nguoinop, "nghi-quyet-giai-the.pdf"),
      settlementReport: await uploadPdf(t, nguoinop, "bao-cao-tai-san.pdf"),
      settlementPlan: await uploadPdf(t, nguoinop, "phuong-an-thanh-toan-no.pdf"),
      newspaper: "Báo Kon Tum",
      noticePublications: ["2026-04-27", "2026-04-28", "2026-04-29", "2026-04-30", "2026-05-01"],
      settlementDeadline: "2026-05-03",
      debtsSettled: false,
    };
    const started = await t.request(nguoinop, "POST", "/api/instances", { workflow: "association-dissolution", data });
    expect(started.status).toBe(201);
    const dissolution = ((await started.json()) as { id: string }).id;
    const unpaid = await t.request(nguoinop, "POST", `/api/instances/${dissolution}/events`, { type: "SUBMIT" });
    expect(unpaid.status).toBe(422);
    expect(await unpaid.json()).toMatchObject({ error: { code: "CONDITION_FAILED" } });
    expect((await t.request(nguoinop, "PUT", `/api/instances/${dissolution}/draft`, { data: { ...data, debtsSettled: true } })).status).toBe(200);

    await act(t, nguoinop, dissolution, "SUBMIT", {});
    expect(await inboxItem(chuyenvien, dissolution)).toMatchObject({ state: "dissolutionReview", daysLeft: 30 });
    await act(t, chuyenvien, dissolution, "PROPOSE");
    expect(await inboxItem(lanhdao, dissolution)).toMatchObject({ state: "dissolutionSubmission" });
    await act(t, lanhdao, dissolution, "SEND_SUBMISSION");
    expect(await inboxItem(chutich, dissolution)).toMatchObject({ state: "dissolutionDecision" });
    const decided = (await act(t, chutich, dissolution, "APPROVE")) as Detail;
    expect(decided).toMatchObject({ state: "dissolved", status: "done" });
    expect(decided.documents).toEqual([
      expect.objectContaining({ number: "03/TTr-SNV", title: `Về việc giải thể ${unit!.name}` }),
      expect.objectContaining({ number: "03/QĐ-UBND", title: `Về việc giải thể ${unit!.name}` }),
    ]);
    const print = await t.request(nguoinop, "GET", `/api/documents/${(decided.documents[1] as unknown as { id: string }).id}/print`);
    expect(await print.text()).toContain("Nghị quyết giải thể của Đại hội ngày 28/04/2026");
  });

  it("a second dossier that never reports its congress: its period ends 90 days after the permission took effect, the permission expires when no congress held in time is reported", async () => {
    t.clock.set(at("2026-03-02"));
    const data = await foundingApplication(t, nguoinop, { authorityUnit: DEMO_UNITS.soNoiVu, name: "Hội Không họp đại hội" });
    const other = ((await (await t.request(nguoinop, "POST", "/api/instances", { workflow: "association-founding", data })).json()) as { id: string }).id;
    await act(t, nguoinop, other, "SUBMIT", {});
    await act(t, chuyenvien, other, "PROPOSE");
    await act(t, lanhdao, other, "APPROVE");
    await act(t, nguoinop, other, "SUBMIT");
    await act(t, chuyenvien, other, "PROPOSE");
    await act(t, lanhdao, other, "SEND_SUBMISSION");
    const permitted = (await act(t, chutich, other, "APPROVE")) as Detail;
    expect(permitted.state).toBe("permitted");
    // An education association: no Sở Giáo dục in the demo province, so the Sở Nội vụ recognised it. Each
    // issuer's sequence went on: the permission of the second dossier is 04/QĐ-UBND.
    expect(numbers(permitted)).toEqual(["01/QĐ-SNV", "04/TTr-SNV", "04/QĐ-UBND"]);
    const scheduler = new Scheduler(t.services);

    // 90 calendar days from Mon 02/03 end Sun 31/05, a day off: the limit runs through Mon 01/06.
    t.clock.set("2026-06-01T23:59:00+07:00");
    await scheduler.runDue();
    expect((await view(t, nguoinop, other)).state).toBe("permitted");
    t.clock.set(at("2026-06-02"));
    await scheduler.runDue();
    const ended = (await detail(other)) as Detail;
    expect(ended).toMatchObject({ state: "congressPeriodEnded", status: "active" });
    expect(lastStep(ended)).toEqual({ type: "CONGRESS_PERIOD_ENDED", actorId: null, to: ["congressPeriodEnded"] });
    // A congress held on 01/06 could still be reported for 30 working days: through Mon 13/07/2026.
    t.clock.set(at("2026-07-14"));
    await scheduler.runDue();
    const expired = (await detail(other)) as Detail;
    expect(expired).toMatchObject({ state: "expired", status: "done" });
    expect(lastStep(expired)).toEqual({ type: "EXPIRE", actorId: null, to: ["expired"] });
    expect(expired.history.at(-1)!.at).toBe("2026-07-14T03:00:00.000Z"); // when the scheduler carried it out
    expect(await inboxItem(nguoinop, other)).toBeUndefined();
    // A person may not send the engine's own event.
    const byHand = await t.request(nguoinop, "POST", `/api/instances/${id}/events`, { type: "EXPIRE" });
    expect(byHand.status).toBe(409);
  });
});
