import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/databases";
import { foundingApplication } from "../support/founding";
import { createTestApp, type TestApp, type TestUser } from "../support/harness";
import { act, fundWorld, requestData, type FundWorld } from "../funds/fixtures";

type Field = { path: string; message: string; code: string; form: string };
type Refusal = { error: { code: string; message: string; fields?: Field[]; unitName?: string; role?: string } };
type Inbox = { items: { dossierId: string }[] };

const PERSON = { fullName: "Y Hlim", birthYear: 1950, cccd: "062150001234", amount: 1_000_000 };

describe.each(databaseKinds)("unit references in form data, and routing to a unit nobody serves, on %s", (kind) => {
  let t: TestApp;
  let w: FundWorld;
  beforeAll(async () => {
    t = await createTestApp(kind, { now: "2026-09-20T02:00:00Z" });
    w = await fundWorld(t);
  }, 120_000);
  afterAll(async () => t.close());

  const start = (user: TestUser, workflow: string, data: unknown, draft = false) =>
    t.request(user, "POST", "/api/instances", { workflow, data, ...(draft ? { draft: true } : {}) });
  const refusal = async (res: Response) => ({ status: res.status, body: (await res.json()) as Refusal });

  it("refuses a beneficiary whose unit does not exist or is malformed (422 naming the line), started or as a draft", async () => {
    const lines = requestData(w, [PERSON, PERSON]).lines;
    lines[0]!.unitId = randomUUID();
    lines[1]!.unitId = "abc";
    for (const draft of [false, true]) {
      const { status, body } = await refusal(await start(w.commune, "fund-disbursement", { ...requestData(w, []), lines }, draft));
      expect(status).toBe(422);
      expect(body.error.code).toBe("VALIDATION_FAILED");
      expect(body.error.fields!.map((f) => f.path).sort()).toEqual(["/lines/0/unitId", "/lines/1/unitId"]);
      expect(body.error.fields![0]!.message).toMatch(/Đơn vị/);
    }
  });

  it("refuses a unit of the wrong kind: the fund field must name a fund, a beneficiary's address a commune", async () => {
    const data = requestData(w, [PERSON]);
    const { status, body } = await refusal(await start(w.commune, "fund-disbursement", { ...data, fundUnit: w.dakKan, lines: [{ ...data.lines[0]!, unitId: w.fundUnit }] }));
    expect(status).toBe(422);
    expect(body.error.fields!.map((f) => [f.path, f.code])).toEqual([
      ["/fundUnit", "unitKind"],
      ["/lines/0/unitId", "unitKind"],
    ]);
    expect(body.error.fields![0]!.message).toBe("Đơn vị được chọn phải là quỹ");
  });

  it("refuses a draft edit or a resubmission with a bad unit, so a stored draft can never make SUBMIT fail", async () => {
    const res = await start(w.commune, "fund-disbursement", requestData(w, [PERSON]), true);
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const bad = { ...requestData(w, [PERSON]), lines: [{ ...requestData(w, [PERSON]).lines[0]!, unitId: randomUUID() }] };
    const saved = await refusal(await t.request(w.commune, "PUT", `/api/instances/${id}/draft`, { data: bad }));
    expect(saved.status).toBe(422);
    expect(saved.body.error.fields!.map((f) => f.path)).toEqual(["/lines/0/unitId"]);
    await act(t, w.commune, id, "SUBMIT");
    await act(t, w.specialist, id, "REQUEST_SUPPLEMENT", { items: ["Bổ sung giấy xác nhận"] });
    const resubmitted = await refusal(await t.request(w.commune, "POST", `/api/instances/${id}/events`, { type: "RESUBMIT", data: bad }));
    expect(resubmitted.status).toBe(422);
    expect(resubmitted.body.error.fields!.map((f) => f.path)).toEqual(["/lines/0/unitId"]);
  });

  it("refuses to hand a dossier to a unit where nobody holds the role (409 naming unit and role), instead of an invisible dossier", async () => {
    const empty = await t.unit({ kind: "office", name: "Sở Không Người" });
    const applicant = await t.user({ grants: [{ role: "applicant", unitId: w.dakKan }] });
    const data = await foundingApplication(t, applicant, { name: "Hội Không Ai Xét", authorityUnit: empty.id });
    const res = await start(applicant, "association-founding", data);
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const { status, body } = await refusal(await t.request(applicant, "POST", `/api/instances/${id}/events`, { type: "SUBMIT" }));
    expect(status).toBe(409);
    expect(body.error.code).toBe("NO_OFFICIAL_IN_UNIT");
    expect(body.error.message).toContain("Sở Không Người");
    expect(body.error.message).toContain("chuyên viên");
    expect(body.error.fields!.map((f) => f.path)).toEqual(["/authorityUnit"]);
    // Nothing changed: still a draft, and once someone serves there, it goes through and is seen.
    const view = (await (await t.request(applicant, "GET", `/api/instances/${id}`)).json()) as { state: string };
    expect(view.state).toBe("draft");
    const officer = await t.user({ grants: [{ role: "specialist", unitId: empty.id }] });
    await act(t, applicant, id, "SUBMIT");
    const inbox = (await (await t.request(officer, "GET", "/api/tasks")).json()) as Inbox;
    expect(inbox.items.map((i) => i.dossierId)).toContain(id);
  });

  it("does not count the starter himself (who may not decide) as someone to hand the dossier to", async () => {
    const lonely = await t.unit({ kind: "fund", name: "Quỹ Một Người" });
    const onlyLeader = await t.user({ grants: [{ role: "leader", unitId: lonely.id }] });
    const specialistOfLonely = await t.user({ grants: [{ role: "specialist", unitId: lonely.id }] });
    await t.services.funds.create(lonely.id, "Quỹ Một Người");
    const data = { ...requestData(w, [PERSON]), fundUnit: lonely.id };
    const res = await start(onlyLeader, "fund-disbursement", data);
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    await act(t, onlyLeader, id, "SUBMIT");
    const { status, body } = await refusal(await t.request(specialistOfLonely, "POST", `/api/instances/${id}/events`, { type: "PROPOSE", data: { summary: "Đủ điều kiện" } }));
    expect(status).toBe(409);
    expect(body.error.code).toBe("NO_OFFICIAL_IN_UNIT");
    expect(body.error.message).toContain("lãnh đạo");
  });
});
