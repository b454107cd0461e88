/**
 * Issue 18, item 7: Party documents (Hướng dẫn 36-HD/VPTW) are issued only by Party bodies and numbered
 * per term, not per calendar year; a state body never issues one, and a Party body issues nothing else.
 * The term is the unit's `termFrom`, set by an admin.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/databases";
import { createTestApp, type TestApp, type TestUser } from "../support/harness";

type View = { id: string; state: string; documents: { number: string; type: string }[] };
type Problem = { error: { code: string; message: string; fields?: { path: string; message: string }[] } };

/** Submit, then the unit's leader signs: `document` is what the signature issues. */
const definition = (key: string, document: Record<string, unknown>) => ({
  key,
  title: { vi: "Kết luận của Ban Thường vụ (thử)" },
  initial: "draft",
  states: {
    draft: { title: { vi: "Soạn" }, assignee: { role: "applicant" }, on: { SUBMIT: { target: "review", title: { vi: "Trình" } } } },
    review: { title: { vi: "Ký" }, assignee: { role: "leader" }, on: { APPROVE: { target: "done", title: { vi: "Ký ban hành" }, issueDocument: { title: { vi: "Kết luận (thử)" }, ...document } } } },
    done: { title: { vi: "Đã ban hành" }, type: "final" },
  },
});

describe.each(databaseKinds)("Party documents on %s", (kind) => {
  let t: TestApp;
  let admin: TestUser;
  let partyUnit: string;
  let office: string;
  let people: Record<"partyClerk" | "secretary" | "officeClerk" | "director", TestUser>;
  beforeAll(async () => {
    t = await createTestApp(kind, { now: "2026-12-04T03:00:00Z" });
    const province = await t.unit({ kind: "province", name: "Tỉnh Quảng Ngãi", code: "UBND" });
    office = (await t.unit({ kind: "office", name: "Sở Nội vụ", parentId: province.id, code: "SNV" })).id;
    admin = await t.user({ grants: [{ role: "admin", unitId: province.id }] });
    const created = await t.request(admin, "POST", "/api/admin/units", { kind: "party", name: "Tỉnh ủy Quảng Ngãi", code: "TU", parentId: province.id, termFrom: "2025-10-15" });
    expect(created.status, await created.clone().text()).toBe(201);
    partyUnit = ((await created.json()) as { id: string }).id;
    people = {
      partyClerk: await t.user({ grants: [{ role: "applicant", unitId: partyUnit }] }),
      secretary: await t.user({ displayName: "Bí thư Tỉnh ủy", grants: [{ role: "leader", unitId: partyUnit, position: "Bí thư" }] }),
      officeClerk: await t.user({ grants: [{ role: "applicant", unitId: office }] }),
      director: await t.user({ grants: [{ role: "leader", unitId: office, position: "Giám đốc" }] }),
    };
    await t.services.registry.publish(definition("party-conclusion", { type: "KL", partyDocument: true, numberFormat: "{seq}-{type}/{unit}" }) as never, null);
    await t.services.registry.publish(definition("party-state-decision", { type: "QĐ" }) as never, null);
  }, 120_000);
  afterAll(async () => t.close());

  /** Starts and submits a dossier of `workflow` as `clerk`, then `leader` signs; answers the signature's response. */
  async function issue(workflow: string, clerk: TestUser, leader: TestUser) {
    const started = await t.request(clerk, "POST", "/api/instances", { workflow, data: {} });
    expect(started.status, await started.clone().text()).toBe(201);
    const { id } = (await started.json()) as { id: string };
    expect((await t.request(clerk, "POST", `/api/instances/${id}/events`, { type: "SUBMIT", data: {} })).status).toBe(200);
    return { id, res: await t.request(leader, "POST", `/api/instances/${id}/events`, { type: "APPROVE", data: {} }) };
  }
  const numberOf = async (res: Response) => {
    expect(res.status, await res.clone().text()).toBe(200);
    return ((await res.json()) as View).documents.map((d) => d.number);
  };

  it("numbers a Party body's conclusions through its term, across calendar years, and afresh in a new term", async () => {
    expect(await numberOf((await issue("party-conclusion", people.partyClerk, people.secretary)).res)).toEqual(["01-KL/TU"]);
    t.clock.set("2027-01-05T03:00:00Z");
    expect(await numberOf((await issue("party-conclusion", people.partyClerk, people.secretary)).res)).toEqual(["02-KL/TU"]);
    // The congress elects a new committee: its term begins, and so does the numbering.
    expect((await t.request(admin, "PATCH", `/api/admin/units/${partyUnit}`, { termFrom: "2030-10-20" })).status).toBe(200);
    t.clock.set("2030-11-02T03:00:00Z");
    expect(await numberOf((await issue("party-conclusion", people.partyClerk, people.secretary)).res)).toEqual(["01-KL/TU"]);
  });

  it("refuses a Party document from a state body and a state document from a Party body; nothing is applied", async () => {
    for (const [workflow, clerk, leader, message] of [
      ["party-conclusion", people.officeClerk, people.director, "Văn bản của Đảng chỉ do tổ chức Đảng ban hành"],
      ["party-state-decision", people.partyClerk, people.secretary, "văn bản ban hành theo thể thức văn bản của Đảng"],
    ] as const) {
      const { id, res } = await issue(workflow, clerk, leader);
      expect(res.status).toBe(422);
      expect(((await res.json()) as Problem).error.message).toContain(message);
      expect(((await (await t.request(clerk, "GET", `/api/instances/${id}`)).json()) as View).state).toBe("review");
    }
  });

  it("keeps a term only on a Party body, as a real date; a unit that stops being one loses it", async () => {
    const onOffice = await t.request(admin, "PATCH", `/api/admin/units/${office}`, { termFrom: "2025-10-15" });
    expect(onOffice.status).toBe(422);
    expect(((await onOffice.json()) as Problem).error.fields?.map((f) => f.path)).toEqual(["/termFrom"]);
    const badDate = await t.request(admin, "PATCH", `/api/admin/units/${partyUnit}`, { termFrom: "2025-02-30" });
    expect(badDate.status).toBe(422);
    const province = ((await (await t.request(admin, "GET", `/api/admin/units`)).json()) as { items: { id: string; kind: string }[] }).items.find((u) => u.kind === "province")!.id;
    const other = await t.request(admin, "POST", "/api/admin/units", { kind: "party", name: "Đảng ủy Khối (thử)", code: "ĐUK", parentId: province, termFrom: "2025-09-01" });
    expect(other.status).toBe(201);
    const otherId = ((await other.json()) as { id: string }).id;
    const rekinded = await t.request(admin, "PATCH", `/api/admin/units/${otherId}`, { kind: "office" });
    expect(await rekinded.json()).toMatchObject({ kind: "office", termFrom: null });
  });
});
