/**
 * The daily work in a real browser (issue 19, items 1, 2, 4, 5), walked as the person who meets it,
 * on a laptop and on a 390 × 844 phone: the inbox opens where the work is, with counts per tab, a
 * "done by me" view and empty states that say where the work is; the applicant's dossier leads with
 * the supplement asked of him and its answer form repeats the list; a progress line of the steps;
 * a report sent back reopens with the figures last sent; the notifications bell and page. The server
 * and the pages live at one frozen instant. Screenshots go to `test-artifacts/screenshots/`.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ensureWebBuild } from "../../scripts/web-build";
import { instances } from "../../server/db/schema";
import { createDemoApp, DEMO_UNITS, type DemoApp } from "../support/demo";
import { openBrowserOn, type BrowserRun } from "../support/browser";
import { foundingApplication } from "../support/founding";
import type { TestUser } from "../support/harness";

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1360, height: 900 };
const VIEWPORTS = [
  ["laptop", LAPTOP],
  ["phone", PHONE],
] as const;
/** A Tuesday morning in Vietnam. */
const NOW = "2026-11-24T02:00:00Z";
const ASKED = ["Bản sao CCCD của trưởng ban vận động", "Biên bản họp ban vận động có đủ chữ ký"];

let run: BrowserRun;
let base = "";
let t: DemoApp;
let nguoinop: TestUser;
let chuyenvien: TestUser;
/** Proposed by chuyenvien: waits, unclaimed, for the leader. */
const proposed = { id: "", code: "" };
/** Sent back to nguoinop for a supplement. */
const supplement = { id: "", code: "" };
/** Sa Thầy's report of the demo plan, sent back by the drafter. */
let reportId = "";

async function submitted(name: string) {
  const data = await foundingApplication(t, nguoinop, { name, authorityUnit: DEMO_UNITS.soNoiVu });
  const res = await t.request(nguoinop, "POST", "/api/instances", { workflow: "association-founding", data });
  const dossier = (await res.json()) as { id: string; code: string };
  expect((await t.request(nguoinop, "POST", `/api/instances/${dossier.id}/events`, { type: "SUBMIT" })).status).toBe(200);
  return dossier;
}

beforeAll(async () => {
  await ensureWebBuild();
  t = await createDemoApp("pglite", { now: NOW });
  [nguoinop, chuyenvien] = await Promise.all([t.as("nguoinop"), t.as("chuyenvien")]);
  Object.assign(proposed, await submitted("Hội Khuyến học xã Ngọk Réo"));
  const propose = await t.request(chuyenvien, "POST", `/api/instances/${proposed.id}/events`, {
    type: "PROPOSE",
    data: { summary: "Hồ sơ đủ điều kiện, đề nghị công nhận ban vận động." },
  });
  expect(propose.status, await propose.clone().text()).toBe(200);
  Object.assign(supplement, await submitted("Hội Cựu giáo chức xã Đăk Pxi"));
  const ask = await t.request(chuyenvien, "POST", `/api/instances/${supplement.id}/events`, {
    type: "REQUEST_SUPPLEMENT",
    data: { items: ASKED, note: "Nộp bản có chứng thực.", replyBy: "2026-12-04" },
  });
  expect(ask.status, await ask.clone().text()).toBe(200);

  // Sa Thầy's report (58 households, 4.700.000 ₫ spent) is sent back with one item to correct.
  const drafter = await t.as("mttqPhongTrao");
  const [report] = await t.services.database.db
    .select({ id: instances.id })
    .from(instances)
    .where(and(eq(instances.workflowKey, "unit-report"), sql`'review' = any(${instances.state})`, sql`${instances.snapshot}->'context'->'data'->>'unitId' = ${DEMO_UNITS.saThay}`));
  reportId = report!.id;
  const back = await t.request(drafter, "POST", `/api/instances/${reportId}/events`, { type: "REQUEST_SUPPLEMENT", data: { items: ["Số hộ tham gia chưa khớp biên bản nghiệm thu"] } });
  expect(back.status, await back.clone().text()).toBe(200);
  await t.user({ username: "sathay", displayName: "Rơ Châm Thủy (MTTQ huyện Sa Thầy)", password: "demo", grants: [{ role: "specialist", unitId: DEMO_UNITS.saThay }] });

  // The outbox becomes notifications, as the worker would do.
  while ((await t.services.notifications.dispatch(100)) > 0);

  run = await openBrowserOn(t.app, { now: NOW });
  base = run.base;
}, 180_000);

afterAll(async () => {
  await run?.close();
  await t?.close();
});

const shot = (page: Page, name: string) => run.shot(page, name);

/** What people read on the page must never be raw JSON, an undefined value, an ISO date or an id. */
async function readable(page: Page) {
  const text = await page.locator("#main").innerText();
  expect(text).not.toMatch(/[{[]\s*"[\w$]+"\s*:/);
  expect(text).not.toMatch(/\bundefined\b|\bnull\b|\[object Object\]|NaN/);
  expect(text).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
  expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
  return text;
}

async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate<boolean>("document.documentElement.scrollWidth <= window.innerWidth + 1");
}

describe.each(VIEWPORTS)("the daily work in Chromium on a %s", (device, viewport) => {
  test("the leader's inbox opens on the unit's tab, where the proposal waits; tabs show counts", async () => {
    const { context, page } = await run.session(viewport);
    await run.login(page, "lanhdao");
    await page.goto(`${base}/inbox`);
    const unitTab = page.getByRole("tab", { name: /^Việc của đơn vị/ });
    await expect.poll(() => unitTab.getAttribute("aria-selected")).toBe("true");
    await expect.poll(() => page.locator("tr", { hasText: proposed.code }).count()).toBe(1);
    const counts = (await (await page.request.get(`${base}/api/tasks/counts`)).json()) as { mine: number; unit: number; unclaimed: number; done: number };
    expect(counts.mine).toBe(0);
    expect(await unitTab.locator(".tab-count").innerText()).toBe(String(counts.unit));
    expect(await unitTab.innerText()).toContain(`${counts.unclaimed} chưa nhận`);
    expect(await page.getByRole("tab", { name: /^Việc của tôi/ }).locator(".tab-count").innerText()).toBe("0");
    expect(await fitsWidth(page)).toBe(true);
    await readable(page);
    await shot(page, `31-${device}-leader-inbox-opens-on-unit`);

    // His own tab is empty, and says where the work is.
    await page.getByRole("tab", { name: /^Việc của tôi/ }).click();
    await expect.poll(() => page.getByText("Bạn chưa nhận công việc nào.").count()).toBe(1);
    const hint = page.getByText(/Đơn vị đang có \d+ việc chưa có người nhận/);
    expect(await hint.count()).toBe(1);
    // In sight without scrolling, phone included.
    expect((await hint.boundingBox())!.y).toBeLessThan(viewport.height);
    await shot(page, `32-${device}-inbox-empty-hint`);
    await page.getByRole("button", { name: "Xem việc của đơn vị" }).click();
    await expect.poll(() => unitTab.getAttribute("aria-selected")).toBe("true");

    // Claiming keeps the page on its tab and moves the counts.
    await page.locator("tr", { hasText: proposed.code }).getByRole("button", { name: "Nhận xử lý" }).click();
    await expect.poll(() => page.getByRole("tab", { name: /^Việc của tôi/ }).locator(".tab-count").innerText()).toBe("1");
    expect(await unitTab.getAttribute("aria-selected")).toBe("true");
    await page.locator("tr", { hasText: proposed.code }).getByRole("button", { name: "Trả lại việc" }).click();
    await expect.poll(() => page.getByRole("tab", { name: /^Việc của tôi/ }).locator(".tab-count").innerText()).toBe("0");
    await context.close();
  });

  test("the specialist finds what he finished under “Đã xử lý”, and sorts by due date or newest", async () => {
    const { context, page } = await run.session(viewport);
    await run.login(page, "chuyenvien");
    await page.goto(`${base}/inbox?scope=unit`);
    if (device === "phone") {
      // The filters fold away on a phone, the tasks first.
      await page.locator("tbody tr").first().waitFor();
      expect(await page.getByLabel("Sắp xếp").isVisible()).toBe(false);
      await page.getByText("Tìm kiếm, lọc và sắp xếp").click();
    }
    await page.getByLabel("Sắp xếp").waitFor();
    expect(await page.getByLabel("Sắp xếp").inputValue()).toBe("due");
    await page.getByRole("tab", { name: /^Đã xử lý/ }).click();
    const row = page.locator("tr", { hasText: proposed.code });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.innerText()).toContain("24/11/2026");
    expect(await page.locator("tr", { hasText: supplement.code }).count()).toBe(1);
    // Finished work offers no claim.
    expect(await page.getByRole("button", { name: "Nhận xử lý" }).count()).toBe(0);
    expect(await page.getByLabel("Sắp xếp").count()).toBe(0);
    expect(await fitsWidth(page)).toBe(true);
    await readable(page);
    await shot(page, `33-${device}-inbox-done`);
    await page.getByRole("tab", { name: /^Việc của đơn vị/ }).click();
    await page.getByLabel("Sắp xếp").selectOption("newest");
    await page.waitForURL(/sort=newest/);
    await page.getByLabel("Tìm kiếm").fill("không có hồ sơ nào như thế");
    await page.getByRole("button", { name: "Tìm kiếm" }).click();
    await expect.poll(() => page.getByText("Không có công việc nào phù hợp bộ lọc.").count()).toBe(1);
    await page.getByRole("button", { name: "Xóa bộ lọc" }).click();
    await expect.poll(() => page.locator("tbody tr").count()).toBeGreaterThan(0);
    await context.close();
  });

  test("the applicant's dossier leads with the supplement asked: items, reply deadline, the answer form repeating them; a progress line", async () => {
    const { context, page } = await run.session(viewport);
    await run.login(page, "nguoinop");
    // His own task list says the clock is paused, not "—".
    await page.goto(`${base}/inbox?scope=mine`);
    const own = page.locator("tr", { hasText: supplement.code });
    await expect.poll(() => own.locator(".badge-paused").allInnerTexts()).toEqual(["Tạm dừng — chờ bổ sung"]);
    expect(await own.getByRole("button").count()).toBe(0);
    await page.goto(`${base}/dossiers/${supplement.id}`);
    const card = page.locator("section.supplement-request");
    await card.getByRole("heading", { name: "Cơ quan giải quyết yêu cầu bổ sung hồ sơ" }).waitFor();
    for (const item of ASKED) expect(await card.getByRole("listitem").filter({ hasText: item }).count()).toBe(1);
    expect(await card.innerText()).toContain("Nộp bản có chứng thực.");
    // The reply date the specialist set, beside the paused legal clock.
    expect(await card.innerText()).toMatch(/Hạn nộp bổ sung:\s*04\/12\/2026/);
    expect(await card.innerText()).toContain("Tạm dừng — chờ bổ sung");
    expect(await card.innerText()).toMatch(/còn \d+ ngày làm việc để giải quyết/);
    expect(await card.innerText()).toContain("Trần Thị Chuyên");
    // It leads: above the actions and the data, and within the first screen on a phone.
    const cardBox = (await card.boundingBox())!;
    const actionsBox = (await page.locator("#actions").boundingBox())!;
    const dataBox = (await page.getByRole("heading", { name: "Thông tin hồ sơ" }).boundingBox())!;
    expect(cardBox.y).toBeLessThan(actionsBox.y);
    expect(cardBox.y).toBeLessThan(dataBox.y);
    expect(cardBox.y).toBeLessThan(viewport.height);
    // The progress line: each step entered with its date, the current one marked.
    const progress = page.locator("section.progress-card");
    const steps = await progress.getByRole("listitem").allInnerTexts();
    expect(steps.map((s) => s.split("\n")[0])).toEqual(["Đang soạn hồ sơ", "Thẩm định hồ sơ công nhận ban vận động", "Chờ bổ sung hồ sơ (ban vận động)"]);
    expect(steps.at(-1)).toContain("24/11/2026 · đang ở bước này");
    expect(await progress.locator("[aria-current=step]").count()).toBe(1);
    expect(await fitsWidth(page)).toBe(true);
    await readable(page);
    await shot(page, `34-${device}-applicant-supplement-asked`);

    await card.getByRole("button", { name: "Nộp bổ sung" }).click();
    const form = page.getByRole("region", { name: "Nộp bổ sung" });
    await form.waitFor();
    for (const item of ASKED) expect(await form.getByRole("listitem").filter({ hasText: item }).count()).toBe(1);
    expect(await form.innerText()).toContain("Hạn nộp bổ sung");
    expect(await fitsWidth(page)).toBe(true);
    await shot(page, `35-${device}-applicant-supplement-form`);
    await context.close();
  });

  test("a report sent back reopens with the figures last sent", async () => {
    const { context, page } = await run.session(viewport);
    await run.login(page, "sathay");
    await page.goto(`${base}/dossiers/${reportId}`);
    const card = page.locator("section.supplement-request");
    await expect.poll(() => card.getByText("Số hộ tham gia chưa khớp biên bản nghiệm thu").count()).toBe(1);
    // A report has no legal clock: no word of a paused one.
    expect(await card.innerText()).not.toContain("Hạn nộp bổ sung");
    await card.getByRole("button", { name: "Gửi báo cáo" }).click();
    const form = page.getByRole("region", { name: "Gửi báo cáo" });
    await expect.poll(() => form.getByText(/Biểu mẫu đã điền sẵn số liệu bạn gửi lần trước \(\d\d\/\d\d\/2023\)/).count()).toBe(1);
    const values = await form.locator("input").evaluateAll((inputs) => inputs.map((i) => (i as unknown as { value: string }).value));
    expect(values).toContain("58");
    expect(values).toContain("4.700.000");
    expect(await form.locator("textarea").first().inputValue()).toBe("Mô hình được duy trì, nhân dân đồng thuận tham gia.");
    expect(await fitsWidth(page)).toBe(true);
    await shot(page, `36-${device}-report-sent-back-prefilled`);
    await context.close();
  });

  test("the bell shows the unread count; the page lists them and marks them read", async () => {
    const { context, page } = await run.session(viewport);
    await run.login(page, "nguoinop");
    await page.goto(`${base}/my`);
    const bell = page.locator("a.bell");
    const unread = async () => ((await (await page.request.get(`${base}/api/notifications?unread=1&pageSize=1`)).json()) as { unread: number }).unread;
    const before = await unread();
    expect(before).toBeGreaterThan(1);
    await expect.poll(() => bell.getAttribute("aria-label")).toBe(`Thông báo, ${before} chưa đọc`);
    expect(await bell.locator(".bell-count").innerText()).toBe(String(before));
    expect(await bell.isVisible()).toBe(true);
    const box = (await bell.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
    await shot(page, `37-${device}-bell`);
    await bell.click();
    await page.getByRole("heading", { name: "Thông báo của bạn" }).waitFor();
    const items = page.locator(".notification");
    await expect.poll(() => items.count()).toBeGreaterThan(1);
    expect(await items.first().innerText()).toContain(supplement.code);
    expect(await fitsWidth(page)).toBe(true);
    await readable(page);
    await shot(page, `38-${device}-notifications`);

    await items.first().getByRole("button", { name: "Đánh dấu đã đọc" }).click();
    await expect.poll(() => bell.locator(".bell-count").innerText()).toBe(String(before - 1));
    await page.getByRole("button", { name: "Đánh dấu tất cả đã đọc" }).click();
    await expect.poll(() => bell.locator(".bell-count").count()).toBe(0);
    expect(await bell.getAttribute("aria-label")).toBe("Thông báo");
    expect(await page.locator(".notification.is-unread").count()).toBe(0);
    await shot(page, `39-${device}-notifications-read`);
    // The next viewport's walk starts with unread notifications again.
    await t.services.database.db.execute(sql`update notifications set read_at = null where user_id = ${nguoinop.id}`);
    await context.close();
  });
});

describe("the applicant answers the supplement", () => {
  test("sending “Nộp bổ sung” takes the request off the page", async () => {
    const { context, page } = await run.session(PHONE);
    await run.login(page, "nguoinop");
    await page.goto(`${base}/dossiers/${supplement.id}`);
    await page.locator("section.supplement-request").getByRole("button", { name: "Nộp bổ sung" }).click();
    const form = page.getByRole("region", { name: "Nộp bổ sung" });
    await form.getByLabel("Giải trình, ghi chú").fill("Đã bổ sung bản sao CCCD và biên bản họp.");
    await form.getByRole("button", { name: "Xác nhận" }).click();
    await expect.poll(() => page.locator("section.supplement-request").count()).toBe(0);
    const steps = await page.locator("section.progress-card").getByRole("listitem").allInnerTexts();
    expect(steps.at(-1)).toContain("Thẩm định hồ sơ công nhận ban vận động");
    await shot(page, "40-phone-after-supplement");
    await context.close();
  });

  test("no page threw a script error", () => {
    expect(run.pageErrors).toEqual([]);
  });
});
