/**
 * Officials' pages and the plan pages in a real browser (Debian's Chromium driven by playwright-core),
 * on the seeded demo: the inbox with its due-date badges, the delegate dialog, the dashboard, a
 * dossier's timeline naming who acted, the plan's live tracking and compiled summary, and the
 * applicant's "my dossiers" on a phone. Screenshots go to `test-artifacts/screenshots/`; the
 * assertions are on what people read, not on pixels.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ensureWebBuild } from "../../scripts/web-build";
import { addCalendarDays, toVietnamDate } from "../../workflows/calendar";
import { instances, tasks } from "../../server/db/schema";
import { END_OF_DAY, vietnamInstant } from "../../server/services/vietnam-time";
import { createDemoApp, DEMO_UNITS, type DemoApp } from "../support/demo";
import { expectNoSeriousA11yViolations } from "../support/axe";
import { openBrowserOn, type BrowserRun } from "../support/browser";
import { foundingApplication } from "../support/founding";
import type { TestUser } from "../support/harness";

const PHONE = { width: 390, height: 844 };
/** A Tuesday morning in Vietnam: the server and the pages both live at this instant, whatever the real date. */
const NOW = "2026-11-24T02:00:00Z";

let run: BrowserRun;
let base = "";
let t: DemoApp;
/** Three dossiers submitted to Sở Nội vụ for this test: overdue, due soon, on time. */
const codes: { overdue: string; soon: string; later: string } = { overdue: "", soon: "", later: "" };
let planId = "";

/** Starts and submits a founding dossier as nguoinop; its review task is due `days` calendar days from today. */
async function submittedWithDue(applicant: TestUser, name: string, days: number): Promise<string> {
  const data = await foundingApplication(t, applicant, { name, authorityUnit: DEMO_UNITS.soNoiVu });
  const { id, code } = (await (await t.request(applicant, "POST", "/api/instances", { workflow: "association-founding", data })).json()) as { id: string; code: string };
  expect((await t.request(applicant, "POST", `/api/instances/${id}/events`, { type: "SUBMIT" })).status).toBe(200);
  const today = toVietnamDate(t.clock.now());
  const due = vietnamInstant(addCalendarDays(today, days), END_OF_DAY);
  await t.services.database.db.update(tasks).set({ dueAt: due }).where(and(eq(tasks.instanceId, id), isNull(tasks.closedAt)));
  return code;
}

beforeAll(async () => {
  await ensureWebBuild();
  t = await createDemoApp("pglite", { now: NOW });
  // A second specialist of Sở Nội vụ, so that a task can be handed to someone.
  await t.user({ username: "chuyenvien2", displayName: "Hồ Thị Hai", grants: [{ role: "specialist", unitId: DEMO_UNITS.soNoiVu }] });
  const nguoinop = await t.as("nguoinop");
  // Calendar days from Tuesday 24/11/2026 chosen so that the working-day badges read: 3 days over, 1 day left, on time.
  codes.overdue = await submittedWithDue(nguoinop, "Hội Nuôi ong huyện Kon Rẫy", -5);
  codes.soon = await submittedWithDue(nguoinop, "Hội Làm vườn xã Ngọk Bay", 1);
  codes.later = await submittedWithDue(nguoinop, "Hội Sinh vật cảnh huyện Đăk Tô", 20);
  // One district report of the demo plan is sent back once, so tracking shows every kind of status.
  const drafter = await t.as("mttqPhongTrao");
  const plans = (await (await t.request(drafter, "GET", "/api/instances?workflow=plan")).json()) as { items: { id: string }[] };
  planId = plans.items[0]!.id;
  const [inReview] = await t.services.database.db
    .select({ id: instances.id })
    .from(instances)
    .where(and(eq(instances.parentId, planId), sql`'review' = any(${instances.state})`));
  const sentBack = await t.request(drafter, "POST", `/api/instances/${inReview!.id}/events`, { type: "REQUEST_SUPPLEMENT", data: { items: ["Số hộ tham gia chưa khớp biên bản nghiệm thu"] } });
  expect(sentBack.status, await sentBack.clone().text()).toBe(200);

  run = await openBrowserOn(t.app, { now: NOW });
  base = run.base;
}, 180_000);

afterAll(async () => {
  await run?.close();
  await t?.close();
});

const session = (viewport?: { width: number; height: number }) => run.session(viewport);
/** Every state worth a screenshot is also checked by axe: no serious or critical accessibility violation. */
const shot = async (page: Page, name: string) => {
  await run.shot(page, name);
  await expectNoSeriousA11yViolations(page, name);
};
const login = (page: Page, username: string) => run.login(page, username);

/** What people read on the page must never be raw JSON or an undefined value. */
async function readable(page: Page) {
  const text = await page.locator("#main").innerText();
  if (process.env.DUMP_TEXT) console.log(text);
  expect(text).not.toMatch(/[{[]\s*"[\w$]+"\s*:/);
  expect(text).not.toMatch(/\bundefined\b|\bnull\b|\[object Object\]|NaN/);
  // Nor machine forms of values: ISO dates, ids, event names.
  expect(text).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
  expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
  expect(text).not.toMatch(/\b[A-Z]+_[A-Z_]+\b/);
  return text;
}

/** True when nothing sticks out sideways (a phone must not need horizontal scrolling). */
async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate<boolean>("document.documentElement.scrollWidth <= window.innerWidth + 1");
}

describe("officials' pages, the plan pages and the applicant on a phone, in Chromium", () => {
  test("the unit's inbox shows overdue, due-soon and on-time badges, soonest first", async () => {
    const { context, page } = await session();
    await login(page, "chuyenvien");
    await page.goto(`${base}/inbox?scope=unit`);
    const row = (code: string) => page.locator("tr", { hasText: code });
    await expect.poll(() => row(codes.later).count()).toBe(1);
    await expect.poll(() => row(codes.overdue).locator(".badge-overdue").innerText()).toMatch(/^Quá \d+ ngày$/);
    expect(await row(codes.soon).locator(".badge-soon").innerText()).toBe("Còn 1 ngày");
    expect(await row(codes.later).locator(".badge-ok").count()).toBe(1);
    const order = await page.locator("tbody tr .code").allInnerTexts();
    expect(order.indexOf(codes.overdue)).toBeLessThan(order.indexOf(codes.soon));
    expect(order.indexOf(codes.soon)).toBeLessThan(order.indexOf(codes.later));
    await readable(page);
    await shot(page, "21-inbox-due-badges");
    await context.close();
  });

  test("the delegate dialog lists the unit's specialists and hands the task over", async () => {
    const { context, page } = await session();
    await login(page, "chuyenvien");
    await page.goto(`${base}/inbox?scope=unit`);
    const row = page.locator("tr", { hasText: codes.soon });
    await row.getByRole("button", { name: "Nhận xử lý" }).click();
    await expect.poll(() => row.getByText("Trần Thị Chuyên").count()).toBe(1);
    await row.getByRole("button", { name: "Giao cho" }).click();
    const dialog = page.getByRole("dialog", { name: "Giao việc cho cán bộ" });
    await expect.poll(() => dialog.getByText("Hồ Thị Hai").count()).toBe(1);
    const legend = await dialog.locator("legend").innerText();
    expect(legend).toContain("chuyên viên");
    expect(legend).toContain("Sở Nội vụ");
    expect(await dialog.getByRole("radio").count()).toBe(2);
    expect(await dialog.getByText("đang xử lý, bạn").count()).toBe(1);
    expect(await dialog.getByRole("button", { name: "Giao cho" }).isDisabled()).toBe(true);
    await expectNoSeriousA11yViolations(page, "delegate dialog, nobody chosen");
    await dialog.getByText("Hồ Thị Hai").click();
    await shot(page, "22-delegate-dialog");
    await dialog.getByRole("button", { name: "Giao cho" }).click();
    await expect.poll(() => row.getByText("Hồ Thị Hai").count()).toBe(1);
    await context.close();
  });

  test("a dossier's timeline names who acted", async () => {
    const { context, page } = await session();
    await login(page, "chuyenvien");
    await page.goto(`${base}/inbox?scope=unit`);
    await page.getByRole("link", { name: codes.later }).click();
    const timeline = page.locator(".timeline");
    await expect.poll(() => timeline.getByText("Nguyễn Văn Nộp").count()).toBeGreaterThan(0);
    await readable(page);
    await expectNoSeriousA11yViolations(page, "specialist's dossier with its timeline");
    await context.close();
  });

  test("the dashboard shows the server's figures: steps, punctuality per unit, the overdue list", async () => {
    const { context, page } = await session();
    await login(page, "lanhdao");
    await page.goto(`${base}/dashboard`);
    await page.getByRole("heading", { name: "Hồ sơ theo thủ tục và bước" }).waitFor();
    const figures = (await (await page.request.get(`${base}/api/dashboard`)).json()) as { totals: { dossiers: number }; units: { unitName: string }[] };
    await expect.poll(() => page.locator(".kpi-value").first().innerText()).toBe(figures.totals.dossiers.toLocaleString("vi-VN"));
    expect(await page.getByRole("heading", { name: "Thành lập hội" }).count()).toBeGreaterThan(0);
    const onTime = page.locator("section", { has: page.getByRole("heading", { name: "Tỉ lệ đúng hạn theo đơn vị" }) });
    for (const u of figures.units) expect(await onTime.getByRole("cell", { name: u.unitName, exact: true }).count()).toBe(1);
    expect(await onTime.getByRole("img").count()).toBe(figures.units.length);
    const overdue = page.locator("section", { has: page.getByRole("heading", { name: "Hồ sơ quá hạn" }) });
    expect(await overdue.getByRole("link", { name: codes.overdue }).count()).toBe(1);
    expect(await page.getByRole("img", { name: /Tỉ lệ đúng hạn chung: (\d+,\d%|—)/ }).count()).toBe(1);
    await readable(page);
    await shot(page, "23-dashboard");
    await context.close();
  });

  test("the drafter follows the plan's reports live and opens the compiled summary with its exports", async () => {
    const { context, page } = await session();
    await login(page, "mttq.phongtrao");
    await page.goto(`${base}/dossiers/${planId}`);
    await page.getByRole("link", { name: "Theo dõi báo cáo" }).click();
    await page.waitForURL(`${base}/plans/${planId}/tracking`);
    await page.getByRole("heading", { name: "Theo dõi báo cáo của các đơn vị" }).waitFor();
    const rows = page.locator("tbody tr");
    await expect.poll(() => rows.count()).toBe(10);
    // Four never reported; the one sent back after the deadline is late again until it is corrected.
    expect(await page.locator("tbody .st-late").count()).toBe(5);
    expect(await page.locator("tbody .st-accepted").count()).toBe(5);
    expect(await page.locator("tbody .st-sentBack").count()).toBe(1);
    expect(await rows.filter({ hasText: "Bị trả lại" }).getByText("Trả lại 1 lần").count()).toBe(1);
    // The silent districts were reminded on 02/12 and 04/12/2023 by their timers.
    expect(await rows.filter({ hasText: "02/12/2023, 04/12/2023" }).count()).toBe(4);
    expect(await page.getByText("Hạn báo cáo 05/12/2023").count()).toBe(1);
    await readable(page);
    await shot(page, "24-plan-tracking");

    // A silent district's report: its history tells of the reminders and the late mark, in words.
    await rows.filter({ hasText: "Kon Plông" }).getByRole("link").click();
    await page.waitForURL(/\/dossiers\//);
    await page.locator(".timeline").waitFor();
    await shot(page, "27-late-report");
    await readable(page);
    await page.goBack();

    await page.getByRole("link", { name: "Xem báo cáo tổng hợp" }).click();
    await page.waitForURL(`${base}/plans/${planId}/summary`);
    const indicators = page.locator("section", { has: page.getByRole("heading", { name: "Chỉ tiêu", exact: true }) });
    await expect.poll(() => indicators.locator("tbody tr").count()).toBe(2);
    expect(await indicators.locator("tbody tr").first().innerText()).toContain("50,0%");
    expect(await indicators.locator("tbody tr").nth(1).innerText()).toContain("55,2%");
    expect(await page.getByText("50.000.000 ₫").count()).toBeGreaterThan(0);
    // The four silent districts and the one sent back after the deadline: late, and without an accepted report.
    expect(await page.getByRole("list", { name: "Đơn vị báo cáo trễ hạn" }).getByRole("listitem").count()).toBe(5);
    expect(await page.getByRole("list", { name: "Đơn vị chưa có báo cáo được chấp nhận" }).getByRole("listitem").count()).toBe(5);
    for (const [name, type] of [
      ["Tải CSV", "text/csv"],
      ["Tải Excel (XLSX)", "spreadsheetml"],
      ["Bản in báo cáo", "text/html"],
    ] as const) {
      const href = await page.getByRole("link", { name }).getAttribute("href");
      const res = await page.request.get(`${base}${href}`);
      expect(res.status(), name).toBe(200);
      expect(res.headers()["content-type"]).toContain(type);
    }
    await readable(page);
    await shot(page, "25-plan-summary");
    await context.close();
  });

  test("on a phone, the applicant's dossiers read as cards with status and due date, without sideways scrolling", async () => {
    const { context, page } = await session(PHONE);
    await login(page, "nguoinop");
    await page.goto(`${base}/my`);
    const row = page.locator("tr", { hasText: codes.soon });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.innerText()).toContain("Hội Làm vườn xã Ngọk Bay");
    expect(await fitsWidth(page)).toBe(true);
    // Every item of the top menu is in sight (it wraps; it used to scroll sideways with the last item cut).
    const cut = await page.evaluate<string[]>(
      "[...document.querySelectorAll('.nav-link')].filter((a) => { const r = a.getBoundingClientRect(); return r.left < 0 || r.right > window.innerWidth; }).map((a) => a.textContent)",
    );
    expect(cut).toEqual([]);
    await readable(page);
    await shot(page, "26-phone-my-dossiers");
    await context.close();
  });

  test("no page threw a script error", () => {
    expect(run.pageErrors).toEqual([]);
  });
});
