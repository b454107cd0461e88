/**
 * Issue 19, item 7: an admin edits and disables users, retires units and goes back to an earlier workflow
 * version — and each of these refuses what would break the organisation.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/databases";
import { foundingApplication } from "../support/founding";
import { createDemoApp, DEMO_UNITS, DEMO_USERS, type DemoApp } from "../support/demo";
import type { TestUser } from "../support/harness";

type Err = { error?: { code: string; message: string; tasks?: { id: string; dossierId: string; claimed: boolean }[]; counts?: Record<string, number>; current?: number } };

describe.each(databaseKinds)("admin edits and disables on %s", (kind) => {
  let t: DemoApp;
  let admin: TestUser;
  beforeAll(async () => {
    t = await createDemoApp(kind, { now: "2026-12-04T02:00:00Z" });
    admin = await t.as("admin");
  });
  afterAll(async () => t.close());

  const json = async <T = Err>(res: Response | Promise<Response>) => (await (await res).json()) as T;

  /** A unit under Ngọc Hồi with one specialist, and a founding dossier waiting on that unit. */
  async function unitWithWork(name: string, username: string) {
    const unit = await json<{ id: string }>(t.request(admin, "POST", "/api/admin/units", { parentId: DEMO_UNITS.ngocHoi, kind: "office", name }));
    const user = await json<{ id: string }>(t.request(admin, "POST", "/api/admin/users", { username, displayName: name, password: "mat-khau-dai" }));
    expect((await t.request(admin, "POST", "/api/admin/grants", { userId: user.id, role: "specialist", unitId: unit.id })).status).toBe(201);
    const nguoinop = await t.as("nguoinop");
    const data = await foundingApplication(t, nguoinop, { name: `Hội ${name}`, authorityUnit: unit.id });
    const { id: dossierId } = await json<{ id: string }>(t.request(nguoinop, "POST", "/api/instances", { workflow: "association-founding", data }));
    expect((await t.request(nguoinop, "POST", `/api/instances/${dossierId}/events`, { type: "SUBMIT" })).status).toBe(200);
    return { unitId: unit.id, userId: user.id, dossierId };
  }

  it("renames a user, and disabling him ends his sessions and API keys; enabling does not revive them", async () => {
    const user = await t.user({ username: "cv.tam", grants: [{ role: "specialist", unitId: DEMO_UNITS.dakTo }] });
    const renamed = await t.request(admin, "PATCH", `/api/admin/users/${user.id}`, { displayName: "Nguyễn Văn Tâm" });
    expect(await renamed.json()).toMatchObject({ displayName: "Nguyễn Văn Tâm", disabled: false });
    const key = await json<{ token: string }>(
      t.request(admin, "POST", "/api/admin/api-keys", { name: "Cổng", userId: user.id, unitId: DEMO_UNITS.dakTo, scope: "read", routes: ["tasks"] }),
    );
    const bearer = () => t.raw("GET", "/api/tasks", { headers: { authorization: `Bearer ${key.token}` } });
    expect((await bearer()).status).toBe(200);
    expect((await t.request(user, "GET", "/api/me")).status).toBe(200);
    const off = await t.request(admin, "PATCH", `/api/admin/users/${user.id}`, { disabled: true });
    expect(off.status).toBe(200);
    expect(await off.json()).toMatchObject({ disabled: true });
    expect((await t.request(user, "GET", "/api/me")).status).toBe(401);
    expect((await bearer()).status).toBe(401);
    const on = await t.request(admin, "PATCH", `/api/admin/users/${user.id}`, { disabled: false });
    expect(await on.json()).toMatchObject({ disabled: false });
    expect((await bearer()).status).toBe(401);
  });

  it("refuses disabling oneself and the last enabled admin, in Vietnamese", async () => {
    const self = await t.request(admin, "PATCH", `/api/admin/users/${admin.id}`, { disabled: true });
    expect(self.status).toBe(409);
    expect(await self.json()).toMatchObject({ error: { code: "CANNOT_DISABLE_SELF", message: "Bạn không thể tự vô hiệu hóa tài khoản của mình" } });
    // Two province admins: one may disable the other, who is signed out at once.
    const second = await t.user({ username: "qt.hai", grants: [{ role: "admin", unitId: DEMO_UNITS.konTum }] });
    expect((await t.request(admin, "PATCH", `/api/admin/users/${second.id}`, { disabled: true })).status).toBe(200);
    expect((await t.request(second, "GET", "/api/admin/users")).status).toBe(401);
    // Had the second admin's own request to disable the first raced past its sign-in check, the write
    // itself refuses it: the first is now the last enabled admin over the province.
    const race = await t.services.people.update(DEMO_USERS.admin.id, { disabled: true }).catch((e: unknown) => e);
    expect(race).toMatchObject({ code: "LAST_ADMIN", message: "Đây là quản trị viên cuối cùng còn hoạt động của đơn vị; hãy giao quyền quản trị cho người khác trước khi vô hiệu hóa" });
    // A commune admin below him is not the last one of his commune: the province admin administers it too.
    const commune = await t.user({ username: "qt.ba", grants: [{ role: "admin", unitId: DEMO_UNITS.haMon }] });
    expect((await t.request(admin, "PATCH", `/api/admin/users/${commune.id}`, { disabled: true })).status).toBe(200);
    expect((await t.request(admin, "PATCH", `/api/admin/users/${second.id}`, { disabled: false })).status).toBe(200);
  });

  it("shows the open tasks only the user can act on and disables him only once they were acknowledged", async () => {
    const { userId, dossierId } = await unitWithWork("Phòng Một Người", "cv.motnguoi");
    const shown = await json<{ items: { id: string; dossierId: string; claimed: boolean; dossierCode: string }[] }>(
      t.request(admin, "GET", `/api/admin/users/${userId}/sole-tasks`),
    );
    expect(shown.items).toEqual([expect.objectContaining({ dossierId, claimed: false })]);
    const blind = await t.request(admin, "PATCH", `/api/admin/users/${userId}`, { disabled: true });
    expect(blind.status).toBe(409);
    const refusal = await json(blind);
    expect(refusal.error).toMatchObject({ code: "USER_HAS_OPEN_TASKS", tasks: [expect.objectContaining({ dossierId })] });
    expect(refusal.error?.message).toContain("cán bộ duy nhất");
    // A stale confirmation: a second task arrived after the admin looked.
    const nguoinop = await t.as("nguoinop");
    const unitId = (await json<{ items: { unitId: string }[] }>(t.request(admin, "GET", `/api/admin/grants?userId=${userId}`))).items[0]!.unitId;
    const data = await foundingApplication(t, nguoinop, { name: "Hội thứ hai", authorityUnit: unitId });
    const { id: second } = await json<{ id: string }>(t.request(nguoinop, "POST", "/api/instances", { workflow: "association-founding", data }));
    await t.request(nguoinop, "POST", `/api/instances/${second}/events`, { type: "SUBMIT" });
    const stale = await t.request(admin, "PATCH", `/api/admin/users/${userId}`, { disabled: true, acknowledgedTasks: shown.items.map((i) => i.id) });
    expect(stale.status).toBe(409);
    expect((await json(stale)).error?.tasks).toHaveLength(2);
    // Another holder of the role takes nothing away from the list... a colleague does.
    const colleague = await t.user({ username: "cv.dongnghiep", grants: [{ role: "specialist", unitId }] });
    const now = await json<{ items: unknown[] }>(t.request(admin, "GET", `/api/admin/users/${userId}/sole-tasks`));
    expect(now.items).toEqual([]);
    expect((await t.request(admin, "PATCH", `/api/admin/users/${userId}`, { disabled: true })).status).toBe(200);
    // With him disabled, the colleague is now the only one: a claimed task counts as his too.
    const tasks = await json<{ items: { id: string }[] }>(t.request(colleague, "GET", "/api/tasks?view=unit"));
    if (tasks.items[0]) await t.request(colleague, "POST", `/api/tasks/${tasks.items[0].id}/claim`);
    const his = await json<{ items: { claimed: boolean }[] }>(t.request(admin, "GET", `/api/admin/users/${colleague.id}/sole-tasks`));
    expect(his.items).toHaveLength(2);
    expect(his.items.some((i) => i.claimed)).toBe(true);
  });

  it("refuses the admin routes to a non-admin and to an admin outside the user's units", async () => {
    const specialist = await t.as("chuyenvien");
    expect((await t.request(specialist, "PATCH", `/api/admin/users/${DEMO_USERS.nguoinop.id}`, { disabled: true })).status).toBe(403);
    expect((await t.request(specialist, "GET", `/api/admin/users/${DEMO_USERS.nguoinop.id}/sole-tasks`)).status).toBe(403);
    expect((await t.request(specialist, "POST", `/api/admin/units/${DEMO_UNITS.dakTo}/retire`)).status).toBe(403);
    expect((await t.request(specialist, "POST", "/api/workflows/association-founding/versions/1/restore", { expectedCurrent: 1 })).status).toBe(403);
    expect((await t.request(specialist, "GET", "/api/workflows/association-founding/versions")).status).toBe(403);
    const commune = await t.user({ username: "qt.xa", grants: [{ role: "admin", unitId: DEMO_UNITS.haMon }] });
    expect((await t.request(commune, "PATCH", `/api/admin/users/${DEMO_USERS.lanhdao.id}`, { disabled: true })).status).toBe(404);
    expect((await t.request(commune, "POST", `/api/admin/units/${DEMO_UNITS.dakTo}/retire`)).status).toBe(403);
    // Not a root admin: may not publish or restore workflows.
    expect((await t.request(commune, "POST", "/api/workflows/association-founding/versions/1/restore", { expectedCurrent: 1 })).status).toBe(403);
  });

  it("retires a unit only once nothing hangs on it, saying what does", async () => {
    const { unitId, userId } = await unitWithWork("Phòng Sắp Nghỉ", "cv.sapnghi");
    const refused = await t.request(admin, "POST", `/api/admin/units/${unitId}/retire`);
    expect(refused.status).toBe(409);
    const body = await json(refused);
    expect(body.error).toMatchObject({ code: "UNIT_IN_USE", counts: { dossiers: 1, tasks: 1, grants: 1, units: 0 } });
    expect(body.error?.message).toBe("Đơn vị còn 1 hồ sơ đang xử lý, 1 công việc đang mở, 1 vai trò của người dùng đang hoạt động; hãy chuyển hoặc kết thúc trước khi cho ngừng hoạt động");
    // An empty unit retires; it leaves the public pickers but stays in the admin's tree.
    const empty = await json<{ id: string }>(t.request(admin, "POST", "/api/admin/units", { parentId: DEMO_UNITS.ngocHoi, kind: "office", name: "Phòng Trống" }));
    const retired = await t.request(admin, "POST", `/api/admin/units/${empty.id}/retire`);
    expect(retired.status).toBe(200);
    expect(((await retired.json()) as { retiredAt: string | null }).retiredAt).toBe("2026-12-04T02:00:00.000Z");
    expect((await t.request(admin, "POST", `/api/admin/units/${empty.id}/retire`)).status).toBe(409);
    const pickers = await json<{ items: { id: string }[] }>(t.request(admin, "GET", "/api/units"));
    expect(pickers.items.map((u) => u.id)).not.toContain(empty.id);
    const granted = await t.request(admin, "POST", "/api/admin/grants", { userId, role: "leader", unitId: empty.id });
    expect(granted.status).toBe(422);
    const under = await t.request(admin, "POST", "/api/admin/units", { parentId: empty.id, kind: "office", name: "Tổ con" });
    expect(under.status).toBe(422);
    expect(await under.json()).toMatchObject({ error: { fields: [{ path: "/parentId", message: "Đơn vị cấp trên đã ngừng hoạt động" }] } });
    const back = await t.request(admin, "POST", `/api/admin/units/${empty.id}/reinstate`);
    expect(((await back.json()) as { retiredAt: string | null }).retiredAt).toBeNull();
    // A parent with an active child is refused; so is the root, whose root admin may retire it once empty.
    expect((await json(t.request(admin, "POST", `/api/admin/units/${DEMO_UNITS.ngocHoi}/retire`))).error?.code).toBe("UNIT_IN_USE");
    expect((await t.request(admin, "POST", `/api/admin/units/${DEMO_UNITS.konTum}/retire`)).status).toBe(409);
    expect((await t.request(admin, "POST", "/api/admin/units/not-a-uuid/retire")).status).toBe(404);
  });
});

describe.each(databaseKinds)("workflow versions: diff, publish with confirmation, going back, on %s", (kind) => {
  let t: DemoApp;
  let admin: TestUser;
  beforeAll(async () => {
    t = await createDemoApp(kind, { now: "2026-12-04T02:00:00Z" });
    admin = await t.as("admin");
  });
  afterAll(async () => t.close());

  const json = async <T = Err>(res: Response | Promise<Response>) => (await (await res).json()) as T;
  const base = {
    key: "tiny-permit",
    title: { vi: "Giấy phép nhỏ" },
    initial: "draft",
    states: {
      draft: { title: { vi: "Đang soạn" }, assignee: { role: "applicant", unit: "$starter.unit" }, on: { SUBMIT: { target: "review", title: { vi: "Nộp" } } } },
      review: { title: { vi: "Thẩm định" }, assignee: { role: "specialist", unit: "$starter.unit" }, on: { APPROVE: { target: "done", title: { vi: "Duyệt" } } } },
      done: { type: "final", title: { vi: "Xong" } },
    },
  };
  const v2 = {
    ...base,
    states: {
      draft: base.states.draft,
      review: {
        title: { vi: "Thẩm định hồ sơ" },
        assignee: { role: "specialist", unit: "$starter.unit" },
        on: { APPROVE: { target: "sign", title: { vi: "Duyệt" } }, REJECT: { target: "rejected", title: { vi: "Từ chối" } } },
      },
      sign: { title: { vi: "Ký duyệt" }, assignee: { role: "leader", unit: "$starter.unit" }, on: { SIGN: { target: "done", title: { vi: "Ký" } } } },
      rejected: { type: "final", title: { vi: "Bị từ chối" } },
      done: base.states.done,
    },
  };

  it("shows the changes against the running version, publishes only against the version compared, and goes back", async () => {
    const first = await json<{ current: number; changes: { kind: string }[] }>(t.request(admin, "POST", "/api/workflows/tiny-permit/diff", base));
    expect(first.current).toBe(0);
    expect((await t.request(admin, "POST", "/api/workflows?expectedCurrent=0", base)).status).toBe(201);
    const diff = await json<{ current: number; changes: unknown[] }>(t.request(admin, "POST", "/api/workflows/tiny-permit/diff", v2));
    expect(diff.current).toBe(1);
    expect(diff.changes).toEqual([
      { kind: "stateChanged", state: "review", title: { vi: "Thẩm định hồ sơ" }, fields: ["title"] },
      { kind: "transitionChanged", state: "review", stateTitle: { vi: "Thẩm định hồ sơ" }, event: "APPROVE", title: { vi: "Duyệt" }, target: "sign", fields: ["target"] },
      { kind: "transitionAdded", state: "review", stateTitle: { vi: "Thẩm định hồ sơ" }, event: "REJECT", title: { vi: "Từ chối" }, target: "rejected" },
      { kind: "stateAdded", state: "sign", title: { vi: "Ký duyệt" } },
      { kind: "stateAdded", state: "rejected", title: { vi: "Bị từ chối" } },
    ]);
    // A dossier runs on version 1.
    const nguoinop = await t.as("nguoinop");
    const started = await t.request(nguoinop, "POST", "/api/instances", { workflow: "tiny-permit", data: {} });
    expect(started.status).toBe(201);
    const { id } = await json<{ id: string }>(started);
    expect((await t.request(admin, "POST", "/api/workflows?expectedCurrent=1", v2)).status).toBe(201);
    // A stale confirmation: the diff was against version 1, but version 2 is now current.
    const stale = await t.request(admin, "POST", "/api/workflows?expectedCurrent=1", { ...v2, title: { vi: "Khác" } });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ error: { code: "STALE_VERSION", current: 2 } });
    const versions = await json<{ current: number; items: { version: number; running: number; createdBy: string | null }[] }>(t.request(admin, "GET", "/api/workflows/tiny-permit/versions"));
    expect(versions.current).toBe(2);
    expect(versions.items.map((v) => [v.version, v.running])).toEqual([[2, 0], [1, 1]]);
    // Going back to version 1: its diff, then a copy published as version 3.
    const back = await json<{ changes: { kind: string; state?: string }[] }>(t.request(admin, "GET", "/api/workflows/tiny-permit/versions/1/diff"));
    expect(back.changes).toContainEqual(expect.objectContaining({ kind: "stateRemoved", state: "sign" }));
    expect((await t.request(admin, "POST", "/api/workflows/tiny-permit/versions/1/restore", { expectedCurrent: 1 })).status).toBe(409);
    const restored = await t.request(admin, "POST", "/api/workflows/tiny-permit/versions/1/restore", { expectedCurrent: 2 });
    expect(restored.status).toBe(201);
    expect(await restored.json()).toMatchObject({ key: "tiny-permit", version: 3 });
    const current = await json<{ version: number; definition: { states: Record<string, unknown> } }>(t.request(admin, "GET", "/api/workflows/tiny-permit"));
    expect(current.version).toBe(3);
    expect(Object.keys(current.definition.states).sort()).toEqual(["done", "draft", "review"]);
    // The running dossier stays on version 1.
    expect(await json(t.request(nguoinop, "GET", `/api/instances/${id}`))).toMatchObject({ workflowVersion: 1 });
    // Going back to what is already current is refused.
    const same = await t.request(admin, "POST", "/api/workflows/tiny-permit/versions/1/restore", { expectedCurrent: 3 });
    expect(same.status).toBe(409);
    expect(await same.json()).toMatchObject({ error: { code: "ALREADY_CURRENT" } });
  });

  it("does not make current a version of another workflow, nor one that does not exist", async () => {
    // association-founding has version 1 only; tiny-permit's version 2 is not its.
    const other = await t.request(admin, "POST", "/api/workflows/association-founding/versions/2/restore", { expectedCurrent: 1 });
    expect(other.status).toBe(404);
    expect((await t.request(admin, "POST", "/api/workflows/no-such/versions/1/restore", { expectedCurrent: 1 })).status).toBe(404);
    expect((await t.request(admin, "POST", "/api/workflows/tiny-permit/versions/abc/restore", { expectedCurrent: 1 })).status).toBe(404);
    expect((await t.request(admin, "POST", "/api/workflows/tiny-permit/versions/1/restore", {})).status).toBe(422);
    // A diff posted under another workflow's key is refused on /key.
    const wrong = await t.request(admin, "POST", "/api/workflows/association-founding/diff", base);
    expect(wrong.status).toBe(422);
    expect(await wrong.json()).toMatchObject({ error: { fields: [{ path: "/key" }] } });
  });
});
