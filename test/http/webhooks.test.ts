import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Scheduler } from "../../server/scheduler/scheduler";
import { MAX_ATTEMPTS } from "../../server/services/webhooks";
import { verifyWebhook } from "../../server/services/webhook-signature";
import { databaseKinds } from "../support/databases";
import { createTestApp, type TestApp, type TestUser } from "../support/harness";

const permit = {
  key: "hook-permit",
  title: { vi: "Cấp phép (kiểm thử webhook)" },
  initial: "review",
  states: {
    review: { title: { vi: "Thẩm định" }, assignee: { role: "specialist", unit: "$starter.unit" }, on: { APPROVE: { target: "approved" } } },
    approved: { title: { vi: "Đã cấp phép" }, type: "final" },
  },
};

type Received = { headers: Record<string, string | string[] | undefined>; body: string };

/** A receiving system on a local port: answers `answer()` (200 unless a test says otherwise), keeps what came. */
async function receiver() {
  const received: Received[] = [];
  let answer = () => 200;
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.statusCode = answer();
      res.end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hoso`,
    received,
    answerWith: (f: () => number) => (answer = f),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe.each(databaseKinds)("signed webhooks on %s", (kind) => {
  let t: TestApp;
  let admin: TestUser;
  let otherAdmin: TestUser;
  let applicantA: TestUser;
  let applicantB: TestUser;
  let specialist: TestUser;
  let unitA: string;
  let province: string;
  let hook: Awaited<ReturnType<typeof receiver>>;
  let secret: string;
  let webhookId: string;
  let scheduler: Scheduler;

  const start = async (u: TestUser) => ((await (await t.request(u, "POST", "/api/instances", { workflow: permit.key, data: {} })).json()) as { id: string; code: string });
  const tick = () => scheduler.runDue();

  beforeAll(async () => {
    t = await createTestApp(kind, { now: "2026-12-04T02:00:00Z" });
    scheduler = new Scheduler(t.services);
    await t.services.registry.publish(permit, null);
    const p = await t.unit({ name: "Tỉnh" });
    province = p.id;
    const a = await t.unit({ name: "Xã A", parentId: p.id });
    const elsewhere = await t.unit({ name: "Tỉnh khác" });
    const b = await t.unit({ name: "Xã B", parentId: elsewhere.id });
    unitA = a.id;
    admin = await t.user({ grants: [{ role: "admin", unitId: p.id }] });
    otherAdmin = await t.user({ grants: [{ role: "admin", unitId: elsewhere.id }] });
    applicantA = await t.user({ grants: [{ role: "applicant", unitId: a.id }] });
    applicantB = await t.user({ grants: [{ role: "applicant", unitId: b.id }] });
    specialist = await t.user({ grants: [{ role: "specialist", unitId: a.id }, { role: "specialist", unitId: b.id }] });
    hook = await receiver();
    // A webhook of the province hears the steps of its communes' dossiers.
    const made = await t.request(admin, "POST", "/api/admin/webhooks", { name: "Hệ thống báo cáo tỉnh", url: hook.url, unitId: province });
    expect(made.status).toBe(201);
    ({ id: webhookId, secret } = (await made.json()) as { id: string; secret: string });
  });
  afterAll(async () => {
    await hook.close();
    await t.close();
  });

  it("posts each step of a dossier below its unit, signed, with no personal data; nothing for other units", async () => {
    const a = await start(applicantA);
    await start(applicantB);
    await tick();
    expect(hook.received).toHaveLength(1);
    const [msg] = hook.received;
    const body = JSON.parse(msg!.body);
    expect(body).toMatchObject({ event: "dossier.step", dossier: { id: a.id, code: a.code, workflow: permit.key }, step: { seq: 1, finished: false } });
    expect(body.id).toBe(msg!.headers["x-hoso-delivery"]);
    expect(msg!.headers["x-hoso-event"]).toBe("dossier.step");
    const now = Math.floor(t.clock.now().getTime() / 1000);
    expect(verifyWebhook(secret, String(msg!.headers["x-hoso-signature"]), msg!.body, now)).toBe(true);
    // Tampered, replayed later, or signed with another secret: refused by the receiver's check.
    expect(verifyWebhook(secret, String(msg!.headers["x-hoso-signature"]), msg!.body.replace("dossier.step", "dossier.stap"), now)).toBe(false);
    expect(verifyWebhook(secret, String(msg!.headers["x-hoso-signature"]), msg!.body, now + 301)).toBe(false);
    expect(verifyWebhook("other", String(msg!.headers["x-hoso-signature"]), msg!.body, now)).toBe(false);
    expect(msg!.body).not.toMatch(/actorId/);
    // A second tick sends nothing again.
    await tick();
    expect(hook.received).toHaveLength(1);
    expect((await t.request(specialist, "POST", `/api/instances/${a.id}/events`, { type: "APPROVE" })).status).toBe(200);
    await tick();
    expect(JSON.parse(hook.received[1]!.body).step).toMatchObject({ event: "APPROVE", seq: 2, finished: true });
  });

  it("retries a failing receiver with back-off under the same delivery id, then keeps it dead for an admin to retry", async () => {
    hook.received.length = 0;
    hook.answerWith(() => 503);
    await start(applicantA);
    await tick();
    expect(hook.received).toHaveLength(1);
    const id = hook.received[0]!.headers["x-hoso-delivery"];
    await tick(); // not due yet: 30 s back-off
    expect(hook.received).toHaveLength(1);
    for (let i = 1; i < MAX_ATTEMPTS; i++) {
      t.clock.advance(3_600_000);
      await tick();
    }
    expect(hook.received).toHaveLength(MAX_ATTEMPTS);
    expect(new Set(hook.received.map((r) => r.headers["x-hoso-delivery"]))).toEqual(new Set([id]));
    t.clock.advance(7_200_000);
    await tick();
    expect(hook.received).toHaveLength(MAX_ATTEMPTS);
    const dead = (await (await t.request(admin, "GET", `/api/admin/webhooks/${webhookId}/deliveries?status=dead`)).json()) as { items: { id: number; attempts: number; lastStatus: number; lastError: string }[] };
    expect(dead.items).toHaveLength(1);
    expect(dead.items[0]).toMatchObject({ attempts: MAX_ATTEMPTS, lastStatus: 503, lastError: "HTTP 503" });
    hook.answerWith(() => 204);
    expect((await t.request(otherAdmin, "POST", `/api/admin/webhooks/deliveries/${dead.items[0]!.id}/retry`)).status).toBe(404);
    expect((await t.request(admin, "POST", `/api/admin/webhooks/deliveries/${dead.items[0]!.id}/retry`)).status).toBe(200);
    await tick();
    expect(hook.received).toHaveLength(MAX_ATTEMPTS + 1);
    const delivered = (await (await t.request(admin, "GET", `/api/admin/webhooks/${webhookId}/deliveries?status=delivered`)).json()) as { items: { id: number }[] };
    expect(delivered.items.map((d) => d.id)).toContain(dead.items[0]!.id);
    hook.answerWith(() => 200);
  });

  it("an unreachable receiver is an error recorded, not a crash; a revoked webhook gets nothing more", async () => {
    const made = await t.request(admin, "POST", "/api/admin/webhooks", { name: "Không ai nghe", url: "http://127.0.0.1:1/none", unitId: unitA });
    const silent = (await made.json()) as { id: string };
    await start(applicantA);
    await tick();
    const tried = (await (await t.request(admin, "GET", `/api/admin/webhooks/${silent.id}/deliveries?status=pending`)).json()) as { items: { attempts: number; lastError: string; lastStatus: number | null }[] };
    expect(tried.items[0]).toMatchObject({ attempts: 1, lastStatus: null });
    expect(tried.items[0]!.lastError).toMatch(/ECONNREFUSED|fetch failed/);
    expect((await t.request(admin, "DELETE", `/api/admin/webhooks/${webhookId}`)).status).toBe(204);
    const before = hook.received.length;
    await start(applicantA);
    await tick();
    expect(hook.received.length).toBe(before);
  });

  it("refuses bad webhooks and keeps secrets and other provinces' webhooks out of lists", async () => {
    for (const body of [{ url: "ftp://x.example/h" }, { url: "javascript:alert(1)" }, { url: "not a url" }, { name: "" }, { unitId: "x" }, { secret: "mine" }]) {
      const res = await t.request(admin, "POST", "/api/admin/webhooks", { name: "x", url: hook.url, unitId: province, ...body });
      expect(res.status, JSON.stringify(body)).toBe(422);
    }
    const outside = await t.request(otherAdmin, "POST", "/api/admin/webhooks", { name: "x", url: hook.url, unitId: province });
    expect(outside.status).toBe(403);
    const list = await (await t.request(admin, "GET", "/api/admin/webhooks")).text();
    expect(list).not.toContain(secret);
    expect(((await (await t.request(otherAdmin, "GET", "/api/admin/webhooks")).json()) as { items: unknown[] }).items).toEqual([]);
    expect((await t.request(otherAdmin, "GET", `/api/admin/webhooks/${webhookId}/deliveries`)).status).toBe(404);
    expect((await t.request(admin, "GET", "/api/admin/webhooks/nope/deliveries")).status).toBe(404);
    expect((await t.request(admin, "POST", "/api/admin/webhooks/deliveries/abc/retry")).status).toBe(404);
  });
});
