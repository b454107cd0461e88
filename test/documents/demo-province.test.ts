import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validSamples } from "../forms/samples";
import { databaseKinds } from "../support/databases";
import { createDemoApp, type DemoApp } from "../support/demo";

/** Kon Tum merged into Quảng Ngãi (Nghị quyết 202/2025/QH15): the demo's new documents carry today's names. */
describe.each(databaseKinds)("the demo province after the 2025 merger on %s", (kind) => {
  let t: DemoApp;
  beforeAll(async () => {
    t = await createDemoApp(kind, { now: "2026-12-04T03:00:00Z" });
  }, 120_000);
  afterAll(async () => t.close());

  it("a decision signed today reads Quảng Ngãi; the 2023 plan keeps Kon Tum as history", async () => {
    const lanhdao = await t.as("lanhdao");
    const inbox = (await (await t.request(lanhdao, "GET", "/api/instances?workflow=association-founding")).json()) as { items: { id: string; state: string; title: string }[] };
    const waiting = inbox.items.find((d) => d.state === "committeeDecision")!;
    expect(waiting.title).toBe("Hội Làm vườn tỉnh Quảng Ngãi");
    const res = await t.request(lanhdao, "POST", `/api/instances/${waiting.id}/events`, { type: "APPROVE", data: validSamples.decision });
    expect(res.status).toBe(200);
    const docs = (await (await t.request(lanhdao, "GET", `/api/documents?instance=${waiting.id}`)).json()) as { items: { number: string; printUrl: string }[] };
    expect(docs.items.map((d) => d.number)).toEqual(["01/QĐ-SNV"]);
    const print = await (await t.request(lanhdao, "GET", docs.items[0]!.printUrl)).text();
    for (const text of ["TỈNH QUẢNG NGÃI", "SỞ NỘI VỤ TỈNH QUẢNG NGÃI", "Quảng Ngãi, ngày 04 tháng 12 năm 2026"]) expect(print).toContain(text);
    expect(print).not.toContain("Kon Tum");

    const drafter = await t.as("mttqPhongTrao");
    const plans = (await (await t.request(drafter, "GET", "/api/instances?workflow=plan")).json()) as { items: { id: string }[] };
    const planDocs = (await (await t.request(drafter, "GET", `/api/documents?instance=${plans.items[0]!.id}`)).json()) as { items: { printUrl: string }[] };
    expect(await (await t.request(drafter, "GET", planDocs.items[0]!.printUrl)).text()).toContain("Kon Tum, ngày 01 tháng 3 năm 2023");
  });
});
