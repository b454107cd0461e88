/**
 * Issue 18, item 3 (Nghị định 126/2024): every founding-committee member hands in a CV and a
 * criminal-record extract (phiếu lý lịch tư pháp số 1) issued at most 6 months before the submission.
 * The server judges the age against the step's own date; one 422 names each member's field and nothing
 * of the step is applied.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { committeeExtractProblems, monthsBefore } from "../../workflows/founding/committee-extracts";
import { databaseKinds } from "../support/databases";
import { foundingApplication } from "../support/founding";
import { createTestApp, type TestApp, type TestUser } from "../support/harness";

type Refusal = { error: { code: string; message: string; fields: { path: string; code: string; message: string }[] } };

describe("the extract's age, a pure rule fed with dates", () => {
  it("counts calendar months back; a day the earlier month lacks becomes its last day", () => {
    expect(monthsBefore("2026-03-02", 6)).toBe("2025-09-02");
    expect(monthsBefore("2026-08-31", 6)).toBe("2026-02-28");
    expect(monthsBefore("2028-08-31", 6)).toBe("2028-02-29");
    expect(monthsBefore("2026-01-15", 1)).toBe("2025-12-15");
  });

  it("takes an extract issued exactly 6 months before, refuses one a day older, one dated later than the submission, and missing papers", () => {
    const ok = { cv: "a", criminalRecord: "b", criminalRecordIssuedOn: "2025-09-02" };
    expect(committeeExtractProblems([ok], "2026-03-02", 6)).toEqual([]);
    const problems = committeeExtractProblems(
      [ok, { ...ok, criminalRecordIssuedOn: "2025-09-01" }, { ...ok, criminalRecordIssuedOn: "2026-03-03" }, { fullName: "A Thút", criminalRecordIssuedOn: "1900-01-01" }, "rác"],
      "2026-03-02",
      6,
    );
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ["/members/1/criminalRecordIssuedOn", "tooOld"],
      ["/members/2/criminalRecordIssuedOn", "future"],
      ["/members/3/cv", "required"],
      ["/members/3/criminalRecord", "required"],
      ["/members/3/criminalRecordIssuedOn", "tooOld"],
      ["/members/4/cv", "required"],
      ["/members/4/criminalRecord", "required"],
      ["/members/4/criminalRecordIssuedOn", "required"],
    ]);
    expect(problems[0]!.message).toBe(
      "Thành viên thứ 2: phiếu lý lịch tư pháp cấp ngày 01/09/2025, quá 6 tháng tính đến ngày nộp hồ sơ 02/03/2026 (phải cấp từ ngày 02/09/2025)",
    );
    expect(problems[2]!.message).toBe("A Thút (thành viên thứ 4): thiếu sơ yếu lý lịch");
    expect(committeeExtractProblems(null, "2026-03-02", 6)).toEqual([]);
  });
});

describe.each(databaseKinds)("committee members' papers at submission on %s", (kind) => {
  let t: TestApp;
  let applicant: TestUser;
  let authority: string;
  beforeAll(async () => {
    t = await createTestApp(kind, { now: "2026-03-02T10:00:00+07:00" });
    const province = await t.unit({ kind: "province", name: "Tỉnh Quảng Ngãi" });
    authority = (await t.unit({ kind: "office", name: "Sở Nội vụ", parentId: province.id, code: "SNV" })).id;
    applicant = await t.user({ displayName: "Người nộp", grants: [{ role: "applicant", unitId: province.id }] });
    await t.user({ displayName: "Chuyên viên", grants: [{ role: "specialist", unitId: authority }] });
  });
  afterAll(async () => t.close());

  async function draftWith(issuedOn: (i: number) => string, extra: (m: Record<string, unknown>, i: number) => Record<string, unknown> = (m) => m) {
    const data = await foundingApplication(t, applicant, { authorityUnit: authority });
    const members = (data.members as Record<string, unknown>[]).map((m, i) => extra({ ...m, criminalRecordIssuedOn: issuedOn(i) }, i));
    const res = await t.request(applicant, "POST", "/api/instances", { workflow: "association-founding", data: { ...data, members } });
    expect(res.status, await res.clone().text()).toBe(201);
    return ((await res.json()) as { id: string }).id;
  }
  const submit = (id: string, data: Record<string, unknown> = {}) => t.request(applicant, "POST", `/api/instances/${id}/events`, { type: "SUBMIT", data });
  const stateOf = async (id: string) => ((await (await t.request(applicant, "GET", `/api/instances/${id}`)).json()) as { state: string; version: number });

  it("refuses a stale or future extract and a missing CV, one field per member, against the server's date", async () => {
    // Drafted in March with extracts of 01/09/2025 (member 2) and 10/03/2026 (member 4); member 5 without a CV.
    t.clock.set("2026-03-02T10:00:00+07:00");
    const id = await draftWith((i) => (i === 1 ? "2025-09-01" : i === 3 ? "2026-03-10" : "2026-01-15"), (m, i) => (i === 4 ? { ...m, cv: undefined } : m));
    const before = await stateOf(id);
    const res = await submit(id);
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as Refusal;
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.fields.map((f) => [f.path, f.code])).toEqual([
      ["/members/1/criminalRecordIssuedOn", "tooOld"],
      ["/members/3/criminalRecordIssuedOn", "future"],
      ["/members/4/cv", "required"],
    ]);
    expect(error.fields[0]!.message).toContain("quá 6 tháng tính đến ngày nộp hồ sơ 02/03/2026");
    // Nothing applied: still a draft at the same version.
    expect(await stateOf(id)).toMatchObject({ state: "draft", version: before.version });
  });

  it("judges the age on the day of submission, not the day of drafting, and ignores a date the client sends", async () => {
    // Extracts of 15/01/2026 are current on 02/03 but over 6 months old on 16/07/2026.
    t.clock.set("2026-03-02T10:00:00+07:00");
    const id = await draftWith(() => "2026-01-15");
    t.clock.set("2026-07-16T10:00:00+07:00");
    // A client cannot hand in the check's answer or a date of its own: SUBMIT from the draft carries no data.
    expect((await submit(id, { committeeExtracts: { checkedOn: "2026-03-02", maxAgeMonths: 60 } })).status).toBe(422);
    const late = await submit(id);
    expect(late.status).toBe(422);
    expect(((await late.json()) as Refusal).error.fields).toHaveLength(5);
    t.clock.set("2026-07-15T10:00:00+07:00");
    const res = await submit(id);
    expect(res.status, await res.clone().text()).toBe(200);
    const view = (await res.json()) as { state: string; history: { type: string; data: Record<string, unknown> }[] };
    expect(view.state).toBe("committeeReview");
    expect(view.history.at(-1)!.data).toMatchObject({ committeeExtracts: { checkedOn: "2026-07-15", maxAgeMonths: 6 } });
  });
});
