/**
 * Issue 17, item 1 (and the report rows of item 2) in a real browser: figures typed the Vietnamese way
 * are stored as meant. A plan target typed `24.000`, a unit's actual typed `37.754` in the row the
 * report form generates from the plan's indicator, the summary reading 157,3 %; a receipt of
 * `2.000.000,00` on the fund desk recorded as two million đồng. A bad entry shows a Vietnamese error
 * and stores nothing. On the demo, at a frozen instant.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ensureWebBuild } from "../../scripts/web-build";
import { createDemoApp, DEMO_UNITS, type DemoApp } from "../support/demo";
import { expectNoSeriousA11yViolations } from "../support/axe";
import { openBrowserOn, type BrowserRun } from "../support/browser";

/** A Tuesday morning in Vietnam. */
const NOW = "2026-11-24T02:00:00Z";

let run: BrowserRun;
let base = "";
let t: DemoApp;

type View = { id: string; state: string; data: Record<string, unknown> };

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

async function json<T>(res: Response, status = 200): Promise<T> {
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(status);
  return body as T;
}

describe("Vietnamese figures typed in Chromium are stored as meant", () => {
  test("a target of 24.000 and an actual of 37.754 make 157,3 %; 37.75 is refused in Vietnamese and stores nothing", async () => {
    const drafter = await t.as("mttqPhongTrao");
    const leader = await t.as("mttqThuongTruc");
    const dakha = await t.as("mttqDakHa");
    // The drafter's plan, saved as a draft with the target still to type.
    const draft = await json<View>(
      await t.request(drafter, "POST", "/api/instances", {
        workflow: "plan",
        draft: true,
        data: {
          title: "Kế hoạch phát triển hội viên năm 2027",
          reportToUnit: DEMO_UNITS.mttqPhongTrao,
          approvalUnit: DEMO_UNITS.mttqThuongTruc,
          indicators: [{ code: "HV", name: "Hội viên mới", unitOfMeasure: "người" }],
          participatingUnits: [{ unitId: DEMO_UNITS.mttqDakHa, unitName: "Huyện Đăk Hà" }],
          startDate: "2026-12-01",
          endDate: "2026-12-20",
          reportDeadline: "2026-12-31",
        },
      }),
      201,
    );

    const { context, page } = await run.session();
    await run.login(page, "mttq.phongtrao");
    await page.goto(`${base}/dossiers/${draft.id}/edit`);
    const target = page.getByLabel("Chỉ tiêu kế hoạch");
    await target.fill("24.000");
    await target.blur();
    expect(await target.inputValue()).toBe("24.000");
    await expectNoSeriousA11yViolations(page, "plan draft in the editor");
    await page.getByRole("button", { name: "Nộp hồ sơ" }).click();
    await page.waitForURL(`${base}/dossiers/${draft.id}`);
    const submitted = await json<View>(await t.request(drafter, "GET", `/api/instances/${draft.id}`));
    expect(submitted.data.indicators).toEqual([{ code: "HV", name: "Hội viên mới", unitOfMeasure: "người", target: 24000 }]);
    await context.close();

    await json(await t.request(leader, "POST", `/api/instances/${draft.id}/events`, { type: "APPROVE", data: { effectiveDate: "2026-11-24" } }));
    const tracking = await json<{ units: { reportId: string }[] }>(await t.request(drafter, "GET", `/api/plans/${draft.id}/tracking`));
    const reportId = tracking.units[0]!.reportId;

    // Đăk Hà reports: the row of the plan's indicator is there, with its code, name, unit and target.
    const unit = await run.session();
    await run.login(unit.page, "mttq.dakha");
    await unit.page.goto(`${base}/dossiers/${reportId}`);
    await unit.page.getByRole("button", { name: "Gửi báo cáo" }).click();
    const row = unit.page.locator(".indicator-row");
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.innerText()).toMatch(/^HV\s+Hội viên mới\s+Kế hoạch: 24\.000 người/);
    const actual = unit.page.getByLabel("Kết quả thực hiện — Hội viên mới");
    // Two decimals after a dot cannot be read either way: refused in Vietnamese, nothing sent.
    await actual.fill("37.75");
    await actual.blur();
    const error = row.locator(".field-error");
    await expect.poll(() => error.innerText()).toContain("nhóm nghìn bằng dấu chấm");
    await expectNoSeriousA11yViolations(unit.page, "report form, a figure refused");
    await unit.page.getByRole("button", { name: "Xác nhận" }).click();
    expect((await json<View>(await t.request(dakha, "GET", `/api/instances/${reportId}`))).state).toBe("pending");
    await actual.fill("37.754");
    await actual.blur();
    await unit.page.getByLabel("Kinh phí đã chi (₫)").fill("0");
    await unit.page.getByRole("button", { name: "Xác nhận" }).click();
    await expect.poll(async () => (await json<View>(await t.request(dakha, "GET", `/api/instances/${reportId}`))).state).toBe("review");
    const report = await json<View>(await t.request(dakha, "GET", `/api/instances/${reportId}`));
    expect(report.data.actuals).toEqual([{ code: "HV", value: 37754 }]);
    await run.shot(unit.page, "31-report-indicator-rows");
    await unit.context.close();

    await json(await t.request(drafter, "POST", `/api/instances/${reportId}/events`, { type: "ACCEPT" }));
    const summary = await json<{ summary: { indicators: { actual: number; target: number; achievementText: string }[] } }>(await t.request(drafter, "GET", `/api/plans/${draft.id}/summary`));
    expect(summary.summary.indicators.map((i) => [i.target, i.actual, i.achievementText])).toEqual([[24000, 37754, "157,3%"]]);
    const reader = await run.session();
    await run.login(reader.page, "mttq.phongtrao");
    await reader.page.goto(`${base}/plans/${draft.id}/summary`);
    const indicators = reader.page.locator("section", { has: reader.page.getByRole("heading", { name: "Chỉ tiêu", exact: true }) });
    await expect.poll(() => indicators.locator("tbody tr").first().innerText()).toContain("157,3%");
    expect(await indicators.locator("tbody tr").first().innerText()).toContain("37.754");
    await expectNoSeriousA11yViolations(reader.page, "plan summary");
    await reader.context.close();
  });

  test("the fund desk records 2.000.000,00 as two million đồng and refuses 2.000.000,5 in Vietnamese", async () => {
    const accountant = await t.as("ctdKeToan");
    const funds = await json<{ items: { id: string }[] }>(await t.request(accountant, "GET", "/api/funds"));
    const fundId = funds.items[0]!.id;
    const entries = async () => (await json<{ items: { delta: number; receiptNumber: string | null }[] }>(await t.request(accountant, "GET", `/api/funds/${fundId}/entries`))).items;
    const before = (await entries()).length;

    const { context, page } = await run.session();
    await run.login(page, "ctd.ketoan");
    await page.goto(`${base}/fund-desk`);
    await page.getByLabel("Nhà tài trợ").fill("Công ty TNHH Hồng Phát");
    await page.getByLabel("Số phiếu thu").fill("PT-VN-0001");
    const amount = page.getByLabel("Số tiền (₫)");
    await amount.fill("2.000.000,5");
    await expect.poll(() => page.getByRole("alert").innerText()).toBe("Tiền đồng không có phần lẻ sau dấu phẩy");
    expect(await page.getByRole("button", { name: "Ghi sổ" }).isDisabled()).toBe(true);
    await expectNoSeriousA11yViolations(page, "fund desk, an amount refused");
    expect((await entries()).length).toBe(before);

    await amount.fill("2.000.000,00");
    await page.getByRole("button", { name: "Ghi sổ" }).click();
    await expect.poll(async () => (await entries()).find((e) => e.receiptNumber === "PT-VN-0001")?.delta).toBe(2_000_000);
    expect((await entries()).length).toBe(before + 1);
    await context.close();
  });

  test("a refusal other than a stale version shows the server's own reason, and the dossier stays as it was", async () => {
    const drafter = await t.as("mttqPhongTrao");
    const leader = await t.as("mttqThuongTruc");
    // Xã Hà Mòn has no specialist to report: the approval that would open its report is refused (409).
    const plan = await json<View>(
      await t.request(drafter, "POST", "/api/instances", {
        workflow: "plan",
        data: {
          title: "Kế hoạch vận động quỹ Vì người nghèo 2027",
          reportToUnit: DEMO_UNITS.mttqPhongTrao,
          approvalUnit: DEMO_UNITS.mttqThuongTruc,
          indicators: [{ code: "QVN", name: "Số tiền vận động", unitOfMeasure: "triệu đồng", target: 100 }],
          participatingUnits: [{ unitId: DEMO_UNITS.haMon, unitName: "Xã Hà Mòn" }],
          startDate: "2026-12-01",
          endDate: "2026-12-20",
          reportDeadline: "2026-12-31",
        },
      }),
      201,
    );
    await json(await t.request(drafter, "POST", `/api/instances/${plan.id}/events`, { type: "SUBMIT" }));
    const { context, page } = await run.session();
    await run.login(page, "mttq.thuongtruc");
    await page.goto(`${base}/dossiers/${plan.id}`);
    await page.getByRole("button", { name: "Phê duyệt, ban hành kế hoạch" }).click();
    await page.getByLabel("Ngày có hiệu lực").fill("24/11/2026");
    await page.getByRole("button", { name: "Xác nhận" }).click();
    await expect.poll(() => page.locator(".action-form .notice-error").innerText()).toContain("chưa có ai giữ vai trò chuyên viên");
    // The form stays open with what was typed: nothing was applied, nothing reloaded.
    expect(await page.getByLabel("Ngày có hiệu lực").inputValue()).toBe("24/11/2026");
    await expectNoSeriousA11yViolations(page, "approval refused by the server");
    expect((await json<View>(await t.request(leader, "GET", `/api/instances/${plan.id}`))).state).toBe("approval");
    await context.close();
  });

  test("no page threw a script error", () => {
    expect(run.pageErrors).toEqual([]);
  });
});
