import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/databases";
import { createTestApp, type TestApp, type TestUser } from "../support/harness";

/** A procedure with one legal clock: 5 working days from submission to the decision. */
const quickPermit = {
  key: "quick-permit",
  title: { vi: "Cấp phép nhanh (kiểm thử)", en: "Quick permit (test)" },
  initial: "review",
  states: {
    review: {
      title: { vi: "Thẩm định", en: "Review" },
      assignee: { role: "specialist", unit: "$starter.unit" },
      deadline: { workingDays: 5, source: { setting: "kiểm thử" } },
      on: { APPROVE: { target: "approved" } },
    },
    approved: { title: { vi: "Đã cấp phép", en: "Approved" }, type: "final" },
  },
};
/** The same without a clock: finished dossiers count, but not in the on-time rate. */
const noClock = { ...quickPermit, key: "no-clock", title: { vi: "Không thời hạn (kiểm thử)" }, states: { ...quickPermit.states, review: { ...quickPermit.states.review, deadline: undefined } } };

type Procedures = { year: number; procedures: { workflow: string; unitName: string | null; finished: number; finishedOnTime: number; finishedLate: number; finishedWithoutDeadline: number; openOverdue: number; onTimeRate: number | null; ratings: Record<string, number>; satisfactionRate: number | null }[] };

describe.each(databaseKinds)("ratings and the on-time rate per procedure (Quyết định 766) on %s", (kind) => {
  let t: TestApp;
  let applicant: TestUser;
  let neighbour: TestUser;
  let specialist: TestUser;
  let outsider: TestUser;
  const finished: string[] = [];
  let open: string;

  const start = async (workflow = quickPermit.key) => {
    const res = await t.request(applicant, "POST", "/api/instances", { workflow, data: {} });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  const approve = async (id: string) => expect((await t.request(specialist, "POST", `/api/instances/${id}/events`, { type: "APPROVE" })).status).toBe(200);
  const rate = (user: TestUser, id: string, body: unknown) => t.request(user, "POST", `/api/instances/${id}/rating`, body);
  const dashboard = async (user: TestUser, query = "") => (await (await t.request(user, "GET", `/api/dashboard${query}`)).json()) as Procedures;

  beforeAll(async () => {
    t = await createTestApp(kind, { now: "2026-03-02T09:00:00+07:00" }); // Monday, no holidays in March 2026
    await t.services.registry.publish(quickPermit, null);
    await t.services.registry.publish(noClock, null);
    const unit = await t.unit({ name: "Phòng Cấp phép" });
    const other = await t.unit({ name: "Phòng khác" });
    applicant = await t.user({ grants: [{ role: "applicant", unitId: unit.id }] });
    neighbour = await t.user({ grants: [{ role: "applicant", unitId: unit.id }] });
    specialist = await t.user({ grants: [{ role: "specialist", unitId: unit.id }] });
    outsider = await t.user({ grants: [{ role: "specialist", unitId: other.id }] });
    // Two decided within 5 working days (Mon 2/3 → Mon 9/3 is the 5th), one on Tue 10/3 (late).
    const [a, b, c] = [await start(), await start(), await start()];
    t.clock.set("2026-03-04T10:00:00+07:00");
    await approve(a);
    t.clock.set("2026-03-09T16:00:00+07:00");
    await approve(b);
    t.clock.set("2026-03-10T09:00:00+07:00");
    await approve(c);
    finished.push(a, b, c);
    t.clock.set("2026-03-02T09:00:00+07:00");
    const d = await start(quickPermit.key);
    open = d;
    const e = await start(noClock.key);
    t.clock.set("2026-03-12T09:00:00+07:00");
    await approve(e);
    finished.push(e);
  });
  afterAll(async () => t.close());

  it("counts finished on time, late, without deadline and open overdue, per procedure and handling unit", async () => {
    const figures = await dashboard(specialist);
    expect(figures.year).toBe(2026);
    const permit = figures.procedures.find((p) => p.workflow === "quick-permit")!;
    expect(permit).toMatchObject({ unitName: "Phòng Cấp phép", finished: 3, finishedOnTime: 2, finishedLate: 1, finishedWithoutDeadline: 0, openOverdue: 1 });
    expect(permit.onTimeRate).toBeCloseTo(2 / 3);
    expect(figures.procedures.find((p) => p.workflow === "no-clock")).toMatchObject({ finished: 1, finishedWithoutDeadline: 1, onTimeRate: null });
    // Another year has nothing; another unit's official sees none of it.
    expect((await dashboard(specialist, "?year=2025")).procedures).toEqual([]);
    expect((await dashboard(outsider)).procedures).toEqual([]);
    expect((await t.request(specialist, "GET", "/api/dashboard?year=1900")).status).toBe(422);
  });

  it("takes one rating per finished dossier from its applicant, and counts satisfaction", async () => {
    const [a, b] = finished;
    const first = await rate(applicant, a!, { level: "very_satisfied", comment: "  Cán bộ hướng dẫn tận tình  " });
    expect(first.status).toBe(201);
    expect(((await first.json()) as { rating: { level: string; comment: string } }).rating).toMatchObject({ level: "very_satisfied", comment: "Cán bộ hướng dẫn tận tình" });
    // A double click: the second answer says it was done, and nothing changes.
    const again = await rate(applicant, a!, { level: "unsatisfied" });
    expect([again.status, ((await again.json()) as { error: { code: string } }).error.code]).toEqual([409, "ALREADY_DONE"]);
    expect((await rate(applicant, b!, { level: "unsatisfied" })).status).toBe(201);
    const read = await t.request(specialist, "GET", `/api/instances/${a}/rating`);
    expect(((await read.json()) as { rating: { level: string } }).rating.level).toBe("very_satisfied");
    const permit = (await dashboard(specialist)).procedures.find((p) => p.workflow === "quick-permit")!;
    expect(permit.ratings).toEqual({ very_satisfied: 1, satisfied: 0, unsatisfied: 1 });
    expect(permit.satisfactionRate).toBe(0.5);
  });

  it("refuses a rating from anyone but the applicant, before the end, or out of range, and hides others' dossiers", async () => {
    const c = finished[2]!;
    const official = await rate(specialist, c, { level: "satisfied" });
    expect([official.status, ((await official.json()) as { error: { code: string } }).error.code]).toEqual([403, "FORBIDDEN"]);
    // A neighbour of the same unit cannot see the applicant's dossier at all.
    expect((await rate(neighbour, c, { level: "satisfied" })).status).toBe(404);
    expect((await t.request(outsider, "GET", `/api/instances/${c}/rating`)).status).toBe(404);
    const early = await rate(applicant, open, { level: "satisfied" });
    expect([early.status, ((await early.json()) as { error: { code: string; message: string } }).error]).toEqual([409, expect.objectContaining({ code: "DOSSIER_NOT_FINISHED", message: expect.stringMatching(/chưa giải quyết xong/) })]);
    for (const body of [{ level: "5" }, { level: "satisfied", comment: "x".repeat(1001) }, {}, { level: ["satisfied"] }]) {
      const res = await rate(applicant, c, body);
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(422);
    }
    expect((await rate(applicant, "not-a-uuid", { level: "satisfied" })).status).toBe(404);
    expect((await rate(applicant, "00000000-0000-4000-8000-000000000000", { level: "satisfied" })).status).toBe(404);
    // Nothing of the refused attempts was stored.
    expect(((await (await t.request(applicant, "GET", `/api/instances/${c}/rating`)).json()) as { rating: unknown }).rating).toBeNull();
  });

  it("two ratings sent at once store one", async () => {
    const e = finished[3]!;
    const answers = await Promise.all([rate(applicant, e, { level: "satisfied" }), rate(applicant, e, { level: "unsatisfied" })]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
  });
});
