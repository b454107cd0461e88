/**
 * A relief campaign (issue 18, item 10; Nghị định 93/2021/NĐ-CP) on the demo fund, over HTTP with an
 * injected clock and the scheduler: at most 90 days of receiving, receipts only within them, the
 * distribution deadline 20 days after with its reminders, the public page with nothing personal, and
 * nobody outside the fund opening or recording on it.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { timers } from "../../server/db/schema";
import { Scheduler } from "../../server/scheduler/scheduler";
import { databaseKinds } from "../support/databases";
import { createDemoApp, DEMO_UNITS, type DemoApp } from "../support/demo";
import type { TestUser } from "../support/harness";

const at = (date: string, time = "10:00") => `${date}T${time}:00+07:00`;

type Dossier = { id: string; code: string; state: string; data: Record<string, unknown> };
type ErrorBody = { error: { code: string; message: string; fields?: { path: string; message: string }[] } };

function campaign(extra: Record<string, unknown> = {}) {
  return {
    name: "Ủng hộ đồng bào bị thiệt hại do bão số 13",
    fundUnit: DEMO_UNITS.quyNhanDao,
    disaster: "Bão số 13 và lũ lụt tháng 11/2026",
    receivingStart: "2026-11-23",
    receivingEnd: "2026-12-22",
    bankAccount: { bankName: "Ngân hàng Nông nghiệp và Phát triển Nông thôn chi nhánh Kon Tum", accountNumber: "5100201012345", accountName: "Hội Chữ thập đỏ tỉnh - Cứu trợ bão số 13" },
    ...extra,
  };
}

describe.each(databaseKinds)("a relief campaign of the humanitarian fund, on %s", (kind) => {
  let t: DemoApp;
  let scheduler: Scheduler;
  let chuyenvien: TestUser;
  let chutich: TestUser;
  let ketoan: TestUser;
  let fundId: string;
  let campaignId: string;
  let earmark: string;
  // Another fund's officials: the MTTQ's relief fund of Đăk Hà.
  let otherSpecialist: TestUser;
  let otherAccountant: TestUser;

  const send = (user: TestUser, id: string, type: string, data?: unknown) => t.request(user, "POST", `/api/instances/${id}/events`, data === undefined ? { type } : { type, data });
  async function act(user: TestUser, id: string, type: string, data?: unknown): Promise<Dossier> {
    const res = await send(user, id, type, data);
    const body = await res.json();
    expect(res.status, `${type}: ${JSON.stringify(body)}`).toBe(200);
    return body as Dossier;
  }
  const receipt = (user: TestUser, body: Record<string, unknown>) =>
    t.request(user, "POST", `/api/funds/${fundId}/receipts`, { donorName: "Công ty CP Sao Mai", donorPublic: "named", amount: 10_000_000, earmark, ...body });

  beforeAll(async () => {
    t = await createDemoApp(kind, { now: at("2026-11-23") });
    scheduler = new Scheduler(t.services);
    chuyenvien = await t.as("ctdChuyenVien");
    chutich = await t.as("ctdChuTich");
    ketoan = await t.as("ctdKeToan");
    const funds = (await (await t.request(ketoan, "GET", "/api/funds")).json()) as { items: { id: string }[] };
    fundId = funds.items[0]!.id;
    const otherFund = await t.unit({ kind: "fund", name: "Quỹ Cứu trợ MTTQ huyện Đăk Hà", parentId: DEMO_UNITS.mttqDakHa });
    await t.services.funds.create(otherFund.id, "Quỹ Cứu trợ MTTQ huyện Đăk Hà");
    otherSpecialist = await t.user({ grants: [{ role: "specialist", unitId: otherFund.id }] });
    otherAccountant = await t.user({ grants: [{ role: "accountant", unitId: otherFund.id }] });
  }, 180_000);
  afterAll(async () => t.close());

  it("refuses a receiving period of 91 days, at start and at submission after a draft was stretched", async () => {
    const res = await t.request(chuyenvien, "POST", "/api/instances", { workflow: "relief-campaign", data: campaign({ receivingEnd: "2027-02-21" }) });
    expect(res.status).toBe(422);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe("VALIDATION_FAILED");
    expect(body.error.fields).toEqual([expect.objectContaining({ path: "/receivingEnd", message: expect.stringContaining("không được quá 90 ngày (đã chọn 91 ngày, từ 23/11/2026 đến 21/02/2027)") })]);

    // 90 days is allowed; a draft stretched to 91 days is refused by the definition's own guard.
    const draft = await t.request(chuyenvien, "POST", "/api/instances", { workflow: "relief-campaign", data: campaign({ receivingEnd: "2027-02-20" }), draft: true });
    expect(draft.status, await draft.clone().text()).toBe(201);
    const { id, version } = (await draft.json()) as { id: string; version: number };
    const put = await t.request(chuyenvien, "PUT", `/api/instances/${id}/draft`, { data: campaign({ receivingEnd: "2027-02-21" }), expectedVersion: version });
    expect(put.status, await put.clone().text()).toBe(200);
    const submit = await send(chuyenvien, id, "SUBMIT");
    expect(submit.status).toBe(422);
    expect(((await submit.json()) as ErrorBody).error).toMatchObject({ code: "CONDITION_FAILED", message: "Thời gian tiếp nhận đóng góp của một cuộc vận động không được quá 90 ngày" });
  });

  it("lets no official of another unit open a campaign of this fund", async () => {
    const res = await t.request(otherSpecialist, "POST", "/api/instances", { workflow: "relief-campaign", data: campaign() });
    expect(res.status).toBe(403);
    expect(((await res.json()) as ErrorBody).error.message).toBe("Chỉ cán bộ của Quỹ được mở cuộc vận động của Quỹ");
    const applicant = await t.as("xaHaMon");
    expect((await t.request(applicant, "POST", "/api/instances", { workflow: "relief-campaign", data: campaign() })).status).toBe(403);
  });

  it("opens the campaign: approved by the fund's leader, its own earmark in the ledger, the distribution deadline 20 days after receiving", async () => {
    const res = await t.request(chuyenvien, "POST", "/api/instances", { workflow: "relief-campaign", data: campaign() });
    expect(res.status, await res.clone().text()).toBe(201);
    const started = (await res.json()) as Dossier;
    campaignId = started.id;
    await act(chuyenvien, campaignId, "SUBMIT");
    const opened = await act(chutich, campaignId, "APPROVE");
    earmark = opened.data.earmark as string;
    expect(earmark).toBe(`Ủng hộ đồng bào bị thiệt hại do bão số 13 (${started.code})`);
    expect(opened.data.dueDate).toBe("2027-01-11");
    const fund = (await (await t.request(ketoan, "GET", `/api/funds/${fundId}`)).json()) as { balances: { byEarmark: { earmark: string; balance: number }[] } };
    expect(fund.balances.byEarmark).toContainEqual({ earmark, balance: 0 });
    // One account per campaign: a second campaign cannot receive on this one's account while it runs.
    const twin = await t.request(chuyenvien, "POST", "/api/instances", { workflow: "relief-campaign", data: campaign({ name: "Ủng hộ đồng bào vùng lũ quét" }) });
    expect(twin.status).toBe(422);
    expect(((await twin.json()) as ErrorBody).error.fields).toEqual([
      expect.objectContaining({ path: "/bankAccount/accountNumber", message: `Tài khoản 5100201012345 đang dùng cho cuộc vận động "Ủng hộ đồng bào bị thiệt hại do bão số 13" (${started.code}): mỗi cuộc vận động có một tài khoản tiếp nhận riêng` }),
    ]);
  });

  it("records receipts on the campaign only within its receiving period, and only by the fund's accountant", async () => {
    const first = await receipt(ketoan, { receiptNumber: "VĐ13-001" });
    expect(first.status, await first.clone().text()).toBe(201);
    const anonymous = await receipt(ketoan, { receiptNumber: "VĐ13-002", donorName: "Trần Văn Bình", donorPublic: "anonymous", amount: 2_000_000 });
    expect(anonymous.status).toBe(201);
    // Money dated before the period is not the campaign's.
    const early = await receipt(ketoan, { receiptNumber: "VĐ13-000", date: "2026-11-22", backdateReason: "Chuyển khoản trước ngày phát động" });
    expect(early.status).toBe(422);
    expect(((await early.json()) as ErrorBody).error.message).toContain("ngày 22/11/2026 thời gian tiếp nhận chưa bắt đầu");
    // Another fund's accountant cannot see this fund at all.
    expect((await receipt(otherAccountant, { receiptNumber: "VĐ13-X" })).status).toBe(404);
    // Nor act on the campaign dossier.
    expect((await send(otherSpecialist, campaignId, "PUBLISH", { duty: "receipts", publishedOn: "2026-11-23", channel: "Cổng thông tin" })).status).toBe(404);

    t.clock.set(at("2026-12-23"));
    const late = await receipt(ketoan, { receiptNumber: "VĐ13-003" });
    expect(late.status).toBe(422);
    const body = (await late.json()) as ErrorBody;
    expect(body.error.code).toBe("CAMPAIGN_NOT_RECEIVING");
    expect(body.error.message).toBe('Cuộc vận động "Ủng hộ đồng bào bị thiệt hại do bão số 13" chỉ tiếp nhận từ 23/11/2026 đến hết 22/12/2026: ngày 23/12/2026 thời gian tiếp nhận đã kết thúc');
    expect(body.error.fields?.[0]?.path).toBe("/date");
    // Money that came in on the last day may still be recorded the next morning, backdated with a reason.
    const lastDay = await receipt(ketoan, { receiptNumber: "VĐ13-004", amount: 3_000_000, date: "2026-12-22", backdateReason: "Tiền chuyển khoản vào tối 22/12, sao kê nhận ngày 23/12" });
    expect(lastDay.status, await lastDay.clone().text()).toBe(201);
    // The fund's general money is not bound by the campaign's period.
    expect((await receipt(ketoan, { receiptNumber: "PT-2026-999", earmark: "" })).status).toBe(201);
  });

  it("closes receiving after its last day and reminds of the distribution deadline on the right mornings, then marks it late", async () => {
    const pending = async () => (await t.services.database.db.select().from(timers).where(eq(timers.instanceId, campaignId))).filter((x) => !x.firedAt && !x.cancelledAt);
    t.clock.set(at("2026-12-23", "06:00"));
    await scheduler.runDue();
    const view = async () => (await (await t.request(chuyenvien, "GET", `/api/instances/${campaignId}`)).json()) as Dossier;
    expect((await view()).state).toBe("distributing");
    const planned = (await pending()).map((x) => [x.eventType, x.fireAt.toISOString()]).sort((a, b) => a[1]!.localeCompare(b[1]!));
    // 07:00 in Vietnam 5 and 1 days before 11/01/2027; late from 00:00 on 12/01/2027.
    expect(planned).toEqual([
      ["REMIND", "2027-01-06T00:00:00.000Z"],
      ["REMIND", "2027-01-10T00:00:00.000Z"],
      ["MARK_LATE", "2027-01-11T17:00:00.000Z"],
    ]);

    // Other demo dossiers have timers too: count only this campaign's.
    const ids = new Set((await pending()).map((x) => x.id));
    const fired = async () => (await scheduler.runDue()).fired.filter((id) => ids.has(id));
    t.clock.set(at("2027-01-05", "23:00"));
    expect(await fired()).toEqual([]);
    t.clock.set(at("2027-01-06", "07:30"));
    expect(await fired()).toHaveLength(1);
    const notes = (await (await t.request(chuyenvien, "GET", "/api/notifications")).json()) as { items: { kind: string; instanceId: string | null; body: string }[] };
    expect(notes.items.filter((n) => n.instanceId === campaignId && n.kind === "reminder")).toHaveLength(1);
    expect((await view()).data.$reminders).toEqual(["2027-01-06"]);

    t.clock.set(at("2027-01-10", "07:05"));
    expect(await fired()).toHaveLength(1);
    t.clock.set(at("2027-01-11", "23:59"));
    expect(await fired()).toEqual([]);
    t.clock.set(at("2027-01-12", "00:01"));
    expect(await fired()).toHaveLength(1);
    expect((await view()).data).toMatchObject({ $late: true, $lateSince: "2027-01-12", $reminders: ["2027-01-06", "2027-01-10"] });
  });

  it("records each publication with its date and shows the campaign on the public page without personal data", async () => {
    await act(chuyenvien, campaignId, "PUBLISH", { duty: "receipts", publishedOn: "2026-12-26", channel: "Cổng thông tin điện tử Hội Chữ thập đỏ tỉnh", link: "https://chuthapdo.kontum.vn/bao-so-13" });
    await act(chuyenvien, campaignId, "FINISH_DISTRIBUTION", { finishedOn: "2027-01-12", summary: "Đã hỗ trợ 120 hộ dân bị sập nhà, tốc mái" });
    const refused = await send(chuyenvien, campaignId, "CLOSE");
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as ErrorBody).error.message).toContain("công khai kết quả tiếp nhận và kết quả phân phối");
    await act(chuyenvien, campaignId, "PUBLISH", { duty: "distribution", publishedOn: "2027-01-12", channel: "Báo Kon Tum số ra ngày 12/01/2027" });
    expect((await act(chuyenvien, campaignId, "CLOSE")).state).toBe("closed");

    const listRes = await t.request(null, "GET", `/api/public/funds/${fundId}/campaigns`);
    const text = await listRes.text();
    expect(listRes.status).toBe(200);
    expect(text).not.toContain("Trần Văn Bình");
    const [shown] = (JSON.parse(text) as { items: Record<string, unknown>[] }).items;
    expect(shown).toMatchObject({
      id: campaignId,
      name: "Ủng hộ đồng bào bị thiệt hại do bão số 13",
      earmark,
      receivingStart: "2026-11-23",
      receivingEnd: "2026-12-22",
      distributionDue: "2027-01-11",
      state: "closed",
      distributionFinishedOn: "2027-01-12",
      bankAccount: { accountNumber: "5100201012345" },
      totals: { receipts: 15_000_000, payouts: 0 },
      balance: 15_000_000,
      published: {
        receipts: { publishedOn: "2026-12-26", channel: "Cổng thông tin điện tử Hội Chữ thập đỏ tỉnh", link: "https://chuthapdo.kontum.vn/bao-so-13", dueBy: "2026-12-27", late: false },
        distribution: { publishedOn: "2027-01-12", channel: "Báo Kon Tum số ra ngày 12/01/2027", link: null, dueBy: "2027-01-17", late: false },
      },
    });
    // Only the campaign's own entries, donors as they agreed; no staff-only fields.
    expect((shown!.entries as { receiptNumber: string; donor: string }[]).map((e) => [e.receiptNumber, e.donor])).toEqual([
      ["VĐ13-001", "Công ty CP Sao Mai"],
      ["VĐ13-002", "Nhà hảo tâm (ẩn danh)"],
      ["VĐ13-004", "Công ty CP Sao Mai"],
    ]);
    for (const hidden of ["backdateReason", "recordedBy", "cccd", "note\":\"Tiền"]) expect(text).not.toContain(hidden);
    const one = await t.request(null, "GET", `/api/public/funds/campaigns/${campaignId}`);
    expect(((await one.json()) as { id: string }).id).toBe(campaignId);
    // A draft or any other dossier is not a public campaign.
    expect((await t.request(null, "GET", `/api/public/funds/campaigns/${fundId}`)).status).toBe(404);
  });
});
