/**
 * Issue 19, items 9 and 10, in Chromium on a laptop and a 390 × 844 phone: page titles per page; the
 * delegate dialog takes focus, keeps Tab inside, closes on Escape and gives focus back; deleting a row
 * moves focus to a neighbour and says so; "draft saved" is shown beside the button and announced; the
 * workflow diagram is keyboard-reachable, readable at natural size and zoomable; a list with too few
 * members marks the list, not its valid rows. axe-core checks every state (test/support/axe.ts).
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ensureWebBuild } from "../../scripts/web-build";
import { expectNoSeriousA11yViolations } from "../support/axe";
import { openBrowserOn, type BrowserRun } from "../support/browser";
import { createDemoApp, DEMO_UNITS, type DemoApp } from "../support/demo";
import { foundingApplication } from "../support/founding";

const PHONE = { width: 390, height: 844 };
const NOW = "2026-11-24T02:00:00Z";

let run: BrowserRun;
let base = "";
let t: DemoApp;
let dossier = { id: "", code: "" };

beforeAll(async () => {
  await ensureWebBuild();
  t = await createDemoApp("pglite", { now: NOW });
  // A second specialist of Sở Nội vụ, so that the delegate dialog has someone to offer.
  await t.user({ username: "chuyenvien2", displayName: "Hồ Thị Hai", grants: [{ role: "specialist", unitId: DEMO_UNITS.soNoiVu }] });
  const applicant = await t.as("nguoinop");
  const data = await foundingApplication(t, applicant, { name: "Hội Khuyến học xã Đăk Cấm", authorityUnit: DEMO_UNITS.soNoiVu });
  const created = (await (await t.request(applicant, "POST", "/api/instances", { workflow: "association-founding", data })).json()) as { id: string; code: string };
  expect((await t.request(applicant, "POST", `/api/instances/${created.id}/events`, { type: "SUBMIT" })).status).toBe(200);
  dossier = created;
  run = await openBrowserOn(t.app, { now: NOW });
  base = run.base;
}, 180_000);

afterAll(async () => {
  await run?.close();
  await t?.close();
});

const shot = async (page: Page, name: string) => {
  await run.shot(page, name);
  await expectNoSeriousA11yViolations(page, name);
};

/** The focused element's accessible-ish description: tag, name or text. */
const focused = (page: Page) => page.evaluate<string>("(() => { const e = document.activeElement; return e ? `${e.tagName} ${e.getAttribute('aria-label') ?? e.textContent ?? ''}`.trim() : '' })()");
const focusInside = (page: Page, selector: string) => page.evaluate<boolean>(`!!document.activeElement?.closest(${JSON.stringify(selector)})`);

describe("accessibility of the web UI (issue 19, items 9 and 10)", () => {
  test("every page names itself in the browser's title, in Vietnamese", async () => {
    const { context, page } = await run.session();
    await page.goto(`${base}/login`);
    await expect.poll(() => page.title()).toBe("Đăng nhập · Hoso");
    await run.login(page, "chuyenvien");
    for (const [path, title] of [
      ["/inbox", "Hộp công việc · Hoso"],
      ["/dashboard", "Thống kê · Hoso"],
      [`/dossiers/${dossier.id}`, "Chi tiết hồ sơ · Hoso"],
      ["/lookup", "Tra cứu hồ sơ · Hoso"],
      ["/funds", "Công khai Quỹ · Hoso"],
      ["/no-such-page", "Không tìm thấy trang · Hoso"],
    ] as const) {
      await page.goto(`${base}${path}`);
      await expect.poll(() => page.title(), { message: path }).toBe(title);
    }
    // A navigation inside the app (no reload) changes it too.
    await page.goto(`${base}/inbox`);
    await page.getByRole("link", { name: "Thống kê" }).click();
    await expect.poll(() => page.title()).toBe("Thống kê · Hoso");
    await context.close();
  });

  test("the delegate dialog takes focus, keeps Tab inside, closes on Escape and gives focus back to its button", async () => {
    const { context, page } = await run.session();
    await run.login(page, "chuyenvien");
    await page.goto(`${base}/inbox?scope=unit`);
    const row = page.locator("tr", { hasText: dossier.code });
    await row.getByRole("button", { name: "Nhận xử lý" }).click();
    await expect.poll(() => row.getByRole("button", { name: "Giao cho" }).count()).toBe(1);
    const opener = row.getByRole("button", { name: "Giao cho" });
    await opener.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Giao việc cho cán bộ" });
    await expect.poll(() => dialog.getByText("Hồ Thị Hai").count()).toBe(1);
    expect(await focusInside(page, "dialog")).toBe(true);
    // Tab and Shift+Tab go round inside the dialog, never to the page behind it.
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press("Tab");
      expect(await focusInside(page, "dialog"), `Tab ${i + 1}: ${await focused(page)}`).toBe(true);
    }
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press("Shift+Tab");
      expect(await focusInside(page, "dialog"), `Shift+Tab ${i + 1}: ${await focused(page)}`).toBe(true);
    }
    await expectNoSeriousA11yViolations(page, "delegate dialog open");
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => opener.evaluate((e) => e === e.ownerDocument.activeElement)).toBe(true);

    // Cancel gives focus back too; a click on the backdrop closes it.
    await opener.click();
    await dialog.getByRole("button", { name: "Hủy" }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => opener.evaluate((e) => e === e.ownerDocument.activeElement)).toBe(true);
    await opener.click();
    await dialog.waitFor();
    await page.mouse.click(5, 5);
    await expect.poll(() => dialog.count()).toBe(0);
    await context.close();
  });

  test("deleting a row moves focus to its neighbour and says so; a list with too few members marks the list, not its valid row", async () => {
    const { context, page } = await run.session();
    await run.login(page, "nguoinop");
    await page.goto(`${base}/procedures/association-founding/new`);
    await page.getByLabel("Tên hội bằng tiếng Việt").fill("Hội Người cao tuổi xã Ngọk Réo");
    const scope = page.getByLabel("Phạm vi hoạt động");
    await scope.selectOption((await scope.locator("option", { hasText: "Tỉnh" }).first().getAttribute("value"))!);
    const add = page.getByRole("button", { name: "Thêm dòng" }).first();
    for (let i = 0; i < 3; i++) await add.click();
    const cards = page.locator(".array-card");
    await expect.poll(() => cards.count()).toBe(3);
    await cards.nth(0).getByLabel("Họ và tên").fill("Người thứ nhất");
    await cards.nth(1).getByLabel("Họ và tên").fill("Người thứ hai");

    // Remove row 1: focus goes to the row that took its place, and the change is said aloud.
    await page.getByRole("button", { name: "Xóa Dòng 1" }).click();
    await expect.poll(() => cards.count()).toBe(2);
    expect(await focused(page)).toBe("BUTTON Xóa Dòng 1");
    expect(await cards.nth(0).getByLabel("Họ và tên").inputValue()).toBe("Người thứ hai");
    const members = page.locator("fieldset.array", { has: page.getByRole("button", { name: "Xóa Dòng 1" }) });
    expect(await members.getByRole("status").innerText()).toBe("Đã xóa dòng 1. Còn 2 dòng.");
    // Remove the last row: focus to the row before it; remove that one: focus to "add a row".
    await page.getByRole("button", { name: "Xóa Dòng 2" }).click();
    await expect.poll(() => cards.count()).toBe(1);
    expect(await focused(page)).toBe("BUTTON Xóa Dòng 1");

    // One member, fully and validly filled, on a provincial committee that needs five.
    const one = cards.nth(0);
    await one.getByLabel("Họ và tên").fill("Nguyễn Văn Hùng");
    await one.getByLabel("Năm sinh").fill("1958");
    await one.getByLabel("Số CCCD").fill("062058001234");
    await one.getByLabel("Chức danh").selectOption({ index: 1 });
    await page.getByRole("button", { name: "Nộp hồ sơ" }).click();
    const listError = page.locator("fieldset.array-invalid .field-error", { hasText: "Ban vận động cấp tỉnh phải có ít nhất 5 thành viên" });
    await expect.poll(() => listError.count()).toBe(1);
    // The list is marked and described by its error; the valid row's inputs are neither invalid nor red.
    const list = page.locator("fieldset.array-invalid", { has: page.locator(".field-error", { hasText: "Ban vận động cấp tỉnh phải có ít nhất 5 thành viên" }) });
    expect(await list.getAttribute("aria-describedby")).toBe(await listError.getAttribute("id"));
    expect(await one.locator("[aria-invalid=true]").count()).toBe(0);
    expect(await one.locator(".field-error").count()).toBe(0);
    const borders = await one.locator(".input").evaluateAll((inputs) => inputs.map((i) => i.ownerDocument.defaultView!.getComputedStyle(i).borderTopColor));
    expect(borders.length).toBeGreaterThan(3);
    expect(borders.filter((b) => b === "rgb(180, 35, 24)")).toEqual([]);
    await one.scrollIntoViewIfNeeded();
    await shot(page, "a11y-01-list-too-short-row-valid");

    // The last row gone: focus on "add a row".
    await page.getByRole("button", { name: "Xóa Dòng 1" }).click();
    await expect.poll(() => cards.count()).toBe(0);
    expect(await focused(page)).toBe("BUTTON + Thêm dòng");
    await context.close();
  });

  test("'draft saved' appears beside the button pressed and is announced", async () => {
    for (const [viewport, name] of [
      [undefined, "a11y-02-draft-saved"],
      [PHONE, "a11y-03-phone-draft-saved"],
    ] as const) {
      const { context, page } = await run.session(viewport);
      await run.login(page, "nguoinop");
      await page.goto(`${base}/procedures/association-founding/new`);
      await page.getByLabel("Tên hội bằng tiếng Việt").fill("Hội Cựu thanh niên xung phong xã Đăk Rơ Wa");
      const save = page.getByRole("button", { name: "Lưu nháp" });
      await save.click();
      const status = page.locator(".form-actions [role=status]");
      await expect.poll(() => status.innerText()).toMatch(/Đã lưu nháp hồ sơ KT-\d{4}-[0-9A-Z]{6}\./);
      await page.waitForURL(/\/dossiers\/[0-9a-f-]{36}\/edit$/);
      // Still there after the address became the draft's, and on screen where the person is looking.
      expect(await status.innerText()).toMatch(/Đã lưu nháp/);
      expect(await status.isVisible()).toBe(true);
      const box = (await status.boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(page.viewportSize()!.height);
      await page.screenshot({ path: `test-artifacts/screenshots/${name}-viewport.png` });
      await shot(page, name);
      await context.close();
    }
  });

  test("the workflow diagram is reachable by keyboard, readable at natural size and zoomable, on a laptop and a phone", async () => {
    for (const [viewport, name] of [
      [undefined, "a11y-04-diagram"],
      [PHONE, "a11y-05-phone-diagram"],
    ] as const) {
      const { context, page } = await run.session(viewport);
      await run.login(page, "chuyenvien");
      await page.goto(`${base}/dossiers/${dossier.id}`);
      const frame = page.getByRole("group", { name: "Sơ đồ quy trình" });
      const svg = frame.locator("svg");
      await svg.waitFor();
      expect(await frame.getAttribute("tabindex")).toBe("0");
      expect(await svg.getAttribute("aria-label")).toContain("Bước hiện tại: Thẩm định hồ sơ công nhận ban vận động");
      // Step names at 12 px on screen, whatever the screen: the picture scrolls rather than shrinks.
      const stepTextPx = () => svg.evaluate((s) => Math.min(...[...s.querySelectorAll(".node text")].map((t) => t.getBoundingClientRect().height)));
      expect(await stepTextPx()).toBeGreaterThanOrEqual(12);
      // The current step is in view when the page opens.
      const active = svg.locator(".node-active rect");
      const inFrame = () =>
        active.evaluate((r) => {
          const a = r.getBoundingClientRect();
          const f = r.closest(".diagram")!.getBoundingClientRect();
          return a.left >= f.left - 1 && a.right <= f.right + 1;
        });
      expect(await inFrame()).toBe(true);
      await shot(page, name);
      await frame.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `test-artifacts/screenshots/${name}-viewport.png` });

      const zoom = page.locator(".diagram-zoom");
      expect(await zoom.innerText()).toBe("100%");
      await page.getByRole("button", { name: "Xem toàn bộ" }).click();
      const fits = () => svg.evaluate((s) => s.getBoundingClientRect().width <= s.closest(".diagram")!.clientWidth);
      await expect.poll(fits).toBe(true);
      await frame.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `test-artifacts/screenshots/${name}-whole.png` });
      await page.getByRole("button", { name: "Phóng to" }).click();
      // "Cỡ thật" is disabled at 100 %: one step up from the whole picture may land there already.
      const natural = page.getByRole("button", { name: "Cỡ thật" });
      if (await natural.isEnabled()) await natural.click();
      await expect.poll(() => zoom.innerText()).toBe("100%");
      await expect.poll(() => natural.isDisabled()).toBe(true);
      // The keyboard zooms inside the frame: + enlarges, − shrinks, 0 is natural size.
      await frame.focus();
      await page.keyboard.press("+");
      await expect.poll(() => zoom.innerText()).toBe("125%");
      expect(await stepTextPx()).toBeGreaterThanOrEqual(14.5);
      await page.keyboard.press("-");
      await page.keyboard.press("-");
      await expect.poll(() => zoom.innerText()).toBe("80%");
      await page.keyboard.press("0");
      await expect.poll(() => zoom.innerText()).toBe("100%");
      // The page itself never scrolls sideways: only the diagram's frame does.
      expect(await page.evaluate<boolean>("document.documentElement.scrollWidth <= window.innerWidth + 1")).toBe(true);
      await expectNoSeriousA11yViolations(page, `${name} after zooming`);
      await context.close();
    }
  });

  test("the main pages on a phone: no serious axe violation and nothing sticking out sideways", async () => {
    for (const [who, paths] of [
      [null, ["/login", "/lookup", `/lookup/${dossier.code}`, "/funds"]],
      ["nguoinop", ["/procedures", "/my", `/dossiers/${dossier.id}`]],
      ["chuyenvien", ["/inbox?scope=unit", "/dashboard", "/fund-desk"]],
    ] as const) {
      const { context, page } = await run.session(PHONE);
      if (who) await run.login(page, who);
      for (const path of paths) {
        await page.goto(`${base}${path}`);
        await page.waitForLoadState("networkidle");
        await page.locator("#main h1").first().waitFor();
        await expectNoSeriousA11yViolations(page, `phone ${path}`);
        expect(await page.evaluate<boolean>("document.documentElement.scrollWidth <= window.innerWidth + 1"), path).toBe(true);
      }
      await context.close();
    }
  });

  test("no page threw a script error", () => {
    expect(run.pageErrors).toEqual([]);
  });
});
