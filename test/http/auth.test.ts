import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../server/clock";
import { databaseKinds } from "../support/databases";
import { foundingApplication } from "../support/founding";
import { createTestApp, type TestApp } from "../support/harness";

describe.each(databaseKinds)("sign-in, sessions and CSRF on %s", (kind) => {
  let t: TestApp;
  let unitId: string;
  const sessionClock = new ManualClock("2026-11-23T02:00:00Z");
  beforeAll(async () => {
    t = await createTestApp(kind, { sessionClock });
    unitId = (await t.unit({ kind: "office", name: "Sở Nội vụ" })).id;
  });
  afterAll(async () => t.close());

  const login = (username: string, password: string, address = "198.51.100.7") => t.raw("POST", "/api/auth/login", { body: { username, password }, address });

  it("signs in with an httpOnly, SameSite=Lax cookie and answers /api/me with grants and the CSRF token", async () => {
    await t.services.people.create({ username: "Chuyen.Vien", displayName: "Trần Thị Chuyên", password: "mat-khau-dai", grants: [{ role: "specialist", unitId }] });
    const res = await login("chuyen.vien", "mat-khau-dai");
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^hoso_session=[\w-]{43}; /);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).not.toContain("Secure");
    const body = (await res.json()) as { user: { id: string }; csrfToken: string };
    const me = await t.raw("GET", "/api/me", { headers: { cookie: cookie.split(";")[0]! } });
    expect(await me.json()).toEqual({
      id: body.user.id,
      username: "Chuyen.Vien",
      displayName: "Trần Thị Chuyên",
      grants: [{ role: "specialist", unitId, unitName: "Sở Nội vụ" }],
      csrfToken: body.csrfToken,
    });
  });

  it("stores argon2id hashes, never the password", async () => {
    const user = await t.services.people.create({ username: "hash-check", displayName: "H", password: "mat-khau-dai", grants: [] });
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$/);
    expect(user.passwordHash).not.toContain("mat-khau-dai");
  });

  it("refuses a wrong password and an unknown user alike with 401", async () => {
    await t.services.people.create({ username: "sai-mat-khau", displayName: "S", password: "dung-mat-khau", grants: [] });
    for (const [username, password] of [["sai-mat-khau", "sai"], ["khong-ton-tai", "sai"]] as const) {
      const res = await login(username, password, "198.51.100.50");
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: "INVALID_CREDENTIALS", message: "Tên đăng nhập hoặc mật khẩu không đúng" } });
      expect(res.headers.get("set-cookie")).toBeNull();
    }
  });

  it("refuses a state-changing request without the CSRF header, or with a wrong one", async () => {
    const user = await t.user({ grants: [{ role: "applicant", unitId }] });
    const body = { workflow: "association-founding", data: {} };
    const missing = await t.raw("POST", "/api/instances", { body, headers: { cookie: user.cookie } });
    expect(missing.status).toBe(403);
    expect(await missing.json()).toMatchObject({ error: { code: "CSRF_REJECTED" } });
    const wrong = await t.raw("POST", "/api/instances", { body, headers: { cookie: user.cookie, "x-csrf-token": "x".repeat(43) } });
    expect(wrong.status).toBe(403);
    const other = await t.user({ grants: [{ role: "applicant", unitId }] });
    const borrowed = await t.raw("POST", "/api/instances", { body, headers: { cookie: user.cookie, "x-csrf-token": other.csrfToken } });
    expect(borrowed.status).toBe(403);
    expect((await t.raw("GET", "/api/instances", { headers: { cookie: user.cookie } })).status).toBe(200);
    const data = await foundingApplication(t, user, { authorityUnit: unitId });
    expect((await t.request(user, "POST", "/api/instances", { workflow: "association-founding", data })).status).toBe(201);
  });

  it("signs out by deleting the session: the old cookie stops working", async () => {
    const user = await t.user({ grants: [{ role: "applicant", unitId }] });
    const out = await t.request(user, "POST", "/api/auth/logout");
    expect(out.status).toBe(200);
    expect(out.headers.get("set-cookie")).toMatch(/hoso_session=;.*Max-Age=0/);
    expect((await t.request(user, "GET", "/api/me")).status).toBe(401);
  });

  it("expires sessions after 12 hours", async () => {
    const user = await t.user({ grants: [{ role: "applicant", unitId }] });
    sessionClock.advance(11 * 3600_000);
    expect((await t.request(user, "GET", "/api/me")).status).toBe(200);
    sessionClock.advance(3600_000 + 1000);
    expect((await t.request(user, "GET", "/api/me")).status).toBe(401);
  });

  it("revokes every session of a user who is disabled or gets a new password", async () => {
    const admin = await t.user({ grants: [{ role: "admin", unitId }] });
    const user = await t.user({ grants: [{ role: "applicant", unitId }] });
    const second = await t.login(user.username, "mat-khau-thu");
    expect((await t.request(admin, "PATCH", `/api/admin/users/${user.id}`, { password: "mat-khau-moi-123" })).status).toBe(200);
    expect((await t.request(user, "GET", "/api/me")).status).toBe(401);
    expect((await t.request(second, "GET", "/api/me")).status).toBe(401);
    const again = await t.login(user.username, "mat-khau-moi-123");
    expect((await t.request(admin, "PATCH", `/api/admin/users/${user.id}`, { disabled: true })).status).toBe(200);
    expect((await t.request(again, "GET", "/api/me")).status).toBe(401);
    expect((await login(user.username, "mat-khau-moi-123", "198.51.100.150")).status).toBe(401);
  });

  it("ignores a forged or unknown session cookie", async () => {
    const res = await t.raw("GET", "/api/me", { headers: { cookie: "hoso_session=forged" } });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
  });
});
