import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/databases";
import { eventData, foundingApplication } from "../support/founding";
import { createTestApp, type TestApp, type TestUser } from "../support/harness";
import { expectEveryHistoryReplays } from "../support/replay";

describe.each(databaseKinds)("dossiers over HTTP on %s", (kind) => {
  let t: TestApp;
  let applicant: TestUser;
  let specialist: TestUser;
  let leader: TestUser;
  let admin: TestUser;
  let authorityUnit: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    const province = await t.unit({ kind: "province", name: "Tỉnh Kon Tum" });
    const snv = await t.unit({ kind: "office", name: "Sở Nội vụ", parentId: province.id });
    authorityUnit = snv.id;
    applicant = await t.user({ grants: [{ role: "applicant", unitId: province.id }] });
    specialist = await t.user({ grants: [{ role: "specialist", unitId: snv.id }] });
    leader = await t.user({ grants: [{ role: "leader", unitId: snv.id }] });
    admin = await t.user({ grants: [{ role: "admin", unitId: province.id }] });
  });
  afterAll(async () => t.close());

  async function start() {
    const data = await foundingApplication(t, applicant, { name: "Hội Cựu chiến binh xã", authorityUnit });
    const res = await t.request(applicant, "POST", "/api/instances", { workflow: "association-founding", data });
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string; code: string; state: string; version: number };
  }
  /** Sends an event; without `data`, with valid data for the event's form. */
  async function act(user: TestUser, id: string, body: Record<string, unknown>) {
    const data = body.data ?? (await eventData(t, user, String(body.type)));
    return t.request(user, "POST", `/api/instances/${id}/events`, { ...body, data });
  }

  it("answers /health", async () => {
    const res = await t.request(null, "GET", "/health");
    expect(await res.json()).toMatchObject({ ok: true });
  });

  it("moves a founding dossier draft → … → committeeRecognized with a history of every step", async () => {
    const dossier = await start();
    expect(dossier.code).toMatch(/^KT-2026-[2-9A-HJKMNP-TW-Z]{6}$/);
    expect(dossier).toMatchObject({ state: "draft", version: 1 });
    const steps: [TestUser, string, string][] = [
      [applicant, "SUBMIT", "committeeReview"],
      [specialist, "REQUEST_SUPPLEMENT", "committeeSupplement"],
      [applicant, "RESUBMIT", "committeeReview"],
      [specialist, "PROPOSE", "committeeDecision"],
      [leader, "APPROVE", "committeeRecognized"],
    ];
    let version = 1;
    for (const [user, type, state] of steps) {
      t.clock.advanceDays(1);
      const res = await act(user, dossier.id, { type, expectedVersion: version });
      expect(res.status, type).toBe(200);
      const body = (await res.json()) as { state: string; version: number };
      expect(body).toMatchObject({ state, version: version + 1 });
      version = body.version;
    }
    const res = await t.request(applicant, "GET", `/api/instances/${dossier.id}`);
    const view = (await res.json()) as { history: { seq: number; type: string; from: string[]; to: string[]; actorId: string; actorName: string | null; at: string }[] };
    expect(view.history.map((h) => [h.type, h.from.join(), h.to.join()])).toEqual([
      ["START", "", "draft"],
      ["SUBMIT", "draft", "committeeReview"],
      ["REQUEST_SUPPLEMENT", "committeeReview", "committeeSupplement"],
      ["RESUBMIT", "committeeSupplement", "committeeReview"],
      ["PROPOSE", "committeeReview", "committeeDecision"],
      ["APPROVE", "committeeDecision", "committeeRecognized"],
    ]);
    expect(view.history[5]!.actorId).toBe(leader.id);
    // The timeline names who acted.
    expect(view.history.map((h) => h.actorName)).toEqual([applicant, applicant, specialist, applicant, specialist, leader].map((u) => u.displayName));
    expect(new Set(view.history.map((h) => h.at)).size).toBe(6);
  });

  it("lists each dossier with its legal deadline, as its own page shows it", async () => {
    const draft = await start();
    const submitted = await start();
    expect((await act(applicant, submitted.id, { type: "SUBMIT" })).status).toBe(200);
    const list = (await (await t.request(applicant, "GET", "/api/instances?pageSize=100")).json()) as { items: { id: string; deadline: unknown }[] };
    const own = (await (await t.request(applicant, "GET", `/api/instances/${submitted.id}`)).json()) as { deadline: { due: string; daysLeft: number } };
    expect(own.deadline.due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(list.items.find((d) => d.id === submitted.id)!.deadline).toEqual(own.deadline);
    expect(list.items.find((d) => d.id === draft.id)!.deadline).toBeNull();
  });

  it("refuses a stale expectedVersion with 409 and changes nothing", async () => {
    const dossier = await start();
    expect((await act(applicant, dossier.id, { type: "SUBMIT", expectedVersion: 1 })).status).toBe(200);
    const stale = await act(specialist, dossier.id, { type: "PROPOSE", expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ error: { code: "STALE_VERSION", currentVersion: 2 } });
    const view = (await (await t.request(specialist, "GET", `/api/instances/${dossier.id}`)).json()) as { state: string; version: number };
    expect(view).toMatchObject({ state: "committeeReview", version: 2 });
  });

  it("refuses an event not allowed now with 409 listing the allowed events", async () => {
    const dossier = await start();
    // A draft has no task in the leader's unit yet: they cannot even see it.
    expect((await act(leader, dossier.id, { type: "APPROVE" })).status).toBe(404);
    const res = await act(applicant, dossier.id, { type: "APPROVE" });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: "EVENT_NOT_ALLOWED", allowedEvents: ["SUBMIT", "WITHDRAW"] } });
  });

  it("refuses an actor without the state's role with 403", async () => {
    const dossier = await start();
    await act(applicant, dossier.id, { type: "SUBMIT" });
    const res = await act(applicant, dossier.id, { type: "PROPOSE" });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "ROLE_NOT_ALLOWED" } });
  });

  it("lets exactly one of two concurrent actors win; the other gets 409", async () => {
    for (let round = 0; round < 5; round++) {
      const dossier = await start();
      await act(applicant, dossier.id, { type: "SUBMIT" });
      const [a, b] = await Promise.all([
        act(specialist, dossier.id, { type: "PROPOSE", expectedVersion: 2 }),
        act(specialist, dossier.id, { type: "REQUEST_SUPPLEMENT", expectedVersion: 2 }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const view = (await (await t.request(specialist, "GET", `/api/instances/${dossier.id}`)).json()) as { version: number; history: unknown[] };
      expect(view.version).toBe(3);
      expect(view.history).toHaveLength(3);
    }
  });

  it("replays every stored history to exactly the stored snapshot", async () => {
    expect(await expectEveryHistoryReplays(t)).toBeGreaterThan(5);
  });

  it("keeps running dossiers on the version they started with when a new version is published", async () => {
    const dossier = await start();
    const current = (await (await t.request(admin, "GET", "/api/workflows/association-founding")).json()) as {
      version: number;
      definition: Record<string, unknown> & { title: { vi: string } };
    };
    const next = { ...current.definition, title: { vi: "Thành lập hội (mới)" } };
    const res = await t.request(admin, "POST", "/api/workflows", next);
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ version: current.version + 1 });
    const view = (await (await t.request(applicant, "GET", `/api/instances/${dossier.id}`)).json()) as { workflowVersion: number };
    expect(view.workflowVersion).toBe(current.version);
    const fresh = await start();
    expect((await (await t.request(applicant, "GET", `/api/instances/${fresh.id}`)).json()) as object).toMatchObject({ workflowVersion: current.version + 1 });
    const old = await t.request(admin, "GET", `/api/workflows/association-founding?version=${current.version}`);
    expect(await old.json()).toMatchObject({ version: current.version, title: { vi: "Thành lập hội" } });
  });

  it("refuses a definition with a transition to a missing state with 422 naming the state", async () => {
    const res = await t.request(admin, "POST", "/api/workflows", {
      key: "broken-flow",
      title: { vi: "Hỏng" },
      initial: "a",
      states: { a: { title: { vi: "A" }, on: { GO: { target: "khongTonTai" } } } },
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; fields: { path: string; message: string }[] } };
    expect(body.error.code).toBe("INVALID_DEFINITION");
    expect(body.error.fields).toContainEqual(expect.objectContaining({ path: "/states/a/on/GO/target", message: expect.stringContaining("khongTonTai") }));
    expect((await t.request(admin, "GET", "/api/workflows/broken-flow")).status).toBe(404);
  });

  it("only admins publish definitions", async () => {
    const res = await t.request(specialist, "POST", "/api/workflows", { key: "x" });
    expect(res.status).toBe(403);
  });
});

describe.each(databaseKinds)("bad requests get 4xx with the error shape on %s", (kind) => {
  let t: TestApp;
  let applicant: TestUser;
  beforeAll(async () => {
    t = await createTestApp(kind);
    const province = await t.unit({ kind: "province", name: "Tỉnh Kon Tum" });
    applicant = await t.user({ grants: [{ role: "applicant", unitId: province.id }] });
  });
  afterAll(async () => t.close());

  it.each([
    ["malformed JSON", "POST", "/api/instances", "{not json", 400, "INVALID_JSON"],
    ["wrong types", "POST", "/api/instances", { workflow: 42, data: "x" }, 422, "VALIDATION_FAILED"],
    ["unknown workflow", "POST", "/api/instances", { workflow: "khong-co" }, 404, "WORKFLOW_NOT_FOUND"],
    ["unknown dossier", "GET", "/api/instances/00000000-0000-4000-8000-000000000000", undefined, 404, "DOSSIER_NOT_FOUND"],
    ["not a dossier id", "GET", "/api/instances/abc", undefined, 404, "DOSSIER_NOT_FOUND"],
    ["bad event type", "POST", "/api/instances/00000000-0000-4000-8000-000000000000/events", { type: "x y" }, 404, "DOSSIER_NOT_FOUND"],
    ["unknown route", "GET", "/api/nothing-here", undefined, 404, "NOT_FOUND"],
    ["bad paging", "GET", "/api/instances?pageSize=100000", undefined, 422, "VALIDATION_FAILED"],
  ])("%s", async (_name, method, path, body, status, code) => {
    const res = await t.request(applicant, method, path, body);
    expect(res.status).toBe(status);
    const json = (await res.json()) as { error: { code: string; message: string } };
    expect(json.error.code).toBe(code);
    expect(json.error.message.length).toBeGreaterThan(0);
  });

  it("names each wrong field in Vietnamese", async () => {
    const res = await t.request(applicant, "POST", "/api/instances", { data: [] });
    const json = (await res.json()) as { error: { fields: { path: string; message: string }[] } };
    expect(json.error.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: "/workflow", message: "Trường này là bắt buộc" }),
        expect.objectContaining({ path: "/data", message: "Cần một đối tượng JSON" }),
      ]),
    );
  });

  it("refuses a non-JSON content type with 415", async () => {
    const res = await t.request(applicant, "POST", "/api/instances", "workflow=x", { "content-type": "application/x-www-form-urlencoded" });
    expect(res.status).toBe(415);
  });

  it("refuses an oversized body with 413", async () => {
    const huge = JSON.stringify({ workflow: "association-founding", data: { blob: "x".repeat(2 * 1024 * 1024) } });
    const res = await t.request(applicant, "POST", "/api/instances", huge);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE" } });
  });

  it("asks for a sign-in without identity", async () => {
    const res = await t.request(null, "GET", "/api/instances");
    expect(res.status).toBe(401);
  });

  it("serves an OpenAPI document listing the routes", async () => {
    const res = await t.request(null, "GET", "/api/openapi.json");
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/instances", "/api/instances/{id}/events", "/api/instances/{id}/draft", "/api/workflows", "/api/forms/{key}", "/api/attachments", "/api/documents", "/api/documents/{id}", "/api/documents/{id}/print", "/api/public/dossiers/{code}"]),
    );
  });
});
