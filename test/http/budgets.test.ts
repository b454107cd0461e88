import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/databases";
import { createTestApp, type TestApp, type TestUser } from "../support/harness";
import { workflowDefinitions } from "../../server/db/schema";

type Refusal = { error: { code: string; fields: { path: string; message: string; messageEn: string }[] } };

const title = (vi: string) => ({ vi });

/** Admin configuration that used to be accepted and then took the service down or answered 500 (issue 16, items 3 and 4). */
describe.each(databaseKinds)("budgets on admin configuration on %s", (kind) => {
  let t: TestApp;
  let admin: TestUser;
  let applicant: TestUser;
  let specialist: TestUser;
  beforeAll(async () => {
    t = await createTestApp(kind);
    const province = await t.unit({ kind: "province", name: "Tỉnh Kon Tum" });
    admin = await t.user({ grants: [{ role: "admin", unitId: province.id }] });
    applicant = await t.user({ grants: [{ role: "applicant", unitId: province.id }] });
    specialist = await t.user({ grants: [{ role: "specialist", unitId: province.id }] });
  });
  afterAll(async () => t.close());

  async function refused(path: string, body: unknown): Promise<Refusal["error"]> {
    const res = await t.request(admin, "POST", path, body);
    expect(res.status, await res.clone().text()).toBe(422);
    return ((await res.json()) as Refusal).error;
  }

  it("refuses a definition that names a computation the server does not have", async () => {
    const error = await refused("/api/workflows", {
      key: "tinh-la",
      title: title("Phép tính lạ"),
      initial: "a",
      states: { a: { title: title("A"), on: { GO: { target: "b", compute: ["planSummary", "khongCo"] } } }, b: { title: title("B"), type: "final" } },
    });
    expect(error.code).toBe("INVALID_DEFINITION");
    expect(error.fields).toEqual([expect.objectContaining({ path: "/states/a/on/GO/compute/1", message: expect.stringContaining("khongCo") })]);
    expect((await t.request(admin, "GET", "/api/workflows/tinh-la")).status).toBe(404);
  });

  it("refuses two states whose eventless transitions lead to each other", async () => {
    const error = await refused("/api/workflows", {
      key: "vong-lap",
      title: title("Vòng lặp"),
      initial: "a",
      states: {
        a: { title: title("A"), on: { GO: { target: "b" } } },
        b: { title: title("B"), always: [{ target: "c" }] },
        c: { title: title("C"), always: [{ target: "b" }] },
      },
    });
    expect(error.code).toBe("INVALID_DEFINITION");
    expect(error.fields.map((f) => f.path).sort()).toEqual(["/states/b/always/0", "/states/c/always/0"]);
    expect(error.fields[0]!.message).toContain("vòng lặp");
    expect((await t.request(admin, "GET", "/api/workflows/vong-lap")).status).toBe(404);
  });

  const formWith = (key: string, properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    key,
    title: title("Mẫu thử"),
    schema: { type: "object", properties, ...extra },
    uischema: { type: "VerticalLayout", elements: [{ type: "Control", scope: `#/properties/${Object.keys(properties)[0]}` }] },
  });

  it("refuses a form pattern with nested repetition, naming the field", async () => {
    const error = await refused("/api/forms", formWith("mau-cham", { code: { type: "string", pattern: "^(a+)+$" } }));
    expect(error.code).toBe("INVALID_FORM");
    expect(error.fields).toEqual([expect.objectContaining({ path: "/schema/properties/code/pattern", message: expect.stringContaining("(a+)+") })]);
    expect((await t.request(admin, "GET", "/api/forms/mau-cham")).status).toBe(404);
  });

  it("refuses such a pattern among patternProperties and inside array items", async () => {
    const error = await refused(
      "/api/forms",
      formWith("mau-cham-2", { tags: { type: "array", maxItems: 10, items: { type: "string", pattern: "^([a-z]*)*$" } } }, { patternProperties: { "^(x|y+)+$": { type: "string" } } }),
    );
    expect(error.fields.map((f) => f.path).sort()).toEqual(["/schema/patternProperties/^(x|y+)+$", "/schema/properties/tags/items/pattern"]);
  });

  it("accepts ordinary patterns", async () => {
    const res = await t.request(admin, "POST", "/api/forms", formWith("mau-thuong", { code: { type: "string", pattern: "^L[0-9]{1,4}$" } }));
    expect(res.status, await res.clone().text()).toBe(201);
  });

  /** A dossier of `definition` (stored as is, as a version published before these checks would be) in state `a`. */
  async function dossierOf(definition: { key: string }, data: Record<string, unknown>) {
    await t.services.database.db
      .insert(workflowDefinitions)
      .values({ key: definition.key, version: 1, definition: { ...definition, version: 1 }, createdAt: new Date("2026-11-02T02:00:00Z"), createdBy: null });
    const res = await t.request(applicant, "POST", "/api/instances", { workflow: definition.key, data });
    expect(res.status, await res.clone().text()).toBe(201);
    return ((await res.json()) as { id: string; version: number }).id;
  }

  async function refusedStep(id: string, code: string) {
    const before = (await (await t.request(applicant, "GET", `/api/instances/${id}`)).json()) as { version: number; state: string };
    const res = await t.request(specialist, "POST", `/api/instances/${id}/events`, { type: "GO" });
    expect(res.status, await res.clone().text()).toBe(422);
    expect(((await res.json()) as Refusal).error.code).toBe(code);
    // Nothing of the step was written.
    expect(await (await t.request(applicant, "GET", `/api/instances/${id}`)).json()).toMatchObject({ version: before.version, state: before.state });
  }

  const review = { title: title("Thẩm định"), assignee: { role: "specialist", unit: "$starter.unit" } };

  it("refuses, with WORKFLOW_LOOP, a step into a cycle of a definition stored before the check", async () => {
    const id = await dossierOf(
      {
        key: "vong-lap-cu",
        title: title("Vòng lặp (bản cũ)"),
        initial: "a",
        states: { a: { ...review, on: { GO: { target: "b" } } }, b: { title: title("B"), always: [{ target: "c" }] }, c: { title: title("C"), always: [{ target: "b" }] } },
      } as never,
      {},
    );
    await refusedStep(id, "WORKFLOW_LOOP");
  });

  it("refuses, with CONDITION_TOO_COSTLY, a step whose condition doubles an array per item", async () => {
    const doubling = { "!!": [{ reduce: [{ var: "data.items" }, { merge: [{ var: "accumulator" }, { var: "accumulator" }] }, [1]] }] };
    const definition = {
      key: "ton-kem",
      title: title("Điều kiện tốn kém"),
      initial: "a",
      states: { a: { ...review, on: { GO: { target: "b", guard: { condition: doubling } } } }, b: { title: title("B"), type: "final" } },
    };
    // Accepted at publication: what a condition costs depends on the data it meets.
    expect((await t.request(admin, "POST", "/api/workflows", { ...definition, key: "ton-kem-2" })).status).toBe(201);
    const id = await dossierOf(definition, { items: Array.from({ length: 24 }, (_, i) => i) });
    // The official reading it is not offered the event (rather than the view failing).
    const view = await t.request(specialist, "GET", `/api/instances/${id}`);
    expect(view.status).toBe(200);
    expect(((await view.json()) as { availableEvents: { type: string }[] }).availableEvents).toEqual([]);
    await refusedStep(id, "CONDITION_TOO_COSTLY");
  });
});
