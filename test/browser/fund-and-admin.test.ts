/**
 * Issue 19, item 6 in a real browser, as the people who meet it on the demo at a frozen instant: the
 * fund's specialist opens November's request from its dossier and finds each beneficiary on one screen
 * with name, amount and the earlier payment a flag matched, and clears a flag on that line without typing
 * a line id (laptop); the accountant pays the one unpaid line of October's request on a 390 × 844 phone,
 * the amount fully in view.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ensureWebBuild } from "../../scripts/web-build";
import { createDemoApp, DEMO_UNITS, type DemoApp } from "../support/demo";
import type { Locator } from "playwright-core";
import { openBrowserOn, type BrowserRun } from "../support/browser";

/** A Tuesday morning in Vietnam, after the demo's November request was sent. */
const NOW = "2026-11-24T02:00:00Z";
const PHONE = { width: 390, height: 844 };

let run: BrowserRun;
let base = "";
let t: DemoApp;

beforeAll(async () => {
  await ensureWebBuild();
  t = await createDemoApp("pglite", { now: NOW });
  run = await openBrowserOn(t.app, { now: NOW });
  base = run.base;
}, 180_000);

afterAll(async () => {
  await run?.close();
  await t?.close();
});

/** What a reader sees, with the non-breaking spaces of money and dates as plain spaces. */
const text = async (l: Locator) => (await l.innerText()).replace(/\s+/g, " ");

type Row = { id: string; title?: string; name?: string; data?: { name?: string }; state: string };

async function requestNamed(name: string): Promise<string> {
  const specialist = await t.as("ctdChuyenVien");
  const res = await t.request(specialist, "GET", "/api/instances?workflow=fund-disbursement");
  const body = (await res.json()) as { items: Row[] };
  expect(res.status).toBe(200);
  const found = body.items.find((r) => JSON.stringify(r).includes(name));
  expect(found, `no request "${name}"`).toBeTruthy();
  return found!.id;
}

describe("one fund screen per request", () => {
  test("the specialist sees each beneficiary with the earlier payment and clears a flag on its line (laptop)", async () => {
    const id = await requestNamed("tháng 11/2026");
    const { context, page } = await run.session();
    await run.login(page, "ctd.chuyenvien");
    await page.goto(`${base}/dossiers/${id}`);
    // No form with a line id to type on the dossier: its per-line actions lead to the fund screen.
    await expect.poll(() => page.getByLabel("Mã dòng (đối tượng)").count()).toBe(0);
    await page.getByRole("link", { name: "Đối chiếu, xác nhận và chi trả từng đối tượng" }).click();
    await page.waitForURL(`${base}/fund-desk?request=${id}`);
    const yHlim = page.getByRole("listitem", { name: "Y Hlim", exact: true });
    await yHlim.waitFor();
    await expect.poll(() => text(yHlim)).toContain("3.000.000 ₫");
    await expect.poll(() => text(yHlim)).toContain("Đã được chi 3.000.000 ₫");
    await expect.poll(() => text(yHlim)).toContain("ngày 22/09/2026");
    await expect.poll(() => text(yHlim)).toContain("Nghi hưởng trùng — chưa xác nhận");
    const tam = page.getByRole("listitem", { name: "Lê Văn Tám" });
    await expect.poll(() => text(tam)).toContain("Chương trình MTQG giảm nghèo bền vững");
    await run.shot(page, "i19-fund-request-specialist-laptop");

    await tam.getByRole("button", { name: "Xác nhận không hưởng trùng" }).click();
    await tam.getByLabel("Lý do (ít nhất 10 ký tự)").fill("Hộ nghèo nhưng bị thiệt hại do bão, cần hỗ trợ khẩn cấp");
    await tam.getByRole("button", { name: "Xác nhận", exact: true }).click();
    await expect.poll(() => text(tam)).toContain("Đã xác nhận: Hộ nghèo nhưng bị thiệt hại do bão");
    await expect.poll(() => tam.getByRole("button", { name: "Xác nhận không hưởng trùng" }).count()).toBe(0);
    // Y Hlim's flag still stands, and her line still offers it.
    await expect.poll(() => yHlim.getByRole("button", { name: "Xác nhận không hưởng trùng" }).count()).toBe(1);
    await run.shot(page, "i19-fund-request-cleared-laptop");
    await context.close();

    const request = (await (await t.request(await t.as("ctdChuyenVien"), "GET", `/api/funds/requests/${id}`)).json()) as { screening: { lineId: string; cleared: { reason: string } | null }[]; lines: { lineId: string; fullName: string }[] };
    const tamLine = request.lines.find((l) => l.fullName === "Lê Văn Tám")!;
    expect(request.screening.find((s) => s.lineId === tamLine.lineId)!.cleared?.reason).toBe("Hộ nghèo nhưng bị thiệt hại do bão, cần hỗ trợ khẩn cấp");
  });

  test("the accountant pays the unpaid line on a phone, its amount never cut off", async () => {
    const id = await requestNamed("bão số 5");
    const { context, page } = await run.session(PHONE);
    await run.login(page, "ctd.ketoan");
    await page.goto(`${base}/dossiers/${id}`);
    await page.getByRole("link", { name: "Đối chiếu, xác nhận và chi trả từng đối tượng" }).click();
    const huong = page.getByRole("listitem", { name: "Đinh Thị Hương" });
    await huong.waitFor();
    // Lowered by the second leader: 10.000.000 ₫ asked, 8.000.000 ₫ approved.
    await expect.poll(() => text(huong)).toContain("8.000.000 ₫");
    await run.shot(page, "i19-fund-request-accountant-phone");
    const amount = await huong.locator(".fund-line-amount").boundingBox();
    expect(amount!.x + amount!.width).toBeLessThanOrEqual(PHONE.width);
    const luc = page.getByRole("listitem", { name: "Nguyễn Văn Lực" });
    await expect.poll(() => text(luc)).toContain("Đã chi 26/10/2026");
    await expect.poll(() => luc.getByRole("button", { name: "Chi trả" }).count()).toBe(0);
    await run.shot(page, "i19-fund-request-accountant-phone");

    await huong.getByRole("button", { name: "Chi trả" }).click();
    await huong.getByLabel("Số phiếu chi").fill("PC-2026-300");
    await run.shot(page, "i19-fund-request-pay-form-phone");
    await huong.getByRole("button", { name: "Ghi nhận chi trả" }).click();
    await expect.poll(() => text(huong)).toContain("Đã chi 24/11/2026");
    await expect.poll(() => text(huong)).toContain("PC-2026-300");
    // The ledger below shows the payment at once.
    await expect.poll(() => text(page.getByRole("region", { name: "Sổ thu chi" }))).toContain("-8.000.000 ₫");
    await run.shot(page, "i19-fund-request-paid-phone");
    // The ledger's amounts are in view too (they were cut off on the accountant's screen).
    for (const cell of await page.locator("table td.num").all()) {
      const box = await cell.boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    }
    // Nothing overflows the phone.
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(PHONE.width);
    await context.close();
    expect(run.pageErrors).toEqual([]);
  });
});

describe("admin edits a unit", () => {
  test.each([
    ["laptop", { width: 1360, height: 900 }, "DH-1"],
    ["phone", PHONE, "DH-2"],
  ])("on a %s: the form says Tên đơn vị, has a unit code, kinds in Vietnamese, and saves the edit", async (label, viewport, code) => {
    const { context, page } = await run.session(viewport);
    await run.login(page, "admin");
    await page.goto(`${base}/admin/units`);
    await page.getByLabel("Tên đơn vị").waitFor();
    expect(await page.getByLabel("Tên hồ sơ").count()).toBe(0);
    const kinds = await page.getByLabel("Loại").locator("option").allInnerTexts();
    expect(kinds).toContain("Quỹ");
    expect(kinds).not.toContain("fund");
    await page.getByRole("button", { name: "Sửa Huyện Đăk Hà" }).click();
    expect(await page.getByLabel("Tên đơn vị").inputValue()).toBe("Huyện Đăk Hà");
    await page.getByLabel("Mã đơn vị").fill(code);
    await run.shot(page, `i19-admin-unit-edit-${label}`);
    await page.getByRole("button", { name: "Lưu" }).click();
    await expect.poll(() => text(page.locator(".tree"))).toContain(`Huyện Đăk Hà Huyện ${code}`);
    const units = (await (await t.request(await t.as("admin"), "GET", "/api/admin/units")).json()) as { items: { id: string; code: string | null; name: string }[] };
    expect(units.items.find((u) => u.id === DEMO_UNITS.dakHa)).toMatchObject({ name: "Huyện Đăk Hà", code });
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(viewport.width + 1);
    await context.close();
  });
});
