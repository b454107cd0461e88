import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/databases";
import { createDemoApp, DEMO_PASSWORD, DEMO_UNITS, DEMO_USERS, type DemoApp } from "../support/demo";
import type { TestUser } from "../support/harness";

/** Issue 15, item 8: an admin granted in a commune administers the commune's subtree, nothing else. */
describe.each(databaseKinds)("an admin's reach is the subtree of his unit, on %s", (kind) => {
  let t: DemoApp;
  let province: TestUser;
  let commune: TestUser;
  beforeAll(async () => {
    t = await createDemoApp(kind);
    province = await t.as("admin");
    commune = await t.user({ username: "qt.hamon", grants: [{ role: "admin", unitId: DEMO_UNITS.haMon }] });
  });
  afterAll(async () => t.close());

  const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T;
  const code = async (res: Response | Promise<Response>) => ((await json<{ error?: { code: string } }>(res)).error ?? {}).code;

  it("lists only the users and grants of his subtree, and does not see the others", async () => {
    const users = await json<{ items: { username: string }[] }>(t.request(commune, "GET", "/api/admin/users"));
    const names = users.items.map((u) => u.username);
    expect(names).toContain("xa.hamon");
    expect(names).toContain("qt.hamon");
    expect(names).not.toContain("admin");
    expect(names).not.toContain("lanhdao");
    expect(names).not.toContain("nguoinop");
    const grants = await json<{ items: { unitId: string }[] }>(t.request(commune, "GET", "/api/admin/grants"));
    expect(grants.items.length).toBeGreaterThan(0);
    expect(grants.items.every((g) => g.unitId === DEMO_UNITS.haMon)).toBe(true);
    const lookup = await t.request(commune, "GET", `/api/admin/users/${DEMO_USERS.admin.id}`);
    expect(lookup.status).toBe(404);
    expect(await code(lookup)).toBe("USER_NOT_FOUND");
    const units = await json<{ items: { id: string }[] }>(t.request(commune, "GET", "/api/admin/units"));
    expect(units.items.map((u) => u.id)).toEqual([DEMO_UNITS.haMon]);
    // The province admin still sees everyone.
    const all = await json<{ items: { username: string }[] }>(t.request(province, "GET", "/api/admin/users"));
    expect(all.items.map((u) => u.username)).toEqual(expect.arrayContaining(["admin", "lanhdao", "qt.hamon"]));
  });

  it("cannot grant himself (or anyone) a role outside his subtree", async () => {
    const self = await t.request(commune, "POST", "/api/admin/grants", { userId: commune.id, role: "leader", unitId: DEMO_UNITS.soNoiVu });
    expect(self.status).toBe(403);
    expect(await json(self)).toMatchObject({ error: { code: "ADMIN_OUT_OF_SCOPE", fields: [{ path: "/unitId" }] } });
    const created = await t.request(commune, "POST", "/api/admin/users", {
      username: "ke-gian",
      displayName: "K",
      password: "mat-khau-dai",
      grants: [{ role: "admin", unitId: DEMO_UNITS.konTum }],
    });
    expect(created.status).toBe(403);
    expect(await json(created)).toMatchObject({ error: { code: "ADMIN_OUT_OF_SCOPE", fields: [{ path: "/grants/0/unitId" }] } });
    expect((await t.request(province, "GET", "/api/admin/users?q=ke-gian").then(json<{ items: unknown[] }>)).items).toEqual([]);
    // Nor a role inside it to someone who works elsewhere: that user is not his to manage.
    const outsider = await t.request(commune, "POST", "/api/admin/grants", { userId: DEMO_USERS.lanhdao.id, role: "leader", unitId: DEMO_UNITS.haMon });
    expect(outsider.status).toBe(404);
    const me = await json<{ grants: { role: string }[] }>(t.request(province, "GET", `/api/admin/users/${commune.id}`));
    expect(me.grants.map((g) => g.role)).toEqual(["admin"]);
  });

  it("cannot disable, rename or re-password the province admin, nor revoke his grants", async () => {
    for (const change of [{ disabled: true }, { password: "mat-khau-moi-123" }, { displayName: "X" }]) {
      const res = await t.request(commune, "PATCH", `/api/admin/users/${DEMO_USERS.admin.id}`, change);
      expect(res.status).toBe(404);
    }
    const adminGrant = (await json<{ items: { id: string }[] }>(t.request(province, "GET", `/api/admin/grants?userId=${DEMO_USERS.admin.id}`))).items[0]!;
    expect((await t.request(commune, "DELETE", `/api/admin/grants/${adminGrant.id}`)).status).toBe(404);
    expect((await t.login("admin", DEMO_PASSWORD)).id).toBe(DEMO_USERS.admin.id);
    expect((await t.request(province, "GET", "/api/admin/users")).status).toBe(200);
  });

  it("cannot manage a user who also holds a grant outside his subtree, even his grant inside it", async () => {
    const both = await t.user({ username: "hai-noi", grants: [{ role: "specialist", unitId: DEMO_UNITS.haMon }, { role: "specialist", unitId: DEMO_UNITS.dakHa }] });
    expect((await t.request(commune, "PATCH", `/api/admin/users/${both.id}`, { disabled: true })).status).toBe(404);
    const inside = (await json<{ items: { id: string; unitId: string }[] }>(t.request(province, "GET", `/api/admin/grants?userId=${both.id}`))).items.find(
      (g) => g.unitId === DEMO_UNITS.haMon,
    )!;
    expect((await t.request(commune, "DELETE", `/api/admin/grants/${inside.id}`)).status).toBe(404);
    expect((await t.request(both, "GET", "/api/me")).status).toBe(200);
  });

  it("manages units, users and grants below his own unit", async () => {
    const hamlet = await t.request(commune, "POST", "/api/admin/units", { parentId: DEMO_UNITS.haMon, kind: "office", name: "Thôn 1 xã Hà Mòn" });
    expect(hamlet.status).toBe(201);
    const { id: hamletId } = await json<{ id: string }>(hamlet);
    const user = await json<{ id: string }>(
      t.request(commune, "POST", "/api/admin/users", { username: "cv.thon1", displayName: "C", password: "mat-khau-dai", grants: [{ role: "specialist", unitId: hamletId }] }),
    );
    expect((await t.request(commune, "POST", "/api/admin/grants", { userId: user.id, role: "leader", unitId: DEMO_UNITS.haMon })).status).toBe(201);
    expect((await t.request(commune, "PATCH", `/api/admin/users/${user.id}`, { displayName: "Cán bộ thôn 1" })).status).toBe(200);
    expect((await t.request(commune, "PATCH", `/api/admin/units/${hamletId}`, { name: "Thôn Một" })).status).toBe(200);
  });

  it("cannot rename, re-code or re-kind his own unit: that is his superior's", async () => {
    for (const patch of [{ name: "Tỉnh Mới" }, { kind: "province" }, { code: "SNV" }]) {
      expect(await code(t.request(commune, "PATCH", `/api/admin/units/${DEMO_UNITS.haMon}`, patch))).toBe("ADMIN_OUT_OF_SCOPE");
    }
    const units = await json<{ items: { id: string; name: string; kind: string }[] }>(t.request(province, "GET", "/api/admin/units"));
    expect(units.items.find((u) => u.id === DEMO_UNITS.haMon)).toMatchObject({ name: "Xã Hà Mòn", kind: "commune" });
  });

  it("cannot create, move, rename or delete units outside his subtree, nor move or delete his own unit", async () => {
    const outside = await t.request(commune, "POST", "/api/admin/units", { parentId: DEMO_UNITS.dakHa, kind: "office", name: "Phòng lạ" });
    expect(outside.status).toBe(403);
    expect(await json(outside)).toMatchObject({ error: { code: "ADMIN_OUT_OF_SCOPE", fields: [{ path: "/parentId" }] } });
    expect(await code(t.request(commune, "POST", "/api/admin/units", { parentId: null, kind: "province", name: "Tỉnh mới" }))).toBe("ROOT_ADMIN_REQUIRED");
    expect(await code(t.request(commune, "PATCH", `/api/admin/units/${DEMO_UNITS.soNoiVu}`, { name: "Sở bị đổi tên" }))).toBe("ADMIN_OUT_OF_SCOPE");
    expect(await code(t.request(commune, "PATCH", `/api/admin/units/${DEMO_UNITS.haMon}`, { parentId: DEMO_UNITS.tpKonTum }))).toBe("ADMIN_OUT_OF_SCOPE");
    const hamlet = await json<{ id: string }>(t.request(commune, "POST", "/api/admin/units", { parentId: DEMO_UNITS.haMon, kind: "office", name: "Thôn 2" }));
    expect(await code(t.request(commune, "PATCH", `/api/admin/units/${hamlet.id}`, { parentId: DEMO_UNITS.soNoiVu }))).toBe("ADMIN_OUT_OF_SCOPE");
    expect((await t.request(commune, "DELETE", `/api/admin/units/${DEMO_UNITS.quyetThang}`)).status).toBe(403);
    expect((await t.request(commune, "DELETE", `/api/admin/units/${DEMO_UNITS.haMon}`)).status).toBe(403);
    expect((await t.request(commune, "DELETE", `/api/admin/units/${hamlet.id}`)).status).toBe(204);
    const units = await json<{ items: { id: string; name: string; parentId: string | null }[] }>(t.request(province, "GET", "/api/admin/units"));
    expect(units.items.find((u) => u.id === DEMO_UNITS.soNoiVu)!.name).toBe("Sở Nội vụ tỉnh Quảng Ngãi");
    expect(units.items.find((u) => u.id === DEMO_UNITS.haMon)!.parentId).toBe(DEMO_UNITS.dakHa);
  });

  it("cannot publish workflows or forms, nor edit the calendar: those need an admin of the root unit", async () => {
    const workflow = await t.request(commune, "POST", "/api/workflows", { key: "x", version: 1 });
    expect(workflow.status).toBe(403);
    expect(await json(workflow)).toMatchObject({ error: { code: "ROOT_ADMIN_REQUIRED", message: expect.stringContaining("quản trị viên") } });
    expect(await code(t.request(commune, "POST", "/api/forms", { key: "x" }))).toBe("ROOT_ADMIN_REQUIRED");
    expect(await code(t.request(commune, "PUT", "/api/calendar/2026", { year: 2026 }))).toBe("ROOT_ADMIN_REQUIRED");
    // The province admin gets past the scope check (to the body's validation).
    expect((await t.request(province, "POST", "/api/forms", { key: "x" })).status).toBe(422);
    expect((await t.request(province, "PUT", "/api/calendar/2026", { year: 2026 })).status).not.toBe(403);
  });
});
