import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/databases";
import { foundingApplication } from "../support/founding";
import { createDemoApp, DEMO_UNITS, type DemoApp } from "../support/demo";
import type { TestUser } from "../support/harness";

describe.each(databaseKinds)("admin API for units, users and grants on %s", (kind) => {
  let t: DemoApp;
  let admin: TestUser;
  beforeAll(async () => {
    t = await createDemoApp(kind);
    admin = await t.as("admin");
  });
  afterAll(async () => t.close());

  it("builds a unit, an official in it, and the official's inbox follows the grant", async () => {
    const unit = await t.request(admin, "POST", "/api/admin/units", { parentId: DEMO_UNITS.ngocHoi, kind: "office", name: "Phòng Nội vụ huyện Ngọc Hồi", code: "PNV-NH" });
    expect(unit.status).toBe(201);
    const { id: unitId } = (await unit.json()) as { id: string };
    const created = await t.request(admin, "POST", "/api/admin/users", { username: "cv.ngochoi", displayName: "Chuyên viên Ngọc Hồi", password: "mat-khau-dai" });
    expect(created.status).toBe(201);
    const user = (await created.json()) as { id: string; passwordHash?: string };
    expect(user.passwordHash).toBeUndefined();
    const grant = await t.request(admin, "POST", "/api/admin/grants", { userId: user.id, role: "specialist", unitId });
    expect(grant.status).toBe(201);
    expect((await t.request(admin, "POST", "/api/admin/grants", { userId: user.id, role: "specialist", unitId })).status).toBe(409);
    const official = await t.login("cv.ngochoi", "mat-khau-dai");
    const nguoinop = await t.as("nguoinop");
    const data = await foundingApplication(t, nguoinop, { name: "Hội Ngọc Hồi", authorityUnit: unitId });
    const started = await t.request(nguoinop, "POST", "/api/instances", { workflow: "association-founding", data });
    const { id } = (await started.json()) as { id: string };
    await t.request(nguoinop, "POST", `/api/instances/${id}/events`, { type: "SUBMIT" });
    const box = (await (await t.request(official, "GET", "/api/tasks")).json()) as { items: { dossierId: string; unitName: string }[] };
    expect(box.items).toEqual([expect.objectContaining({ dossierId: id, unitName: "Phòng Nội vụ huyện Ngọc Hồi" })]);
    const detail = (await (await t.request(admin, "GET", `/api/admin/users/${user.id}`)).json()) as { grants: { id: string; role: string }[] };
    expect(detail.grants.map((g) => g.role)).toEqual(["specialist"]);
    expect((await t.request(admin, "DELETE", `/api/admin/grants/${detail.grants[0]!.id}`)).status).toBe(204);
    // Grants are read per request: the inbox empties at once, and the dossier disappears.
    expect(((await (await t.request(official, "GET", "/api/tasks")).json()) as { total: number }).total).toBe(0);
    expect((await t.request(official, "GET", `/api/instances/${id}`)).status).toBe(404);
    // The unit is in use (a dossier and a task point at it): it cannot be deleted.
    expect((await t.request(admin, "DELETE", `/api/admin/units/${unitId}`)).status).toBe(409);
  });

  it("refuses a duplicate username (any case), a short password and unknown units, per field", async () => {
    const dup = await t.request(admin, "POST", "/api/admin/users", { username: "ChuyenVien", displayName: "X", password: "mat-khau-dai" });
    expect(dup.status).toBe(409);
    expect(await dup.json()).toMatchObject({ error: { code: "USERNAME_TAKEN", fields: [{ path: "/username" }] } });
    const short = await t.request(admin, "POST", "/api/admin/users", { username: "ngan", displayName: "X", password: "123" });
    expect(short.status).toBe(422);
    expect(await short.json()).toMatchObject({ error: { fields: [{ path: "/password" }] } });
    const grant = await t.request(admin, "POST", "/api/admin/grants", { userId: admin.id, role: "leader", unitId: "00000000-0000-4000-8000-999999999999" });
    expect(grant.status).toBe(404);
    expect((await t.request(admin, "POST", "/api/admin/units", { kind: "planet", name: "Sao Hỏa" })).status).toBe(422);
  });

  it("moves and renames units but never below themselves, and deletes unused ones", async () => {
    const parent = (await (await t.request(admin, "POST", "/api/admin/units", { kind: "office", name: "Cha", parentId: DEMO_UNITS.konTum })).json()) as { id: string };
    const child = (await (await t.request(admin, "POST", "/api/admin/units", { kind: "office", name: "Con", parentId: parent.id })).json()) as { id: string };
    const cycle = await t.request(admin, "PATCH", `/api/admin/units/${parent.id}`, { parentId: child.id });
    expect(cycle.status).toBe(422);
    expect(await cycle.json()).toMatchObject({ error: { code: "UNIT_CYCLE" } });
    expect((await t.request(admin, "PATCH", `/api/admin/units/${parent.id}`, { parentId: parent.id })).status).toBe(422);
    expect((await (await t.request(admin, "PATCH", `/api/admin/units/${child.id}`, { name: "Con đổi tên", parentId: DEMO_UNITS.dakTo })).json()) as object).toMatchObject({
      name: "Con đổi tên",
      parentId: DEMO_UNITS.dakTo,
    });
    expect((await t.request(admin, "DELETE", `/api/admin/units/${parent.id}`)).status).toBe(204);
    expect((await t.request(admin, "DELETE", `/api/admin/units/${DEMO_UNITS.konTum}`)).status).toBe(409);
    expect((await t.request(admin, "DELETE", `/api/admin/units/${parent.id}`)).status).toBe(404);
  });

  it("serves the unit tree to every signed-in user for pickers", async () => {
    const nguoinop = await t.as("nguoinop");
    const res = (await (await t.request(nguoinop, "GET", "/api/units")).json()) as { items: { id: string; name: string; parentId: string | null }[] };
    expect(res.items).toContainEqual(expect.objectContaining({ id: DEMO_UNITS.soNoiVu, name: "Sở Nội vụ tỉnh Quảng Ngãi", parentId: DEMO_UNITS.konTum }));
  });
});

describe.each(databaseKinds)("the demo seed on %s", (kind) => {
  let t: DemoApp;
  beforeAll(async () => {
    t = await createDemoApp(kind);
  });
  afterAll(async () => t.close());

  it("is idempotent and gives every official inbox something to do", async () => {
    const { seedDemo } = await import("../../server/seed");
    await seedDemo(t.services);
    const units = (await (await t.request(await t.as("admin"), "GET", "/api/admin/units")).json()) as { items: { kind: string }[] };
    expect(units.items.filter((u) => u.kind === "district")).toHaveLength(10);
    const count = async (name: "chuyenvien" | "lanhdao" | "nguoinop") => ((await (await t.request(await t.as(name), "GET", "/api/tasks")).json()) as { total: number }).total;
    expect(await count("chuyenvien")).toBe(1);
    expect(await count("lanhdao")).toBe(1);
    expect(await count("nguoinop")).toBe(2);
  });

  it("is refused in production", async () => {
    const { seedDemo, SeedRefused } = await import("../../server/seed");
    await expect(seedDemo({ ...t.services, config: { ...t.services.config, production: true } })).rejects.toBeInstanceOf(SeedRefused);
  });
});
