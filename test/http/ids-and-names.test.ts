/**
 * Issue 17, item 7 (loose ends): one id parser answers 404 for a malformed id where a loose check let
 * it reach the database (500); `?round=` names one of the plan's rounds or nothing (404), and an
 * export's file name is built from the plan's own keys; error lists are capped; an uploaded file's
 * name loses direction marks and gets an extension of the type read from its bytes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/databases";
import { pdfBytes } from "../support/files";
import { createTestApp, type TestApp, type TestUser } from "../support/harness";
import { planData, planWorld, type PlanWorld } from "../plans/fixtures";

const MALFORMED = ["-".repeat(36), "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", "0000000000000000000000000000000000-0", "%27%3B--"];

describe.each(databaseKinds)("ids, export names, error lists and file names on %s", (kind) => {
  let t: TestApp;
  let world: PlanWorld;
  let drafter: TestUser;
  let planId = "";
  let planCode = "";
  beforeAll(async () => {
    t = await createTestApp(kind, { now: "2023-03-01T02:00:00Z" });
    world = await planWorld(t, 1);
    ({ drafter } = world);
    await t.user({ grants: [{ role: "specialist", unitId: world.districts[0]!.unitId }] });
    const plan = (await (await t.request(drafter, "POST", "/api/instances", { workflow: "plan", data: planData(world) })).json()) as { id: string; code: string };
    ({ id: planId, code: planCode } = plan);
    expect((await t.request(drafter, "POST", `/api/instances/${planId}/events`, { type: "SUBMIT" })).status).toBe(200);
    const approved = await t.request(world.leader, "POST", `/api/instances/${planId}/events`, { type: "APPROVE", data: { effectiveDate: "2023-03-01" } });
    expect(approved.status, await approved.clone().text()).toBe(200);
  }, 120_000);
  afterAll(async () => t.close());

  it("answers 404, never 500, for a malformed id of a plan or a document", async () => {
    for (const id of MALFORMED) {
      for (const path of [`/api/plans/${id}/tracking`, `/api/plans/${id}/summary`, `/api/plans/${id}/summary.csv`, `/api/documents/${id}`, `/api/documents/${id}/print`]) {
        const res = await t.request(drafter, "GET", path);
        expect(res.status, `${path}: ${await res.clone().text()}`).toBe(404);
      }
    }
    // A well-formed id of nothing, in capitals too, is as unknown.
    const nobody = "ABCDEF00-0000-4000-8000-000000000000";
    expect((await t.request(drafter, "GET", `/api/plans/${nobody}/summary`)).status).toBe(404);
    expect((await t.request(drafter, "GET", `/api/documents/${nobody}`)).status).toBe(404);
    // The plan's own id, in capitals, is the plan.
    expect((await t.request(drafter, "GET", `/api/plans/${planId.toUpperCase()}/tracking`)).status).toBe(200);
  });

  it("names an export from the plan's own round key; a round the plan does not have is 404", async () => {
    const csv = await t.request(drafter, "GET", `/api/plans/${planId}/summary.csv?round=report`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-disposition")).toBe(`attachment; filename="bao-cao-tong-hop-${planCode}-report.csv"; filename*=UTF-8''bao-cao-tong-hop-${planCode}-report.csv`);
    for (const round of ['x".html', "report%0d%0aSet-Cookie:%20a=b", "..%2F..%2Fetc", "REPORT"]) {
      for (const path of ["summary.csv", "summary.xlsx", "summary", "tracking", "summary/print"]) {
        const res = await t.request(drafter, "GET", `/api/plans/${planId}/${path}?round=${round}`);
        expect(res.status, `${path}?round=${round}`).toBe(404);
        expect(res.headers.get("content-disposition")).toBeNull();
        expect(((await res.json()) as { error: { code: string; message: string } }).error).toEqual({ code: "NOT_FOUND", message: "Kế hoạch không có đợt báo cáo này", messageEn: "the plan has no such reporting round" });
      }
    }
  });

  it("lists at most 50 field errors and counts the rest", async () => {
    const junk = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i]));
    const res = await t.request(drafter, "POST", "/api/instances", { workflow: "plan", data: { ...planData(world), ...junk } });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { fields: unknown[]; fieldsOmitted: number } };
    expect(body.error.fields).toHaveLength(50);
    expect(body.error.fieldsOmitted).toBe(4950);
    expect(JSON.stringify(body).length).toBeLessThan(20_000);
  });

  it("keeps an uploaded name without direction marks, with an extension of the type its bytes have", async () => {
    for (const [name, kept] of [
      ["hoadon.html", "hoadon.html.pdf"],
      ["hoadon\u202Elmth.pdf", "hoadonlmth.pdf"],
      ["Biên bản\u200B họp.pdf", "Biên bản họp.pdf"],
    ] as const) {
      const res = await t.upload(drafter, { bytes: pdfBytes(2048, name.length), name, type: "application/octet-stream" });
      expect(res.status, await res.clone().text()).toBe(201);
      expect(((await res.json()) as { originalName: string }).originalName).toBe(kept);
    }
  });
});
