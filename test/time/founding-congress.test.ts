/**
 * The founding congress (issue 18, item 4), end to end over HTTP with the scheduler: the 90-day period
 * runs from the permission's EFFECTIVE date (not the day it was signed) and stops when the congress is
 * HELD, so a congress held on day 89 and reported on day 100 does not expire; quorum; one extension
 * asked within 15 days before the end moves the limit and its timer.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { timers } from "../../server/db/schema";
import { Scheduler } from "../../server/scheduler/scheduler";
import { databaseKinds } from "../support/databases";
import { createTestApp, type TestApp, type TestUser } from "../support/harness";
import { act, createWorld, formData, startFounding, view, walkTo, type World } from "./founding-walk";

const at = (date: string) => `${date}T10:00:00+07:00`;

type Detail = Awaited<ReturnType<typeof view>> & { data: Record<string, unknown>; documents: { number: string }[] };

describe.each(databaseKinds)("the founding congress on %s", (kind) => {
  let t: TestApp;
  let w: World;
  let scheduler: Scheduler;
  beforeAll(async () => {
    t = await createTestApp(kind, { now: at("2026-03-02") });
    w = await createWorld(t);
    scheduler = new Scheduler(t.services);
  });
  afterAll(async () => t.close());

  const pending = async (id: string, state: string) =>
    (await t.services.database.db.select().from(timers).where(eq(timers.instanceId, id))).filter((x) => x.stateName === state && !x.firedAt && !x.cancelledAt);

  /** A dossier permitted on Mon 02/03/2026 by a decision that takes effect on `effectiveDate`. */
  async function permittedFrom(effectiveDate: string): Promise<string> {
    t.clock.set(at("2026-03-02"));
    const id = await startFounding(t, w);
    await walkTo(t, w, id, "committeeRecognized");
    await act(t, w.applicant, id, "SUBMIT");
    await act(t, w.specialist, id, "PROPOSE");
    await act(t, w.leader, id, "SEND_SUBMISSION");
    const permitted = await act(t, w.chairman, id, "APPROVE", { effectiveDate, note: "" });
    expect(permitted.state).toBe("permitted");
    return id;
  }

  async function send(user: TestUser, id: string, type: string, data: Record<string, unknown>) {
    return t.request(user, "POST", `/api/instances/${id}/events`, { type, data });
  }
  async function refused(user: TestUser, id: string, type: string, data: Record<string, unknown>) {
    const res = await send(user, id, type, data);
    expect(res.status).toBe(422);
    return ((await res.json()) as { error: { code: string; message: string } }).error;
  }
  const report = async (id: string, extra: Record<string, unknown>) => ({ ...(await formData(t, w.applicant, id, "REPORT_CONGRESS")), ...extra });

  it("runs the period from the effective date: held on day 89, reported on day 100, the dossier goes on to the charter review", async () => {
    // Signed 02/03, effective Tue 10/03: 90 days end Mon 08/06/2026 (not 01/06, 90 days after signing).
    const id = await permittedFrom("2026-03-10");
    const data = ((await view(t, w.applicant, id)) as Detail).data;
    expect(data.$congress).toEqual({ from: "2026-03-10", limit: "2026-06-08", extendableFrom: "2026-05-24", reportLatest: "2026-07-20", extendedBy: null });
    const [ending] = await pending(id, "permitted");
    expect(ending).toMatchObject({ eventType: "CONGRESS_PERIOD_ENDED" });
    expect(ending!.fireAt.toISOString()).toBe("2026-06-08T17:00:00.000Z"); // 00:00 on 09/06 in Vietnam

    t.clock.set(at("2026-06-02"));
    expect((await scheduler.runDue()).fired).toEqual([]);
    t.clock.set(at("2026-06-09"));
    expect((await scheduler.runDue()).fired).toEqual([ending!.id]);
    expect((await view(t, w.applicant, id)).state).toBe("congressPeriodEnded");

    // Day 100 (18/06): the report of a congress held on day 89 (07/06) is taken; one held on day 91 is not.
    t.clock.set(at("2026-06-18"));
    expect(await refused(w.applicant, id, "REPORT_CONGRESS", await report(id, { heldOn: "2026-06-09" }))).toMatchObject({
      code: "CONDITION_FAILED",
      message: "Đại hội tổ chức sau ngày cuối của thời hạn được phép tổ chức đại hội",
    });
    const reported = (await act(t, w.applicant, id, "REPORT_CONGRESS", await report(id, { heldOn: "2026-06-07" }))) as Detail;
    expect(reported.state).toBe("charterReview");
    // Due 30 working days after the congress (Sun 07/06): Fri 17/07/2026, so reported in time.
    expect(reported.data.congressReportDue).toEqual({ due: "2026-07-17", late: false });
    expect(await pending(id, "congressPeriodEnded")).toEqual([]);
    t.clock.set(at("2026-07-25"));
    await scheduler.runDue();
    expect((await view(t, w.applicant, id)).state).toBe("charterReview");
  });

  it("refuses a report without quorum, before the permission took effect, in the future, or with more present than registered", async () => {
    const id = await permittedFrom("2026-03-10");
    t.clock.set(at("2026-04-20"));
    // 60 registered members: 30 present is not more than half.
    expect(await refused(w.applicant, id, "REPORT_CONGRESS", await report(id, { heldOn: "2026-04-18", delegatesPresent: 30 }))).toMatchObject({
      message: "Đại hội không hợp lệ: số hội viên có mặt phải trên một nửa số hội viên đăng ký tham gia",
    });
    expect(await refused(w.applicant, id, "REPORT_CONGRESS", await report(id, { heldOn: "2026-04-18", delegatesPresent: 61 }))).toMatchObject({
      message: "Số hội viên có mặt tại đại hội lớn hơn số hội viên đăng ký tham gia",
    });
    expect(await refused(w.applicant, id, "REPORT_CONGRESS", await report(id, { heldOn: "2026-03-09" }))).toMatchObject({
      message: "Đại hội tổ chức trước ngày quyết định cho phép thành lập hội có hiệu lực",
    });
    expect(await refused(w.applicant, id, "REPORT_CONGRESS", await report(id, { heldOn: "2026-04-21" }))).toMatchObject({
      message: "Ngày tổ chức đại hội chưa đến",
    });
    expect(await refused(w.applicant, id, "REPORT_CONGRESS", await report(id, { heldOn: "1900-01-01" }))).toMatchObject({ code: "CONDITION_FAILED" });
    // Nothing was applied: still waiting for the congress, its timer still pending.
    expect((await view(t, w.applicant, id)).state).toBe("permitted");
    expect(await pending(id, "permitted")).toHaveLength(1);
    // 31 of 60 present: the congress is valid.
    expect((await act(t, w.applicant, id, "REPORT_CONGRESS", await report(id, { heldOn: "2026-04-18", delegatesPresent: 31 }))).state).toBe("charterReview");
  });

  it("extends the period once, by at most 30 days, when asked within 15 days before its end; the timer moves with it", async () => {
    const id = await permittedFrom("2026-03-02"); // limit Mon 01/06/2026, extension from 17/05
    const reasons = "Chưa thuê được hội trường";
    t.clock.set(at("2026-05-10"));
    expect(await refused(w.applicant, id, "EXTEND_CONGRESS_PERIOD", { days: 30, reasons })).toMatchObject({
      message: "Chưa đến thời gian đề nghị gia hạn: đề nghị gửi trong 15 ngày trước ngày cuối của thời hạn tổ chức đại hội",
    });
    t.clock.set(at("2026-05-20"));
    expect(await refused(w.applicant, id, "EXTEND_CONGRESS_PERIOD", { days: 31, reasons })).toMatchObject({ message: "Số ngày gia hạn vượt quá mức tối đa (30 ngày)" });
    // Only the applicant's side asks; the specialist cannot.
    expect((await send(w.specialist, id, "EXTEND_CONGRESS_PERIOD", { days: 30, reasons })).status).toBe(403);
    const [before] = await pending(id, "permitted");

    const extended = (await act(t, w.applicant, id, "EXTEND_CONGRESS_PERIOD", { days: 30, reasons })) as Detail;
    expect(extended.state).toBe("permitted");
    // 30 days after Mon 01/06: Wed 01/07/2026.
    expect(extended.data.$congress).toMatchObject({ from: "2026-03-02", limit: "2026-07-01", extendedBy: 30 });
    const [after] = await pending(id, "permitted");
    expect(after!.id).not.toBe(before!.id);
    expect(after!.fireAt.toISOString()).toBe("2026-07-01T17:00:00.000Z");
    expect((await t.services.database.db.select().from(timers).where(eq(timers.id, before!.id)))[0]!.cancelledAt).not.toBeNull();

    t.clock.set(at("2026-06-25"));
    expect(await refused(w.applicant, id, "EXTEND_CONGRESS_PERIOD", { days: 5, reasons })).toMatchObject({ message: "Thời hạn tổ chức đại hội đã được gia hạn một lần" });
    // The old end (02/06) passed without an effect; a congress held on 20/06 is within the extended period.
    t.clock.set(at("2026-06-26"));
    const fired = (await scheduler.runDue()).fired;
    expect(fired).not.toContain(before!.id);
    expect(fired).not.toContain(after!.id);
    expect((await view(t, w.applicant, id)).state).toBe("permitted");
    expect((await act(t, w.applicant, id, "REPORT_CONGRESS", await report(id, { heldOn: "2026-06-20" }))).state).toBe("charterReview");
  });

  it("refuses an extension after the period ended, and a person sending the engine's own events", async () => {
    const id = await permittedFrom("2026-03-02");
    expect((await send(w.applicant, id, "CONGRESS_PERIOD_ENDED", {})).status).toBe(403);
    t.clock.set(at("2026-06-02"));
    await scheduler.runDue();
    expect((await view(t, w.applicant, id)).state).toBe("congressPeriodEnded");
    expect((await send(w.applicant, id, "EXTEND_CONGRESS_PERIOD", { days: 10, reasons: "Muộn" })).status).toBe(409);
    expect((await send(w.applicant, id, "EXPIRE", {})).status).toBe(403);
  });
});
