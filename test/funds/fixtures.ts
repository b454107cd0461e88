import { expect } from "vitest";
import type { TestApp, TestUser } from "../support/harness";

/** A fund with its officials and two communes whose people ask for help. */
export type FundWorld = {
  fundId: string;
  fundUnit: string;
  dakKan: string;
  haMon: string;
  commune: TestUser;
  specialist: TestUser;
  chairman: TestUser;
  viceChairman: TestUser;
  accountant: TestUser;
};

export async function fundWorld(t: TestApp): Promise<FundWorld> {
  const province = await t.unit({ kind: "province", name: "Tỉnh Kon Tum" });
  const redCross = await t.unit({ kind: "association", name: "Hội Chữ thập đỏ tỉnh Kon Tum", parentId: province.id });
  const fundUnit = await t.unit({ kind: "fund", name: "Quỹ Trợ giúp nhân đạo tỉnh Kon Tum", parentId: redCross.id });
  const district = await t.unit({ kind: "district", name: "Huyện Ngọc Hồi", parentId: province.id });
  const dakKan = await t.unit({ kind: "commune", name: "Xã Đăk Kan", parentId: district.id });
  const haMon = await t.unit({ kind: "commune", name: "Xã Hà Mòn", parentId: district.id });
  const fund = await t.services.funds.create(fundUnit.id, "Quỹ Trợ giúp nhân đạo tỉnh Kon Tum");
  const at = (role: "specialist" | "leader" | "accountant") => ({ grants: [{ role, unitId: fundUnit.id }] });
  return {
    fundId: fund.id,
    fundUnit: fundUnit.id,
    dakKan: dakKan.id,
    haMon: haMon.id,
    commune: await t.user({ grants: [{ role: "applicant", unitId: dakKan.id }] }),
    specialist: await t.user(at("specialist")),
    chairman: await t.user(at("leader")),
    viceChairman: await t.user(at("leader")),
    accountant: await t.user(at("accountant")),
  };
}

export type Person = { fullName: string; birthYear: number; cccd?: string; amount: number };

export function requestData(w: FundWorld, people: Person[], name = "Hỗ trợ hộ khó khăn xã Đăk Kan") {
  return {
    name,
    fundUnit: w.fundUnit,
    purpose: "Hỗ trợ hộ gia đình có hoàn cảnh đặc biệt khó khăn",
    lines: people.map((p) => ({ ...p, unitId: w.dakKan, category: "Hoàn cảnh đặc biệt khó khăn", circumstances: "Nhà tạm, thu nhập thấp" })),
  };
}

export async function act(t: TestApp, user: TestUser, id: string, type: string, data?: unknown, status = 200) {
  const res = await t.request(user, "POST", `/api/instances/${id}/events`, data === undefined ? { type } : { type, data });
  const body = (await res.json()) as Record<string, unknown>;
  expect(res.status, `${type}: ${JSON.stringify(body)}`).toBe(status);
  return body;
}

/** Starts and submits a request; answers its id. */
export async function submitRequest(t: TestApp, w: FundWorld, people: Person[]): Promise<string> {
  const res = await t.request(w.commune, "POST", "/api/instances", { workflow: "fund-disbursement", data: requestData(w, people) });
  const body = (await res.json()) as { id: string };
  expect(res.status, JSON.stringify(body)).toBe(201);
  await act(t, w.commune, body.id, "SUBMIT");
  return body.id;
}

/** A request below the threshold taken to `payout` by one leader. */
export async function approvedRequest(t: TestApp, w: FundWorld, people: Person[]): Promise<string> {
  const id = await submitRequest(t, w, people);
  await act(t, w.specialist, id, "PROPOSE", { summary: "Đủ điều kiện" });
  await act(t, w.chairman, id, "APPROVE", {});
  return id;
}

export async function receipt(t: TestApp, w: FundWorld, amount: number, extra: Record<string, unknown> = {}) {
  const res = await t.request(w.accountant, "POST", `/api/funds/${w.fundId}/receipts`, {
    donorName: "Công ty TNHH Sao Mai",
    donorPublic: "named",
    amount,
    receiptNumber: `PT-${amount}`,
    ...extra,
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: string };
}

export async function balanceOf(t: TestApp, w: FundWorld): Promise<number> {
  const res = await t.request(w.accountant, "GET", `/api/funds/${w.fundId}`);
  return ((await res.json()) as { balances: { total: number } }).balances.total;
}
