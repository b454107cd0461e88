import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtinDefinitions, type WorkflowDefinition } from "../../workflows";
import { expectEveryHistoryReplays } from "../support/replay";
import { databaseKinds } from "../support/databases";
import { createTestApp, type TestApp, type TestUser } from "../support/harness";
import { act, createWorld, startFounding, view, type DossierView, type World } from "../time/founding-walk";

// The one-stop procedure (Nghị định 61/2018/NĐ-CP, Nghị định 118/2025/NĐ-CP) on the built-in founding
// workflow: receipt at submission, written supplement request within 3 working days of receipt (later
// only with a recorded reason, flagged), the time running again in full after a supplement, and the
// apology with a new date for an overdue dossier. March 2026 has no holidays.

type Paper = { id: string; number: string; type: string; title: string; issuedOn: string; signer: { name: string; title: string | null } };
type Detail = DossierView & { documents: Paper[]; oneStopPapers: Paper[]; deadline: DossierView["deadline"] & { promised: string | null } };
type Body = { subject: string; content: string[] };

const at = (date: string, time = "09:00") => `${date}T${time}:00+07:00`;

async function detail(t: TestApp, user: TestUser, id: string): Promise<Detail> {
  return (await view(t, user, id)) as Detail;
}
async function bodyOf(t: TestApp, user: TestUser, paper: Paper): Promise<Body> {
  const res = await t.request(user, "GET", `/api/documents/${paper.id}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { body: Body }).body;
}
const supplement = { items: ["Phiếu lý lịch tư pháp số 1 của trưởng ban", "Sơ yếu lý lịch của hai thành viên"] };

describe.each(databaseKinds)("one-stop procedure of the founding workflow on %s", (kind) => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp(kind, { now: at("2026-03-02", "08:00") });
    w = await createWorld(t);
  });
  afterAll(async () => t.close());

  it("prints a numbered receipt at submission, carrying the legal due date as the return date", async () => {
    t.clock.set(at("2026-03-02", "08:00"));
    const id = await startFounding(t, w);
    expect((await detail(t, w.applicant, id)).oneStopPapers).toEqual([]); // a draft is not received yet
    t.clock.set(at("2026-03-02")); // Mon 02/03/2026
    const submitted = (await act(t, w.applicant, id, "SUBMIT")) as Detail;
    // 30 working days from Mon 2/3, the day of receipt not counted: Mon 13/04/2026.
    expect(submitted.deadline).toMatchObject({ due: "2026-04-13", promised: "2026-04-13" });
    expect(submitted.documents).toEqual([]); // a receipt is no decision
    expect(submitted.oneStopPapers).toEqual([
      expect.objectContaining({ number: "01/GTN-SNV", type: "GTN", issuedOn: "2026-03-02", signer: { name: "Bộ phận tiếp nhận và trả kết quả", title: "Người tiếp nhận hồ sơ" } }),
    ]);
    const receipt = submitted.oneStopPapers[0]!;
    const body = await bodyOf(t, w.applicant, receipt);
    expect(body.content).toContain("Ngày tiếp nhận: 02/03/2026.");
    expect(body.content).toContain("Ngày hẹn trả kết quả: 13/04/2026.");
    expect(body.content).toContain("Thời hạn giải quyết: 30 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.");
    // The applicant prints it like any document; it names the receiving office, not the applicant, as signer.
    const print = await t.request(w.applicant, "GET", `/api/documents/${receipt.id}/print`);
    expect(print.status).toBe(200);
    const html = await print.text();
    expect(html).toContain("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ");
    expect(html).toContain("Số: 01/GTN-SNV");
    expect(html).toContain("Ngày hẹn trả kết quả: 13/04/2026.");
    expect(html).toContain('<div class="name">Bộ phận tiếp nhận và trả kết quả</div>');
    // The listing under /api/documents keeps the slips apart, as the dossier does.
    const listed = (await (await t.request(w.applicant, "GET", `/api/documents?instance=${id}`)).json()) as { items: Paper[]; oneStopPapers: Paper[] };
    expect(listed.items).toEqual([]);
    expect(listed.oneStopPapers.map((p) => p.number)).toEqual(["01/GTN-SNV"]);

    // A RETURN from the leader keeps the same clock running: no second receipt.
    await act(t, w.specialist, id, "PROPOSE");
    await act(t, w.leader, id, "RETURN");
    expect((await detail(t, w.applicant, id)).oneStopPapers).toHaveLength(1);
  });

  it("takes a written supplement request within 3 working days of receipt, and issues it as a slip listing everything", async () => {
    t.clock.set(at("2026-03-02"));
    const id = await startFounding(t, w);
    await act(t, w.applicant, id, "SUBMIT");
    t.clock.set(at("2026-03-05", "16:00")); // Thu 05/03 = working day 3: the last day of the limit
    const asked = (await act(t, w.specialist, id, "REQUEST_SUPPLEMENT", supplement)) as Detail;
    expect(asked.state).toBe("committeeSupplement");
    expect(asked.history.at(-1)!.data).toMatchObject({ oneStopSupplement: { receivedOn: "2026-03-02", lastDay: "2026-03-05", late: false, lateReason: null } });
    const slip = asked.oneStopPapers.find((p) => p.type === "PYC")!;
    expect(slip).toMatchObject({ number: "01/PYC-SNV", signer: { name: w.specialist.displayName } });
    const body = await bodyOf(t, w.applicant, slip);
    expect(body.content).toEqual([
      expect.stringContaining("tiếp nhận ngày 02/03/2026, chưa đầy đủ, hợp lệ"),
      "1. Phiếu lý lịch tư pháp số 1 của trưởng ban",
      "2. Sơ yếu lý lịch của hai thành viên",
      "Thời hạn giải quyết được tính lại từ đầu kể từ ngày nhận đủ hồ sơ hợp lệ.",
    ]);
  });

  it("after day 3 refuses a supplement request without a reason (422, nothing written) and takes it, flagged, with one", async () => {
    t.clock.set(at("2026-03-02"));
    const id = await startFounding(t, w);
    await act(t, w.applicant, id, "SUBMIT");
    t.clock.set(at("2026-03-06")); // Fri 06/03 = working day 4
    const before = await detail(t, w.specialist, id);
    for (const data of [supplement, { ...supplement, lateReason: "   " }]) {
      const refused = await t.request(w.specialist, "POST", `/api/instances/${id}/events`, { type: "REQUEST_SUPPLEMENT", data });
      expect(refused.status).toBe(422);
      const { error } = (await refused.json()) as { error: { code: string; message: string; fields: { path: string; message: string }[] } };
      expect(error.code).toBe("VALIDATION_FAILED");
      expect(error.message).toBe("Đã quá 03 ngày làm việc kể từ ngày tiếp nhận hồ sơ (02/03/2026, hạn yêu cầu bổ sung 05/03/2026): phải ghi rõ lý do yêu cầu bổ sung muộn");
      expect(error.fields).toEqual([expect.objectContaining({ path: "/lateReason", message: "Ghi rõ lý do yêu cầu bổ sung sau thời hạn" })]);
    }
    const unchanged = await detail(t, w.specialist, id);
    expect({ state: unchanged.state, version: unchanged.version, papers: unchanged.oneStopPapers.length }).toEqual({ state: before.state, version: before.version, papers: 1 });

    // The applicant cannot ask for a supplement, late reason or not.
    const notHis = await t.request(w.applicant, "POST", `/api/instances/${id}/events`, { type: "REQUEST_SUPPLEMENT", data: { ...supplement, lateReason: "x" } });
    expect([403, 409]).toContain(notHis.status);

    const reason = "Phát hiện phiếu lý lịch tư pháp giả khi đối chiếu với Sở Tư pháp";
    const asked = (await act(t, w.specialist, id, "REQUEST_SUPPLEMENT", { ...supplement, lateReason: reason })) as Detail;
    expect(asked.state).toBe("committeeSupplement");
    // Flagged: the history keeps the lateness and its reason, and the slip says it.
    expect(asked.history.at(-1)!.data).toMatchObject({ lateReason: reason, oneStopSupplement: { late: true, lastDay: "2026-03-05", lateReason: reason } });
    const body = await bodyOf(t, w.applicant, asked.oneStopPapers.find((p) => p.type === "PYC")!);
    expect(body.content.at(-1)).toBe(`Phiếu này được gửi sau thời hạn yêu cầu bổ sung (05/03/2026). Lý do: ${reason}`);
  });

  it("restarts the time in full from the complete dossier and issues a new receipt with the new date", async () => {
    t.clock.set(at("2026-03-02"));
    const id = await startFounding(t, w);
    await act(t, w.applicant, id, "SUBMIT");
    t.clock.set(at("2026-03-04"));
    await act(t, w.specialist, id, "REQUEST_SUPPLEMENT", supplement);
    t.clock.set(at("2026-03-09")); // Mon 09/03: the complete dossier
    const resubmitted = (await act(t, w.applicant, id, "RESUBMIT")) as Detail;
    // 30 working days from Mon 9/3 (not 13/4 + the paused days): Mon 20/04/2026.
    expect(resubmitted.deadline).toMatchObject({ due: "2026-04-20", used: 0, remaining: 30, promised: "2026-04-20" });
    const receipts = resubmitted.oneStopPapers.filter((p) => p.type === "GTN");
    expect(receipts).toHaveLength(2);
    expect((await bodyOf(t, w.applicant, receipts[1]!)).content).toContain("Ngày hẹn trả kết quả: 20/04/2026.");

    // A new round of receipt: its own 3 days run from 09/03, so a request on Thu 12/03 needs no reason.
    t.clock.set(at("2026-03-12"));
    const again = (await act(t, w.specialist, id, "REQUEST_SUPPLEMENT", supplement)) as Detail;
    expect(again.history.at(-1)!.data).toMatchObject({ oneStopSupplement: { receivedOn: "2026-03-09", lastDay: "2026-03-12", late: false } });
  });

  it("refuses an apology on a dossier that is not overdue, and on an overdue one issues it and moves the promised date", async () => {
    t.clock.set(at("2026-03-02"));
    const id = await startFounding(t, w);
    await act(t, w.applicant, id, "SUBMIT"); // due Mon 13/04/2026
    const apology = { reason: "Phải lấy ý kiến của sở quản lý ngành, chưa nhận được trả lời.", newDate: "2026-04-24" };

    t.clock.set(at("2026-04-13", "16:00")); // the due date itself: not overdue yet
    const early = await t.request(w.specialist, "POST", `/api/instances/${id}/events`, { type: "APOLOGIZE", data: apology });
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({ error: { code: "NOT_OVERDUE", message: expect.stringContaining("Hồ sơ chưa quá hạn giải quyết (hạn trả kết quả 13/04/2026)") } });

    t.clock.set(at("2026-04-14")); // Tue 14/04: one working day late
    expect((await detail(t, w.specialist, id)).deadline).toMatchObject({ overdue: true, promised: "2026-04-13" });
    // Only an official of the authority apologises; the date must be a working day after today; the reason is required.
    expect((await t.request(w.applicant, "POST", `/api/instances/${id}/events`, { type: "APOLOGIZE", data: apology })).status).toBe(403);
    for (const [newDate, why] of [["2026-04-14", "today"], ["2026-04-25", "a Saturday"], ["2026-04-30", "a holiday"]] as const) {
      const bad = await t.request(w.specialist, "POST", `/api/instances/${id}/events`, { type: "APOLOGIZE", data: { ...apology, newDate } });
      expect(bad.status, why).toBe(422);
      expect(((await bad.json()) as { error: { fields: { path: string }[] } }).error.fields[0]!.path).toBe("/newDate");
    }
    const noReason = await t.request(w.specialist, "POST", `/api/instances/${id}/events`, { type: "APOLOGIZE", data: { newDate: apology.newDate } });
    expect(noReason.status).toBe(422);
    expect((await detail(t, w.specialist, id)).oneStopPapers.map((p) => p.type)).toEqual(["GTN"]);

    const res = await t.request(w.specialist, "POST", `/api/instances/${id}/events`, { type: "APOLOGIZE", data: apology });
    expect(res.status).toBe(200);
    const apologised = (await res.json()) as Detail;
    expect(apologised.state).toBe("committeeReview"); // the dossier stays where it is
    expect(apologised.history.at(-1)).toMatchObject({ type: "APOLOGIZE", actorId: w.specialist.id, data: apology });
    expect(apologised.deadline).toMatchObject({ due: "2026-04-13", overdue: true, promised: "2026-04-24" });
    const slip = apologised.oneStopPapers.find((p) => p.type === "PXL")!;
    expect(slip).toMatchObject({ number: "01/PXL-SNV", signer: { name: w.specialist.displayName } });
    const body = await bodyOf(t, w.applicant, slip);
    expect(body.content).toEqual([
      expect.stringContaining("ngày 02/03/2026, hẹn trả kết quả ngày 13/04/2026."),
      `Đến nay hồ sơ đã quá hạn giải quyết. Lý do: ${apology.reason}`,
      expect.stringContaining("hẹn lại ngày trả kết quả: 24/04/2026."),
    ]);
    const html = await (await t.request(w.applicant, "GET", `/api/documents/${slip.id}/print`)).text();
    expect(html).toContain("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ");

    // A second apology moves the promise again and tells the applicant the date promised last.
    t.clock.set(at("2026-04-27"));
    const second = (await act(t, w.leader, id, "APOLOGIZE", { reason: "Chờ ý kiến của Bộ", newDate: "2026-05-08" })) as Detail;
    expect(second.deadline).toMatchObject({ promised: "2026-05-08" });
    const secondSlip = second.oneStopPapers.filter((p) => p.type === "PXL")[1]!;
    expect((await bodyOf(t, w.specialist, secondSlip)).content[0]).toContain("hẹn trả kết quả ngày 24/04/2026.");

    // Waiting for the applicant's supplement the dossier is not the authority's to be late on.
    t.clock.set(at("2026-03-02"));
    const waiting = await startFounding(t, w);
    await act(t, w.applicant, waiting, "SUBMIT");
    await act(t, w.specialist, waiting, "REQUEST_SUPPLEMENT", supplement);
    t.clock.set(at("2026-06-01"));
    const paused = await t.request(w.specialist, "POST", `/api/instances/${waiting}/events`, { type: "APOLOGIZE", data: { ...apology, newDate: "2026-06-10" } });
    expect(paused.status).toBe(409);
  });

  it("replays every history, apologies included", async () => {
    expect(await expectEveryHistoryReplays(t)).toBeGreaterThan(0);
  });
});

describe.each(databaseKinds)("a procedure whose clock pauses on supplement, on %s", (kind) => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp(kind, { now: at("2026-03-02", "08:00") });
    w = await createWorld(t);
    // A province publishes founding with the clock rule `pause` (the rule is the definition's, with its source).
    const founding = builtinDefinitions.find((d) => (d as WorkflowDefinition).key === "association-founding") as WorkflowDefinition;
    const oneStop = founding.oneStop!;
    const published = await t.request(w.admin, "POST", "/api/workflows", {
      ...founding,
      version: undefined,
      oneStop: { ...oneStop, clockOnSupplement: { rule: "pause", source: { setting: "Thử nghiệm: tạm dừng thời hạn khi yêu cầu bổ sung" } } },
    });
    expect(published.status, await published.clone().text()).toBe(201);
  });
  afterAll(async () => t.close());

  it("resumes with the days left: the due date moves by exactly the paused working days, and the new receipt says so", async () => {
    t.clock.set(at("2026-03-02", "08:00"));
    const id = await startFounding(t, w);
    t.clock.set(at("2026-03-02"));
    await act(t, w.applicant, id, "SUBMIT"); // due Mon 13/04
    t.clock.set(at("2026-03-04")); // Wed 04/03 = working day 2
    const asked = (await act(t, w.specialist, id, "REQUEST_SUPPLEMENT", supplement)) as Detail;
    expect(asked.deadline).toMatchObject({ paused: true, used: 2, remaining: 28 });
    t.clock.set(at("2026-03-09")); // Mon 09/03: paused Thu 5, Fri 6, Mon 9 = 3 working days
    const resumed = (await act(t, w.applicant, id, "RESUBMIT")) as Detail;
    // 13/4 + 3 working days = Thu 16/04/2026 (restart would give 20/04).
    expect(resumed.deadline).toMatchObject({ due: "2026-04-16", used: 2, remaining: 28, promised: "2026-04-16" });
    const receipts = resumed.oneStopPapers.filter((p) => p.type === "GTN");
    expect(receipts.map((r) => r.number)).toEqual(["01/GTN-SNV", "02/GTN-SNV"]);
    expect((await bodyOf(t, w.applicant, receipts[1]!)).content).toContain("Ngày hẹn trả kết quả: 16/04/2026.");
  });
});
