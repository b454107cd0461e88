import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/databases";
import { createDemoApp, type DemoApp } from "../support/demo";

describe.each(databaseKinds)("the seeded Kon Tum MTTQ 2023 plan on %s", (kind) => {
  let t: DemoApp;
  beforeAll(async () => {
    t = await createDemoApp(kind);
  }, 120_000);
  afterAll(async () => t.close());

  it("has 10 districts at 5.000.000 ₫, some reported, some late, and can be compiled by Ban Phong trào", async () => {
    const drafter = await t.as("mttqPhongTrao");
    const list = (await (await t.request(drafter, "GET", "/api/instances?workflow=plan")).json()) as { items: { id: string; state: string }[] };
    expect(list.items).toHaveLength(1);
    const plan = list.items[0]!;
    expect(plan.state).toBe("inEffect");
    // Approved on 01/03/2023 by Ban Thường trực: the first plan (KH) it numbered that year.
    const docs = (await (await t.request(drafter, "GET", `/api/documents?instance=${plan.id}`)).json()) as { items: { number: string; issuedOn: string; signer: { name: string }; printUrl: string }[] };
    expect(docs.items.map((d) => [d.number, d.issuedOn, d.signer.name])).toEqual([["01/KH-MTTQ-BTT", "2023-03-01", "A Thuận (Ban Thường trực MTTQ)"]]);
    const print = await (await t.request(drafter, "GET", docs.items[0]!.printUrl)).text();
    for (const text of ["KẾ HOẠCH", "Số: 01/KH-MTTQ-BTT", "Kon Tum, ngày 01 tháng 3 năm 2023", "2. Hộ gia đình tham gia mô hình: 500 hộ.", "Tổng kinh phí: 50.000.000\u00a0₫, gồm:", "- Huyện Đăk Hà: Chọn và duy trì một mô hình điểm ở khu dân cư;", "trước ngày 05/12/2023"]) {
      expect(print).toContain(text);
    }
    const tracking = (await (await t.request(drafter, "GET", `/api/plans/${plan.id}/tracking`)).json()) as {
      counts: Record<string, number>;
      round: { dueDate: string };
      units: { reportId: string; status: string; reminders: string[] }[];
    };
    expect(tracking.round.dueDate).toBe("2023-12-05");
    expect(tracking.counts).toMatchObject({ units: 10, reported: 6, accepted: 5, review: 1, pending: 4, late: 4 });
    // The silent districts were reminded and marked late by their durable timers, on the 2023 dates.
    const silent = tracking.units.filter((u) => u.status === "pending");
    expect(silent.map((u) => u.reminders)).toEqual(silent.map(() => ["2023-12-02", "2023-12-04"]));
    const report = (await (await t.request(drafter, "GET", `/api/instances/${silent[0]!.reportId}`)).json()) as { data: { $late: boolean; $lateSince: string } };
    expect(report.data).toMatchObject({ $late: true, $lateSince: "2023-12-06" });
    const summary = (await (await t.request(drafter, "GET", `/api/plans/${plan.id}/summary`)).json()) as { summary: { budget: { planned: number }; indicators: { achievementText: string }[] } };
    expect(summary.summary.budget.planned).toBe(50_000_000);
    // 5 accepted districts: 5 of 10 sites; 48 + 62 + 55 + 41 + 70 = 276 of 500 households.
    expect(summary.summary.indicators.map((i) => i.achievementText)).toEqual(["50,0%", "55,2%"]);
    expect((await t.request(drafter, "POST", `/api/instances/${plan.id}/events`, { type: "COMPILE" })).status).toBe(200);
  });

  it("shows mttq.dakha its own district's report, and no plan to a Sở Nội vụ official", async () => {
    const dakha = await t.as("mttqDakHa");
    const reports = (await (await t.request(dakha, "GET", "/api/instances?workflow=unit-report")).json()) as { items: { title: string }[] };
    expect(reports.items.map((r) => r.title)).toEqual(["Báo cáo kết quả thực hiện kế hoạch — Huyện Đăk Hà"]);
    const chuyenvien = await t.as("chuyenvien");
    expect(((await (await t.request(chuyenvien, "GET", "/api/instances?workflow=plan")).json()) as { items: unknown[] }).items).toEqual([]);
  });
});
