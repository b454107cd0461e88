import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeys } from "../../server/db/schema";
import { databaseKinds } from "../support/databases";
import { createTestApp, type TestApp, type TestUser } from "../support/harness";

const permit = {
  key: "key-permit",
  title: { vi: "Cấp phép (kiểm thử khóa API)" },
  initial: "review",
  states: {
    review: { title: { vi: "Thẩm định" }, assignee: { role: "specialist", unit: "$starter.unit" }, on: { APPROVE: { target: "approved" } } },
    approved: { title: { vi: "Đã cấp phép" }, type: "final" },
  },
};

type Key = { id: string; token: string; prefix: string; scope: string; routes: string[]; lastUsedAt: string | null; revokedAt: string | null };

describe.each(databaseKinds)("API keys for other systems on %s", (kind) => {
  let t: TestApp;
  let admin: TestUser;
  let otherAdmin: TestUser;
  let specialist: TestUser;
  let unitA: string;
  let unitB: string;
  let dossierA: string;
  let dossierB: string;
  let serviceUserId: string;

  const bearer = (token: string, method: string, path: string, body?: unknown) => t.raw(method, path, { body, headers: { authorization: `Bearer ${token}` } });
  const makeKey = async (body: Record<string, unknown>, by = admin) => {
    const res = await t.request(by, "POST", "/api/admin/api-keys", { name: "Cổng dịch vụ công", userId: serviceUserId, unitId: unitA, scope: "read", ...body });
    return { status: res.status, body: (await res.json()) as Key & { error?: { code: string; fields?: { path: string }[] } } };
  };

  beforeAll(async () => {
    t = await createTestApp(kind, { now: "2026-12-04T02:00:00Z" });
    await t.services.registry.publish(permit, null);
    const province = await t.unit({ name: "Tỉnh" });
    const a = await t.unit({ name: "Phòng A", parentId: province.id });
    const b = await t.unit({ name: "Phòng B", parentId: province.id });
    const elsewhere = await t.unit({ name: "Tỉnh khác" });
    [unitA, unitB] = [a.id, b.id];
    admin = await t.user({ grants: [{ role: "admin", unitId: province.id }] });
    otherAdmin = await t.user({ grants: [{ role: "admin", unitId: elsewhere.id }] });
    // The account another system acts as: a specialist in both units; a key narrows it to one.
    const service = await t.user({ grants: [{ role: "specialist", unitId: a.id }, { role: "specialist", unitId: b.id }] });
    serviceUserId = service.id;
    specialist = service;
    const applicantA = await t.user({ grants: [{ role: "applicant", unitId: a.id }] });
    const applicantB = await t.user({ grants: [{ role: "applicant", unitId: b.id }] });
    const start = async (u: TestUser) => ((await (await t.request(u, "POST", "/api/instances", { workflow: permit.key, data: {} })).json()) as { id: string }).id;
    [dossierA, dossierB] = [await start(applicantA), await start(applicantB)];
  });
  afterAll(async () => t.close());

  it("an admin makes a key whose token is shown once and stored only as a hash", async () => {
    const made = await makeKey({ scope: "write", routes: ["instances", "tasks"] });
    expect(made.status).toBe(201);
    expect(made.body.token).toMatch(/^hoso_[A-Za-z0-9_-]{43}$/);
    expect(made.body.prefix).toBe(made.body.token.slice(0, 12));
    const [row] = await t.services.database.db.select().from(apiKeys).where(eq(apiKeys.id, made.body.id));
    expect(JSON.stringify(row)).not.toContain(made.body.token);
    const list = (await (await t.request(admin, "GET", "/api/admin/api-keys")).json()) as { items: Record<string, unknown>[] };
    expect(list.items.find((k) => k.id === made.body.id)).toBeDefined();
    expect(JSON.stringify(list)).not.toContain(made.body.token);
    expect(JSON.stringify(list)).not.toContain("tokenHash");
  });

  it("acts as its user in its unit only: sees and moves unit A's dossier, not unit B's; no CSRF header needed", async () => {
    const { body: key } = await makeKey({ scope: "write", routes: ["instances"] });
    expect((await bearer(key.token, "GET", `/api/instances/${dossierA}`)).status).toBe(200);
    expect((await bearer(key.token, "GET", `/api/instances/${dossierB}`)).status).toBe(404);
    const me = (await (await bearer(key.token, "GET", "/api/me")).json()) as { grants: { unitId: string }[] };
    expect(me.grants.map((g) => g.unitId)).toEqual([unitA]);
    const moved = await bearer(key.token, "POST", `/api/instances/${dossierA}/events`, { type: "APPROVE" });
    expect(moved.status).toBe(200);
    // The history names the key's user as the actor.
    const history = (await (await t.request(specialist, "GET", `/api/instances/${dossierA}`)).json()) as { history: { type: string; actorId: string }[] };
    expect(history.history.find((h) => h.type === "APPROVE")?.actorId).toBe(serviceUserId);
  });

  it("a read key cannot write; a key cannot leave its route groups, administer, or make keys", async () => {
    const { body: read } = await makeKey({ scope: "read", routes: ["instances"] });
    const refused = await bearer(read.token, "POST", `/api/instances/${dossierB}/events`, { type: "APPROVE" });
    expect([refused.status, ((await refused.json()) as { error: { code: string } }).error.code]).toEqual([403, "API_KEY_READ_ONLY"]);
    for (const [method, path] of [["GET", "/api/tasks"], ["GET", "/api/admin/users"], ["POST", "/api/admin/api-keys"], ["POST", "/api/auth/logout"]] as const) {
      const res = await bearer(read.token, method, path, method === "POST" ? {} : undefined);
      expect([res.status, ((await res.json()) as { error: { code: string } }).error.code], path).toEqual([403, "API_KEY_ROUTE_FORBIDDEN"]);
    }
  });

  it("answers 401 to a malformed, unknown, revoked or expired token — never falling back to a cookie", async () => {
    const { body: key } = await makeKey({ expiresOn: "2026-12-05" });
    for (const token of ["", "hoso_short", `hoso_${"A".repeat(43)}`, `${key.token}x`, "Basic abc"]) {
      const res = await bearer(token, "GET", "/api/instances");
      expect(res.status, token).toBe(401);
    }
    // A signed-in browser sending a bad bearer is not let through on its cookie.
    const mixed = await t.request(specialist, "GET", "/api/instances", undefined, { authorization: "Bearer hoso_nope" });
    expect(mixed.status).toBe(401);
    expect((await bearer(key.token, "GET", "/api/instances")).status).toBe(200);
    t.clock.set("2026-12-05T16:59:00Z"); // 23:59 on the last day, Vietnam time
    expect((await bearer(key.token, "GET", "/api/instances")).status).toBe(200);
    t.clock.set("2026-12-05T17:00:01Z");
    const expired = await bearer(key.token, "GET", "/api/instances");
    expect([expired.status, ((await expired.json()) as { error: { code: string } }).error.code]).toEqual([401, "API_KEY_INVALID"]);
    t.clock.set("2026-12-04T02:00:00Z");
    const { body: other } = await makeKey({});
    expect((await t.request(admin, "DELETE", `/api/admin/api-keys/${other.id}`)).status).toBe(204);
    expect((await t.request(admin, "DELETE", `/api/admin/api-keys/${other.id}`)).status).toBe(204);
    expect((await bearer(other.token, "GET", "/api/instances")).status).toBe(401);
  });

  it("records when a key was last used, without a write on every request", async () => {
    const { body: key } = await makeKey({});
    const lastUsed = async () => (await t.services.database.db.select().from(apiKeys).where(eq(apiKeys.id, key.id)))[0]!.lastUsedAt?.toISOString() ?? null;
    expect(await lastUsed()).toBeNull();
    await bearer(key.token, "GET", "/api/instances");
    expect(await lastUsed()).toBe("2026-12-04T02:00:00.000Z");
    t.clock.set("2026-12-04T02:00:30Z");
    await bearer(key.token, "GET", "/api/instances");
    expect(await lastUsed()).toBe("2026-12-04T02:00:00.000Z");
    t.clock.set("2026-12-04T02:05:00Z");
    await bearer(key.token, "GET", "/api/instances");
    expect(await lastUsed()).toBe("2026-12-04T02:05:00.000Z");
    t.clock.set("2026-12-04T02:00:00Z");
  });

  it("refuses keys outside the admin's units, for a user without a role there, or with bad fields", async () => {
    expect((await makeKey({}, otherAdmin)).body.error?.code).toBe("ADMIN_OUT_OF_SCOPE");
    expect((await makeKey({}, specialist)).status).toBe(403);
    const stranger = await t.user({ grants: [{ role: "applicant", unitId: unitB }] });
    const noRole = await makeKey({ userId: stranger.id });
    expect([noRole.status, noRole.body.error?.fields?.[0]?.path]).toEqual([422, "/userId"]);
    for (const body of [{ scope: "admin" }, { routes: ["admin"] }, { routes: [] }, { expiresOn: "2026-12-03" }, { expiresOn: "2031-01-01" }, { expiresOn: "05/12/2026" }, { name: "" }, { tokenHash: "x" }]) {
      expect((await makeKey(body)).status, JSON.stringify(body)).toBe(422);
    }
    const { body: key } = await makeKey({});
    expect((await t.request(otherAdmin, "DELETE", `/api/admin/api-keys/${key.id}`)).status).toBe(404);
    expect((await t.request(admin, "DELETE", "/api/admin/api-keys/not-a-uuid")).status).toBe(404);
    expect(((await (await t.request(otherAdmin, "GET", "/api/admin/api-keys")).json()) as { items: unknown[] }).items).toEqual([]);
  });

  it("stops working when its user is disabled", async () => {
    const extra = await t.user({ grants: [{ role: "specialist", unitId: unitA }] });
    const { body: key } = await makeKey({ userId: extra.id });
    expect((await bearer(key.token, "GET", "/api/instances")).status).toBe(200);
    await t.services.people.update(extra.id, { disabled: true });
    expect((await bearer(key.token, "GET", "/api/instances")).status).toBe(401);
  });
});
