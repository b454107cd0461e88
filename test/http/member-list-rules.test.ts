/**
 * Issue 17, item 3 (a subset): a founding committee names each person once (one CCCD per member) and
 * exactly one head. The same CCCD three times, or no head, no longer satisfies "at least 3 members".
 * A draft may still lack its head; never two heads or a repeated CCCD.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { member } from "../forms/samples";
import { databaseKinds } from "../support/databases";
import { foundingApplication } from "../support/founding";
import { createTestApp, type TestApp, type TestUser } from "../support/harness";

type Refusal = { error: { code: string; fields: { path: string; code?: string; message: string }[] } };
const WORKFLOW = "association-founding";

describe.each(databaseKinds)("a founding committee's member list on %s", (kind) => {
  let t: TestApp;
  let applicant: TestUser;
  let authorityUnit: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    const province = (await t.unit({ kind: "province", name: "Tỉnh Kon Tum" })).id;
    authorityUnit = (await t.unit({ kind: "office", name: "Sở Nội vụ", parentId: province })).id;
    applicant = await t.user({ grants: [{ role: "applicant", unitId: province }] });
    await t.user({ grants: [{ role: "specialist", unitId: authorityUnit }] });
  });
  afterAll(async () => t.close());

  const start = async (members: Record<string, unknown>[], draft = false) => {
    const data = await foundingApplication(t, applicant, { authorityUnit, members });
    return t.request(applicant, "POST", "/api/instances", { workflow: WORKFLOW, data, ...(draft ? { draft: true } : {}) });
  };
  const refused = async (res: Response) => {
    const body = (await res.json()) as Refusal;
    expect(res.status, JSON.stringify(body)).toBe(422);
    return body.error.fields.map((f) => [f.path, f.message]);
  };
  const count = async () => (await t.services.dossierReads.list(undefined, { page: 1, pageSize: 1 })).total;
  const HEAD = "Ban vận động phải có đúng một Trưởng ban (chọn chức danh Trưởng ban cho một người)";

  it("refuses one CCCD for several members, naming each repeat", async () => {
    const before = await count();
    const cccd = "062070001000";
    const same = [0, 1, 2, 3, 4].map((i) => member(i, { cccd }));
    expect(await refused(await start(same))).toEqual([
      ["/members/1/cccd", "Số CCCD 062070001000 đã khai cho thành viên thứ 1: mỗi người một số CCCD"],
      ["/members/2/cccd", "Số CCCD 062070001000 đã khai cho thành viên thứ 1: mỗi người một số CCCD"],
      ["/members/3/cccd", "Số CCCD 062070001000 đã khai cho thành viên thứ 1: mỗi người một số CCCD"],
      ["/members/4/cccd", "Số CCCD 062070001000 đã khai cho thành viên thứ 1: mỗi người một số CCCD"],
    ]);
    // Nor in a draft: a repeated person is never unfinished work.
    expect(await refused(await start(same, true))).toHaveLength(4);
    expect(await count()).toBe(before);
  });

  it("needs exactly one head: none and two are refused; a draft may still lack one", async () => {
    const before = await count();
    const noHead = [0, 1, 2, 3, 4].map((i) => member(i, { role: "member" }));
    const twoHeads = [0, 1, 2, 3, 4].map((i) => member(i, { role: i < 2 ? "head" : "member" }));
    expect(await refused(await start(noHead))).toEqual([["/members", HEAD]]);
    expect(await refused(await start(twoHeads))).toEqual([["/members", HEAD]]);
    expect(await refused(await start(twoHeads, true))).toEqual([["/members", HEAD]]);
    expect(await count()).toBe(before);
    const draft = await start(noHead, true);
    expect(draft.status, await draft.clone().text()).toBe(201);
    const ok = await start([0, 1, 2, 3, 4].map((i) => member(i)));
    expect(ok.status, await ok.clone().text()).toBe(201);
  });
});
