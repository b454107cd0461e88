/**
 * The whole product in a real browser (Debian's Chromium driven by playwright-core): an applicant
 * submits a founding dossier with an attachment; the specialist finds it in the inbox and requests a
 * supplement; the applicant resubmits; the specialist proposes; the leader approves and prints the
 * decision. The server runs in process on a fresh PGlite seeded with the demo data. Every page is
 * saved as a screenshot in `test-artifacts/screenshots/` for people to look at.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ensureWebBuild } from "../../scripts/web-build";
import { createApp } from "../../server/app";
import { ManualClock } from "../../server/clock";
import { seedDemo } from "../../server/seed";
import { createServices } from "../../server/services";
import { freshDatabase } from "../support/databases";
import { expectNoSeriousA11yViolations } from "../support/axe";
import { openBrowserOn, type BrowserRun } from "../support/browser";

let run: BrowserRun;
let base = "";
let dispose: () => Promise<void>;
/** The server and the pages live at this instant, whatever the real date (deadlines and dates on screen follow it). */
const NOW = "2026-11-24T02:00:00Z";

beforeAll(async () => {
  await ensureWebBuild();
  const database = await freshDatabase("pglite");
  dispose = () => database.dispose();
  const services = await createServices({ database, clock: new ManualClock(NOW) });
  await seedDemo(services);
  const app = createApp(services);
  run = await openBrowserOn(app, { now: NOW });
  base = run.base;
}, 180_000);

afterAll(async () => {
  await run?.close();
  await dispose?.();
});

const session = (viewport?: { width: number; height: number }) => run.session(viewport);
/** Every state worth a screenshot is also checked by axe: no serious or critical accessibility violation. */
const shot = async (page: Page, name: string) => {
  await run.shot(page, name);
  await expectNoSeriousA11yViolations(page, name);
};
const login = (page: Page, username: string) => run.login(page, username);

/** Chooses the option whose text contains `text` in the select labelled `label`. */
async function choose(page: Page, label: string, text: string) {
  const select = page.getByLabel(label);
  const value = await select.locator("option", { hasText: text }).first().getAttribute("value");
  await select.selectOption(value!);
}

const pdf = (name: string) => ({ name, mimeType: "application/pdf", buffer: Buffer.from(`%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n${name}\n`) });

async function act(page: Page, action: string) {
  await page.getByRole("button", { name: action, exact: true }).click();
}

describe("founding dossier, end to end in Chromium", () => {
  let dossierUrl = "";
  let code = "";

  test("the applicant fills the start form with members and attachments, and submits", async () => {
    const { context, page } = await session();
    await page.goto(`${base}/login`);
    await shot(page, "01-login");
    await login(page, "nguoinop");
    await page.goto(`${base}/procedures`);
    await expect.poll(() => page.getByRole("heading", { name: "Thành lập hội" }).count()).toBe(1);
    await shot(page, "02-procedures");
    await page.locator(".procedure-card", { hasText: "Thành lập hội" }).getByRole("link", { name: /Bắt đầu/ }).click();
    await page.getByLabel("Tên hội bằng tiếng Việt").fill("Hội Cựu giáo chức vùng Bắc Kon Tum");
    // No district scope since 01/07/2025 (Nghị định 129/2025/NĐ-CP): a provincial association.
    await choose(page, "Phạm vi hoạt động", "Tỉnh");
    await page.getByLabel("Lĩnh vực hoạt động chính").fill("Giáo dục");
    await page.getByLabel("Tôn chỉ, mục đích").fill("Tập hợp, đoàn kết các nhà giáo đã nghỉ hưu; phát huy kinh nghiệm đóng góp cho sự nghiệp giáo dục địa phương.");
    await choose(page, "Cơ quan nhà nước có thẩm quyền", "Sở Nội vụ");

    // First try with one member only: the browser shows the Vietnamese rules in place, on the fields.
    await page.getByRole("button", { name: "Thêm dòng" }).first().click();
    await page.getByRole("button", { name: "Nộp hồ sơ" }).click();
    await expect.poll(() => page.getByText("Ban vận động cấp tỉnh phải có ít nhất 5 thành viên").count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator("#main .field-error", { hasText: "Trường này là bắt buộc" }).count()).toBeGreaterThan(3);
    await expectNoSeriousA11yViolations(page, "start form, errors in place");
    await page.getByRole("button", { name: /^Xóa/ }).first().click();
    await shot(page, "03-start-form-errors");

    const members = [
      ["Nguyễn Văn Hùng", "1958", "062058001234", "head"],
      ["Trần Thị Lan", "1961", "062161004321", "deputy"],
      ["A Thút", "1965", "062065007777", "member"],
      ["Y Blơng", "1967", "062067008888", "member"],
      ["Lê Thị Hoa", "1970", "062170009999", "member"],
    ];
    for (const [i, [name, year, cccd, role]] of members.entries()) {
      await page.getByRole("button", { name: "Thêm dòng" }).first().click();
      const row = page.locator(".array-card").nth(i);
      await row.getByLabel("Họ và tên").fill(name!);
      await row.getByLabel("Năm sinh").fill(year!);
      await row.getByLabel("Số CCCD").fill(cccd!);
      await row.getByLabel("Chức danh").selectOption({ index: ["head", "deputy", "member"].indexOf(role!) + 1 });
      // Nghị định 126/2024: each member's CV and criminal-record extract (at most 6 months old at submission).
      await row.getByLabel("Sơ yếu lý lịch").setInputFiles(pdf(`so-yeu-ly-lich-${i + 1}.pdf`));
      await row.getByLabel("Phiếu lý lịch tư pháp số 1").setInputFiles(pdf(`ly-lich-tu-phap-${i + 1}.pdf`));
      await row.getByLabel("Ngày cấp phiếu").fill("02/11/2026");
      await expect.poll(() => row.getByText(`ly-lich-tu-phap-${i + 1}.pdf`).count()).toBeGreaterThan(0);
    }
    await page.getByLabel("Trưởng ban vận động").fill("Nguyễn Văn Hùng");
    await page.getByLabel("Đơn đề nghị công nhận ban vận động").setInputFiles(pdf("don-de-nghi.pdf"));
    await expect.poll(() => page.getByText("don-de-nghi.pdf").count()).toBeGreaterThan(0);
    await shot(page, "04-start-form-filled");

    await page.getByRole("button", { name: "Nộp hồ sơ" }).click();
    await page.waitForURL(/\/dossiers\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByText(/Đã nộp hồ sơ KT-/).count()).toBe(1);
    code = (await page.locator(".dossier-code .code").textContent())!.trim();
    dossierUrl = page.url();
    expect(code).toMatch(/^KT-\d{4}-[0-9A-Z]{6}$/);
    await shot(page, "05-applicant-dossier-submitted");

    // On a phone, the same form stays usable.
    const phone = await session({ width: 390, height: 844 });
    await login(phone.page, "nguoinop");
    await phone.page.goto(`${base}/procedures/association-founding/new`);
    await phone.page.getByLabel("Tên hội bằng tiếng Việt").waitFor();
    await shot(phone.page, "06-phone-start-form");
    await phone.page.goto(`${base}/my`);
    await shot(phone.page, "07-phone-my-dossiers");
    await phone.context.close();
    await context.close();
  });

  test("the specialist finds it in the unit's inbox, claims it and requests a supplement", async () => {
    const { context, page } = await session();
    await login(page, "chuyenvien");
    await page.goto(`${base}/inbox?scope=unit`);
    const row = page.locator("tr", { hasText: code });
    await expect.poll(() => row.count()).toBe(1);
    await shot(page, "08-inbox-unit");
    await row.getByRole("button", { name: "Nhận xử lý" }).click();
    await expect.poll(() => row.getByText("Trần Thị Chuyên", { exact: false }).count()).toBeGreaterThan(0);
    await page.getByRole("tab", { name: "Việc của tôi" }).click();
    await expect.poll(() => page.locator("tr", { hasText: code }).count()).toBe(1);
    await shot(page, "09-inbox-mine-claimed");
    expect(run.requested.some((u) => /WorkflowEditor|FormBuilder/.test(u))).toBe(false);

    await page.getByRole("link", { name: code }).click();
    await page.waitForURL(dossierUrl);
    await page.locator(".diagram svg").waitFor();
    await shot(page, "10-specialist-dossier");
    await act(page, "Yêu cầu bổ sung hồ sơ");
    await page.getByRole("button", { name: "Thêm dòng" }).click();
    await page.getByLabel(/Danh mục cần bổ sung — Dòng 1/).fill("Sơ yếu lý lịch của các thành viên ban vận động (có xác nhận)");
    await page.getByLabel("Ghi chú").fill("Đề nghị bổ sung trong 10 ngày làm việc.");
    await shot(page, "11-supplement-request-form");
    await act(page, "Xác nhận");
    await expect.poll(() => page.locator(".dossier-head").getByText("Chờ bổ sung hồ sơ (ban vận động)").count()).toBeGreaterThan(0);
    await shot(page, "12-supplement-requested");
    await context.close();
  });

  test("the applicant sees the request and resubmits with the missing document", async () => {
    const { context, page } = await session();
    await login(page, "nguoinop");
    await page.goto(`${base}/my`);
    await expect.poll(() => page.locator("tr", { hasText: code }).getByText(/^Chờ bổ sung hồ sơ/).count()).toBe(1);
    await shot(page, "13-my-dossiers");
    await page.goto(dossierUrl);
    await expect.poll(() => page.getByText("Sơ yếu lý lịch của các thành viên ban vận động (có xác nhận)").count()).toBeGreaterThan(0);
    // The legal clock is paused while the supplement is awaited: said so, never "—" (issue 19, item 3).
    await expect.poll(() => page.locator(".badge-paused", { hasText: "Tạm dừng — chờ bổ sung" }).count()).toBeGreaterThan(0);
    await act(page, "Nộp bổ sung");
    await page.getByRole("button", { name: "Thêm dòng" }).click();
    await page.getByLabel(/Tài liệu bổ sung — Dòng 1/).setInputFiles(pdf("so-yeu-ly-lich.pdf"));
    await expect.poll(() => page.getByText("so-yeu-ly-lich.pdf").count()).toBeGreaterThan(0);
    await page.getByLabel("Giải trình, ghi chú").fill("Đã bổ sung sơ yếu lý lịch có xác nhận của địa phương.");
    await shot(page, "14-resubmit-form");
    await act(page, "Xác nhận");
    await expect.poll(() => page.locator(".dossier-head").getByText("Thẩm định hồ sơ công nhận ban vận động").count()).toBeGreaterThan(0);
    await shot(page, "15-resubmitted");
    await context.close();
  });

  test("the specialist proposes; the leader approves and prints the decision", async () => {
    const specialist = await session();
    await login(specialist.page, "chuyenvien");
    await specialist.page.goto(dossierUrl);
    await act(specialist.page, "Trình lãnh đạo");
    await specialist.page.getByLabel("Nội dung tờ trình").fill("Hồ sơ đầy đủ, hợp lệ. Đề nghị lãnh đạo Sở công nhận ban vận động.");
    await act(specialist.page, "Xác nhận");
    await expect.poll(() => specialist.page.locator(".dossier-head").getByText("Lãnh đạo quyết định công nhận ban vận động").count()).toBeGreaterThan(0);
    await specialist.context.close();

    const { context, page } = await session();
    await login(page, "lanhdao");
    await page.goto(`${base}/inbox?scope=unit`);
    await expect.poll(() => page.locator("tr", { hasText: code }).count()).toBe(1);
    await shot(page, "16-leader-inbox");
    await page.getByRole("link", { name: code }).click();
    await act(page, "Phê duyệt, ký quyết định");
    // No signer to type: the decision is signed by the account that approves it.
    await page.getByLabel("Ngày có hiệu lực").fill("01/12/2026");
    await shot(page, "17-decision-form");
    await act(page, "Xác nhận");
    await expect.poll(() => page.locator(".dossier-head").getByText("Ban vận động đã được công nhận").count()).toBeGreaterThan(0);
    const print = page.getByRole("link", { name: /In văn bản/ });
    await expect.poll(() => print.count()).toBeGreaterThan(0);
    await shot(page, "18-approved-with-decision");
    const [printed] = await Promise.all([context.waitForEvent("page"), print.first().click()]);
    await printed.waitForLoadState();
    expect(await printed.content()).toContain("Cộng hòa xã hội chủ nghĩa Việt Nam".toUpperCase());
    expect(await printed.content()).toContain("Lê Văn Đạo");
    await shot(printed, "19-decision-print");

    await page.goto(`${base}/dashboard`);
    await page.locator(".kpis").waitFor();
    await shot(page, "20-dashboard");
    await context.close();
  });

  test("anyone can look the dossier up by its code; the admin edits workflows and forms", async () => {
    const visitor = await session();
    await visitor.page.goto(`${base}/lookup/${code}`);
    await expect.poll(() => visitor.page.locator(".result-card").count()).toBe(1);
    await shot(visitor.page, "21-public-lookup");
    await visitor.context.close();

    const { context, page } = await session();
    await login(page, "admin");
    await page.goto(`${base}/admin/workflows/association-founding`);
    await page.locator(".diagram svg").waitFor();
    await shot(page, "22-admin-workflow-editor");
    await page.goto(`${base}/admin/forms/founding-committee-application`);
    await page.getByRole("button", { name: "+ Số tiền (₫)" }).click();
    await page.getByLabel("Số tiền (₫) mới").fill("50000000");
    await expect.poll(() => page.getByLabel("Số tiền (₫) mới").inputValue()).toBe("50.000.000");
    await shot(page, "23-admin-form-builder");
    await page.goto(`${base}/admin/users`);
    await shot(page, "24-admin-users");
    await context.close();
    expect(run.pageErrors).toEqual([]);
  });
});
