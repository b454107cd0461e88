/**
 * Since 01/07/2025 there is no district level (Nghị định 129/2025/NĐ-CP, Điều 59): a founding dossier
 * names its scope national, province or commune; a commune association's authority is the commune, whose
 * People's Committee chairman decides. Dossiers stored with `district` before keep loading and running on
 * the form and workflow versions they were started with.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtinDefinitions } from "../../workflows";
import { builtinForms } from "../../forms";
import { databaseKinds } from "../support/databases";
import { foundingApplication } from "../support/founding";
import { createTestApp, type TestApp, type TestUser } from "../support/harness";
import { act, type DossierView } from "../time/founding-walk";
import { members } from "../forms/samples";

type Problem = { error: { code: string; fields?: { path: string; message: string }[] } };
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const founding = () => clone(builtinDefinitions.find((d) => (d as { key: string }).key === "association-founding")) as Record<string, any>;
const committeeForm = () => clone(builtinForms.find((f) => (f as { key: string }).key === "founding-committee-application")) as Record<string, any>;

describe.each(databaseKinds)("two-tier local government on %s", (kind) => {
  let t: TestApp;
  let applicant: TestUser;
  let soNoiVu: string;
  let commune: { id: string; chairman: TestUser; officer: TestUser };
  beforeAll(async () => {
    t = await createTestApp(kind, { now: "2026-12-04T03:00:00Z" });
    const province = await t.unit({ kind: "province", name: "Tỉnh Quảng Ngãi" });
    soNoiVu = (await t.unit({ kind: "office", name: "Sở Nội vụ tỉnh Quảng Ngãi", parentId: province.id, code: "SNV" })).id;
    const xa = await t.unit({ kind: "commune", name: "Ủy ban nhân dân xã Đăk Hà", parentId: province.id, code: "UBND" });
    commune = {
      id: xa.id,
      chairman: await t.user({ displayName: "Chủ tịch UBND xã", grants: [{ role: "leader", unitId: xa.id }] }),
      officer: await t.user({ displayName: "Công chức Văn hóa - Xã hội", grants: [{ role: "specialist", unitId: xa.id }] }),
    };
    applicant = await t.user({ displayName: "Người nộp", grants: [{ role: "applicant", unitId: province.id }] });
    await t.user({ grants: [{ role: "specialist", unitId: soNoiVu }] });
  }, 120_000);
  afterAll(async () => t.close());

  const start = async (data: Record<string, unknown>) => t.request(applicant, "POST", "/api/instances", { workflow: "association-founding", data });

  it("refuses a new dossier at district scope with 422 on /scope", async () => {
    const res = await start(await foundingApplication(t, applicant, { scope: "district", authorityUnit: commune.id, members: members(3) }));
    expect(res.status).toBe(422);
    const body = (await res.json()) as Problem;
    expect(body.error.fields?.map((f) => f.path)).toEqual(["/scope"]);
  });

  it("refuses a commune association whose authority is not a commune (422 on /authorityUnit)", async () => {
    const res = await start(await foundingApplication(t, applicant, { scope: "commune", authorityUnit: soNoiVu, members: members(3) }));
    expect(res.status).toBe(422);
    const body = (await res.json()) as Problem;
    expect(body.error.fields).toEqual([expect.objectContaining({ path: "/authorityUnit", message: "Đơn vị được chọn phải là xã, phường" })]);
  });

  it("a commune association: the commune officer reviews, its chairman signs the recognition 01/QĐ-UBND", async () => {
    const res = await start(await foundingApplication(t, applicant, { name: "Hội Người cao tuổi thôn 1", scope: "commune", authorityUnit: commune.id, members: members(3) }));
    expect(res.status).toBe(201);
    const id = ((await res.json()) as { id: string }).id;
    await act(t, applicant, id, "SUBMIT");
    await act(t, commune.officer, id, "PROPOSE");
    const decided = (await act(t, commune.chairman, id, "APPROVE")) as DossierView & { documents: { number: string }[] };
    expect(decided.state).toBe("committeeRecognized");
    expect(decided.documents.map((d) => d.number)).toEqual(["01/QĐ-UBND"]);
  });

  it("a dossier stored at district scope under the earlier versions still loads, shows its scope and runs on", async () => {
    const { forms, registry } = t.services;
    const oldForm = committeeForm();
    oldForm.schema.properties.scope.oneOf.splice(2, 0, { const: "district", title: "Huyện" });
    const oldFlow = founding();
    oldFlow.config.minCommitteeMembers.district = 3;
    oldFlow.config.minRegisteredMembers.district = 20;
    await forms.publish(oldForm, null);
    await registry.publish(oldFlow, null);
    const res = await start(await foundingApplication(t, applicant, { name: "Hội Sinh vật cảnh huyện", scope: "district", authorityUnit: soNoiVu, members: members(3) }));
    expect(res.status).toBe(201);
    const stored = (await res.json()) as { id: string };
    // Today's versions come back (a new province or decree would publish them the same way).
    await forms.publish(committeeForm(), null);
    await registry.publish(founding(), null);
    const now = await start(await foundingApplication(t, applicant, { scope: "district", authorityUnit: soNoiVu, members: members(3) }));
    expect(now.status).toBe(422);

    const view = await t.request(applicant, "GET", `/api/instances/${stored.id}`);
    expect(view.status).toBe(200);
    const body = (await view.json()) as { data: { scope: string }; startForm: { version: number } };
    expect(body.data.scope).toBe("district");
    const form = await forms.get("founding-committee-application", body.startForm.version, t.services.database.db);
    expect(JSON.stringify(form.schema)).toContain('"const":"district"');
    expect((await act(t, applicant, stored.id, "SUBMIT")).state).toBe("committeeReview");
  });
});
