/**
 * Issue 19, item 7 in a real browser, as the province admin on the demo at a frozen instant: he renames
 * and disables an official (seeing the open task only that official could act on), enables him again,
 * retires an empty unit and is told why a busy one cannot be, publishes a workflow after reading its
 * changes, is stopped by a stale confirmation, and makes the earlier version current again (laptop); the
 * users page and its dialog on a 390 × 844 phone. axe runs on every page and dialog.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Locator, Page } from "playwright-core";
import { ensureWebBuild } from "../../scripts/web-build";
import { expectNoSeriousA11yViolations } from "../support/axe";
import { openBrowserOn, type BrowserRun } from "../support/browser";
import { createDemoApp, DEMO_UNITS, type DemoApp } from "../support/demo";
import { foundingApplication } from "../support/founding";
import type { TestUser } from "../support/harness";

const NOW = "2026-12-04T02:00:00Z";
const PHONE = { width: 390, height: 844 };

let run: BrowserRun;
let base = "";
let t: DemoApp;
let admin: TestUser;
let dossierCode = "";

const text = async (l: Locator) => (await l.innerText()).replace(/\s+/g, " ");

const tiny = {
  key: "tiny-permit",
  title: { vi: "Giấy phép nhỏ" },
  initial: "draft",
  states: {
    draft: { title: { vi: "Đang soạn" }, assignee: { role: "applicant", unit: "$starter.unit" }, on: { SUBMIT: { target: "review", title: { vi: "Nộp hồ sơ" } } } },
    review: { title: { vi: "Thẩm định" }, assignee: { role: "specialist", unit: "$starter.unit" }, on: { APPROVE: { target: "done", title: { vi: "Phê duyệt" } } } },
    done: { type: "final", title: { vi: "Đã phê duyệt" } },
  },
};
const tinyV2 = {
  ...tiny,
  states: {
    draft: tiny.states.draft,
    review: { ...tiny.states.review, on: { APPROVE: { target: "sign", title: { vi: "Phê duyệt" } } } },
    sign: { title: { vi: "Ký quyết định" }, assignee: { role: "leader", unit: "$starter.unit" }, on: { SIGN: { target: "done", title: { vi: "Ký" } } } },
    done: tiny.states.done,
  },
};

beforeAll(async () => {
  await ensureWebBuild();
  t = await createDemoApp("pglite", { now: NOW });
  admin = await t.as("admin");
  const json = async <T>(res: Promise<Response>) => (await (await res).json()) as T;
  // An office with one specialist, and a founding dossier waiting on it: only he can act on it.
  const unit = await json<{ id: string }>(t.request(admin, "POST", "/api/admin/units", { parentId: DEMO_UNITS.ngocHoi, kind: "office", name: "Phòng Một Người" }));
  const user = await json<{ id: string }>(t.request(admin, "POST", "/api/admin/users", { username: "cv.motnguoi", displayName: "Chuyen vien mot nguoi", password: "mat-khau-dai" }));
  await t.request(admin, "POST", "/api/admin/grants", { userId: user.id, role: "specialist", unitId: unit.id });
  const nguoinop = await t.as("nguoinop");
  const data = await foundingApplication(t, nguoinop, { name: "Hội Cựu giáo chức Ngọc Hồi", authorityUnit: unit.id });
  const started = await json<{ id: string; code: string }>(t.request(nguoinop, "POST", "/api/instances", { workflow: "association-founding", data }));
  dossierCode = started.code;
  await t.request(nguoinop, "POST", `/api/instances/${started.id}/events`, { type: "SUBMIT" });
  await t.request(admin, "POST", "/api/admin/units", { parentId: DEMO_UNITS.ngocHoi, kind: "office", name: "Tổ công tác lâm thời" });
  await t.request(admin, "POST", "/api/workflows?expectedCurrent=0", tiny);
  run = await openBrowserOn(t.app, { now: NOW });
  base = run.base;
}, 180_000);

afterAll(async () => {
  await run?.close();
  await t?.close();
});

async function openUser(page: Page, username: string): Promise<Locator> {
  await page.goto(`${base}/admin/users`);
  await page.getByRole("textbox", { name: "Tìm kiếm" }).fill(username);
  const row = page.getByRole("button", { name: new RegExp(username.replace(".", "\\.")) });
  await row.click();
  return page.getByRole("listitem").filter({ has: row });
}

describe("the admin edits and disables users", () => {
  test("renames an official, sees the task only he can act on, disables and enables him (laptop)", async () => {
    const { context, page } = await run.session();
    await run.login(page, "admin");
    const item = await openUser(page, "cv.motnguoi");
    await item.getByLabel("Họ và tên").fill("Trần Thị Một");
    await item.getByRole("button", { name: "Lưu" }).click();
    await expect.poll(() => text(page.getByRole("button", { name: /cv\.motnguoi/ }))).toContain("Trần Thị Một");
    // The roles are chosen from pickers: a role list and the unit tree, never an id.
    const panel = page.getByRole("listitem").filter({ has: page.getByRole("button", { name: /cv\.motnguoi/ }) });
    expect(await panel.getByRole("combobox").count()).toBe(2);
    // The only text typed: his name, and the position a new role carries (printed where he signs).
    expect(await panel.getByRole("textbox").count()).toBe(2);
    expect(await panel.getByRole("textbox", { name: "Chức vụ (in ở phần ký văn bản)" }).count()).toBe(1);
    await run.shot(page, "i19-admin-user-edit-laptop");
    await expectNoSeriousA11yViolations(page, "admin user panel");

    await panel.getByRole("button", { name: "Vô hiệu hóa…" }).click();
    const dialog = page.getByRole("dialog", { name: /Vô hiệu hóa Trần Thị Một/ });
    await expect.poll(() => text(dialog)).toContain("cán bộ duy nhất xử lý được 1 công việc đang mở");
    expect(await text(dialog)).toContain(dossierCode);
    expect(await text(dialog)).toContain("khóa API");
    await run.shot(page, "i19-admin-user-disable-dialog-laptop");
    await expectNoSeriousA11yViolations(page, "disable user dialog");
    // Escape closes it, and nothing was disabled.
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.count()).toBe(0);
    await panel.getByRole("button", { name: "Vô hiệu hóa…" }).click();
    await dialog.getByRole("button", { name: "Vô hiệu hóa" }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => text(page.getByRole("button", { name: /cv\.motnguoi/ }))).toContain("đã vô hiệu hóa");
    await expect.poll(() => text(panel)).toContain("Đã vô hiệu hóa: không đăng nhập được.");
    await run.shot(page, "i19-admin-user-disabled-laptop");
    expect((await t.raw("POST", "/api/auth/login", { body: { username: "cv.motnguoi", password: "mat-khau-dai" } })).status).toBe(401);
    await panel.getByRole("button", { name: "Cho hoạt động lại" }).click();
    await expect.poll(() => text(panel)).toContain("Đang hoạt động.");
    // The admin cannot disable himself: the refusal is in Vietnamese, in the dialog.
    const self = await openUser(page, "admin");
    await self.getByRole("button", { name: "Vô hiệu hóa…" }).click();
    const selfDialog = page.getByRole("dialog");
    await selfDialog.getByRole("button", { name: "Vô hiệu hóa" }).click();
    await expect.poll(() => text(selfDialog)).toContain("Bạn không thể tự vô hiệu hóa tài khoản của mình");
    await run.shot(page, "i19-admin-user-disable-self-laptop");
    await page.keyboard.press("Escape");
    await context.close();
    expect(run.pageErrors).toEqual([]);
  });

  test("the users page and the disable dialog fit a phone", async () => {
    const { context, page } = await run.session(PHONE);
    await run.login(page, "admin");
    const panel = await openUser(page, "cv.motnguoi");
    await panel.getByRole("button", { name: "Vô hiệu hóa…" }).click();
    const dialog = page.getByRole("dialog");
    await expect.poll(() => text(dialog)).toContain(dossierCode);
    await run.shot(page, "i19-admin-user-disable-dialog-phone");
    await expectNoSeriousA11yViolations(page, "disable user dialog, phone");
    const box = await dialog.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    await page.keyboard.press("Escape");
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(PHONE.width);
    await run.shot(page, "i19-admin-users-phone");
    await expectNoSeriousA11yViolations(page, "admin users, phone");
    await context.close();
  });
});

describe("the admin retires units", () => {
  test("a busy unit is refused with what hangs on it; an empty one retires and comes back (laptop)", async () => {
    const { context, page } = await run.session();
    await run.login(page, "admin");
    await page.goto(`${base}/admin/units`);
    await page.getByRole("button", { name: "Ngừng hoạt động Phòng Một Người" }).click();
    const dialog = page.getByRole("dialog", { name: "Cho Phòng Một Người ngừng hoạt động?" });
    await expectNoSeriousA11yViolations(page, "retire unit dialog");
    await dialog.getByRole("button", { name: "Ngừng hoạt động" }).click();
    await expect.poll(() => text(dialog)).toContain("Đơn vị còn 1 hồ sơ đang xử lý, 1 công việc đang mở, 1 vai trò của người dùng đang hoạt động");
    await run.shot(page, "i19-admin-unit-retire-refused-laptop");
    await dialog.getByRole("button", { name: "Hủy" }).click();

    await page.getByRole("button", { name: "Ngừng hoạt động Tổ công tác lâm thời" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Ngừng hoạt động" }).click();
    const row = page.getByRole("listitem").filter({ hasText: "Tổ công tác lâm thời" });
    await expect.poll(() => text(row)).toContain("đã ngừng hoạt động");
    await run.shot(page, "i19-admin-unit-retired-laptop");
    await expectNoSeriousA11yViolations(page, "admin units with a retired unit");
    // A retired unit is offered in no picker (here: the parent of a new unit).
    expect(await page.getByLabel("Đơn vị cấp trên").locator("option", { hasText: "Tổ công tác lâm thời" }).count()).toBe(0);
    await row.getByRole("button", { name: "Cho hoạt động lại Tổ công tác lâm thời" }).click();
    await expect.poll(() => text(row)).not.toContain("đã ngừng hoạt động");
    await context.close();
    expect(run.pageErrors).toEqual([]);
  });
});

describe("the admin publishes a workflow version and goes back", () => {
  test("reads the changes, is stopped by a stale confirmation, publishes, and makes version 1 current again (laptop)", async () => {
    const { context, page } = await run.session();
    page.setDefaultTimeout(15_000);
    await run.login(page, "admin");
    await page.goto(`${base}/admin/workflows/tiny-permit`);
    const editor = page.getByLabel("Định nghĩa quy trình (JSON)");
    await expect.poll(() => editor.inputValue()).toContain("tiny-permit");
    await editor.fill(JSON.stringify(tinyV2, null, 2));
    await page.getByRole("button", { name: "Lưu phiên bản mới" }).click();
    const dialog = page.getByRole("dialog", { name: "Xuất bản phiên bản 2?" });
    await expect.poll(() => text(dialog)).toContain("Những thay đổi so với phiên bản 1 đang áp dụng");
    const lines = await dialog.getByRole("listitem").allInnerTexts();
    expect(lines.map((l) => l.replace(/\s+/g, " "))).toEqual([
      "Sửa thao tác «Phê duyệt» APPROVE ở bước «Thẩm định»: bước chuyển đến",
      "Thêm bước «Ký quyết định» sign",
    ]);
    await run.shot(page, "i19-admin-workflow-publish-diff-laptop");
    await expectNoSeriousA11yViolations(page, "publish confirmation");
    // Someone else publishes meanwhile: confirming is refused and the dialog shows the fresh changes.
    await t.request(admin, "POST", "/api/workflows?expectedCurrent=1", { ...tiny, title: { vi: "Giấy phép nhỏ (sửa)" } });
    await dialog.getByRole("button", { name: "Xuất bản" }).click();
    const fresh = page.getByRole("dialog", { name: "Xuất bản phiên bản 3?" });
    await expect.poll(() => text(fresh)).toContain("Quy trình vừa có phiên bản 2 mới hơn phiên bản 1 bạn đã so sánh");
    await expect.poll(() => text(fresh)).toContain("Sửa thông tin quy trình: tên");
    await run.shot(page, "i19-admin-workflow-publish-stale-laptop");
    await fresh.getByRole("button", { name: "Xuất bản" }).click();
    await expect.poll(() => text(page.getByRole("status").filter({ hasText: "Đã lưu phiên bản 3." }))).toContain("Đã lưu phiên bản 3.");

    const versions = page.getByRole("region", { name: "Các phiên bản" });
    await expect.poll(() => text(versions)).toContain("Phiên bản 3");
    await versions.getByRole("button", { name: "Áp dụng lại phiên bản 1…" }).click();
    const back = page.getByRole("dialog", { name: "Áp dụng lại phiên bản 1?" });
    await expect.poll(() => text(back)).toContain("Bỏ bước «Ký quyết định» sign");
    expect(await text(back)).toContain("Các hồ sơ đang xử lý vẫn tiếp tục theo phiên bản mà chúng đã bắt đầu.");
    await run.shot(page, "i19-admin-workflow-restore-diff-laptop");
    await expectNoSeriousA11yViolations(page, "restore confirmation");
    await back.getByRole("button", { name: "Áp dụng lại" }).click();
    await expect.poll(() => text(page.locator("main"))).toContain("Đã áp dụng lại phiên bản 1, thành phiên bản 4.");
    const current = (await (await t.request(admin, "GET", "/api/workflows/tiny-permit")).json()) as { version: number; definition: { states: object } };
    expect(current.version).toBe(4);
    expect(Object.keys(current.definition.states).sort()).toEqual(["done", "draft", "review"]);
    await run.shot(page, "i19-admin-workflow-versions-laptop");
    await expectNoSeriousA11yViolations(page, "workflow editor with versions");
    await context.close();
    expect(run.pageErrors).toEqual([]);
  });
});

describe("the form builder's property panel", () => {
  test("sets a field's label, required, help text, bounds and options beside the live preview (laptop)", async () => {
    const { context, page } = await run.session();
    page.setDefaultTimeout(15_000);
    await run.login(page, "admin");
    await page.goto(`${base}/admin/forms/new`);
    await page.getByRole("button", { name: "+ Văn bản" }).click();
    await page.getByRole("button", { name: "+ Lựa chọn" }).click();
    const panel = page.getByRole("region", { name: "Thuộc tính trường" });
    // The field just added is the one being edited: a choice, with its options as lines.
    await page.getByLabel("Trường", { exact: true }).selectOption("field2");
    await panel.getByLabel("Nhãn").fill("Giới tính");
    await panel.getByLabel("Các lựa chọn (mỗi dòng một lựa chọn)").fill("Nam\nNữ\nKhác");
    await page.getByLabel("Trường", { exact: true }).selectOption("field1");
    await panel.getByLabel("Nhãn").fill("Họ và tên người đề nghị");
    await panel.getByLabel("Bắt buộc").check();
    await panel.getByLabel("Hướng dẫn").fill("Ghi như trên căn cước");
    await panel.getByLabel("Độ dài tối đa").fill("100");
    const preview = page.locator(".card").filter({ has: page.getByRole("heading", { name: "Xem trước" }) });
    await expect.poll(() => text(preview)).toContain("Họ và tên người đề nghị");
    expect(await text(preview)).toContain("Ghi như trên căn cước");
    expect(await text(preview)).toContain("Giới tính");
    expect(await preview.getByText("Khác", { exact: true }).count()).toBeGreaterThan(0);
    // The JSON followed.
    const schema = JSON.parse(await page.getByLabel("Lược đồ dữ liệu (JSON Schema)").inputValue()) as { required: string[]; properties: Record<string, Record<string, unknown>> };
    expect(schema.required).toEqual(["field1"]);
    expect(schema.properties.field1).toMatchObject({ title: "Họ và tên người đề nghị", description: "Ghi như trên căn cước", maxLength: 100 });
    expect(schema.properties.field2!.oneOf).toEqual([{ const: "a", title: "Nam" }, { const: "b", title: "Nữ" }, { const: "khac", title: "Khác" }]);
    await run.shot(page, "i19-admin-form-properties-laptop");
    await expectNoSeriousA11yViolations(page, "form builder with the property panel");
    await context.close();
    expect(run.pageErrors).toEqual([]);
  });
});
