/**
 * Attachments open in place (issue 19, item 8), in Chromium on a laptop and a phone: on the founding
 * demo dossier the applicant opens the application letter (a PDF) in the viewer dialog, which shows it
 * from `/inline` under the sandboxing CSP, keeps a download link and closes on Escape; beside the files,
 * the checklist of the documents the form asks for. Screenshots go to `test-artifacts/screenshots/`.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ensureWebBuild } from "../../scripts/web-build";
import { instances } from "../../server/db/schema";
import { DEMO_USERS } from "../../server/seed/demo-world";
import { expectNoSeriousA11yViolations } from "../support/axe";
import { openBrowserOn, type BrowserRun } from "../support/browser";
import { createDemoApp, type DemoApp } from "../support/demo";

const NOW = "2026-11-24T02:00:00Z";
const VIEWPORTS = [
  ["laptop", { width: 1360, height: 900 }],
  ["phone", { width: 390, height: 844 }],
] as const;

let run: BrowserRun;
let t: DemoApp;
let dossierId = "";

beforeAll(async () => {
  await ensureWebBuild();
  t = await createDemoApp("pglite", { now: NOW });
  const rows = await t.services.database.db
    .select({ id: instances.id, snapshot: instances.snapshot })
    .from(instances)
    .where(and(eq(instances.workflowKey, "association-founding"), eq(instances.starterId, DEMO_USERS.nguoinop.id)));
  const founding = rows.find((r) => JSON.stringify(r.snapshot).includes("Hội Cựu giáo chức tỉnh Quảng Ngãi"));
  dossierId = founding!.id;
  run = await openBrowserOn(t.app, { now: NOW });
}, 180_000);

afterAll(async () => {
  await run?.close();
  await t?.close();
});

describe.each(VIEWPORTS)("attachments in the viewer, on a %s", (device, viewport) => {
  test("the checklist lists the documents asked for, and the application letter opens in the viewer under the sandboxing CSP", async () => {
    const { context, page } = await run.session(viewport);
    await run.login(page, "nguoinop");
    await page.goto(`${run.base}/dossiers/${dossierId}`);
    const checklist = page.getByRole("region", { name: "Giấy tờ trong hồ sơ" });
    await expect.poll(() => checklist.count(), { timeout: 15_000 }).toBe(1);
    const text = await checklist.innerText();
    expect(text).toContain("Đã có đủ 1 giấy tờ bắt buộc.");
    expect(text).toContain("Đơn đề nghị công nhận ban vận động — đã có");
    // Each member's papers, row by row, named by the member.
    expect(text).toContain("Sơ yếu lý lịch — Nguyễn Văn Nộp — đã có");
    expect(text).toContain("Phiếu lý lịch tư pháp số 1 — Lê Quang Vinh — đã có");
    expect(text).not.toContain("còn thiếu");
    await expectNoSeriousA11yViolations(page, `dossier page with the checklist (${device})`);
    await run.shot(page, `60-${device}-required-documents`);

    const inline: { url: string; headers: Record<string, string> }[] = [];
    page.on("response", (r) => {
      if (r.url().endsWith("/inline")) inline.push({ url: r.url(), headers: r.headers() });
    });
    const opener = checklist.locator("li", { hasText: "Đơn đề nghị công nhận ban vận động" }).getByRole("button");
    await opener.click();
    const dialog = page.getByRole("dialog", { name: "Đơn đề nghị công nhận ban vận động.pdf" });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const frame = dialog.locator("iframe");
    expect(await frame.getAttribute("title")).toBe("Nội dung tệp Đơn đề nghị công nhận ban vận động.pdf");
    await expect.poll(() => inline.length).toBeGreaterThan(0);
    // What the frame loaded, as the server answers it (the PDF viewer hides the frame's own response).
    const served = await page.request.get(inline[0]!.url);
    expect(served.headers()["content-type"]).toBe("application/pdf");
    expect(served.headers()["content-disposition"]).toMatch(/^inline;/);
    expect(served.headers()["content-security-policy"]).toBe("default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox");
    const download = dialog.getByRole("link", { name: /^Tải về/ });
    expect(await download.getAttribute("href")).toBe(`/api/attachments/${new URL(inline[0]!.url).pathname.split("/")[3]}`);
    // Focus is in the dialog, and Tab keeps it there.
    const focusInDialog = () => page.evaluate<boolean>(`!!document.activeElement?.closest("dialog")`);
    expect(await focusInDialog()).toBe(true);
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press("Tab");
      expect(await focusInDialog()).toBe(true);
    }
    await expectNoSeriousA11yViolations(page, `attachment viewer (${device})`);
    // Chromium's PDF viewer is on: a frame `sandbox` attribute would block it ("This page has been blocked
    // by Chromium", a chrome-error:// frame); the server's CSP `sandbox` does not.
    await expect.poll(() => page.frames().map((f) => f.url())).toContain(inline[0]!.url);
    expect(page.frames().some((f) => f.url().startsWith("chrome-error:"))).toBe(false);
    await page.waitForTimeout(1500); // the PDF viewer paints
    await run.shot(page, `61-${device}-attachment-viewer-pdf`);
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.count()).toBe(0);
    // Focus goes back to the file that opened it.
    await expect.poll(() => opener.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    expect(run.pageErrors).toEqual([]);
    await context.close();
  });
});
