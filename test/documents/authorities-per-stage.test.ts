/**
 * Issue 18, items 2 and 8: who decides each stage of a provincial association's founding, and how the
 * documents they sign are headed and signed (Nghị định 30/2020/NĐ-CP). The field's Sở recognises the
 * founding committee; the Sở Nội vụ appraises and its director submits a tờ trình; the chairman of the
 * provincial People's Committee decides, or his deputy "KT. CHỦ TỊCH". A province that delegated the
 * decision publishes its founding definition with `decidedByPeopleCommittee: false`: the Sở decides.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtinDefinitions } from "../../workflows";
import { databaseKinds } from "../support/databases";
import { foundingApplication } from "../support/founding";
import { createTestApp, type TestApp, type TestUser } from "../support/harness";
import { act, type DossierView } from "../time/founding-walk";

type Detail = DossierView & { documents: { id: string; number: string; type: string }[]; data: Record<string, unknown> };
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe.each(databaseKinds)("authorities per stage and the signature block on %s", (kind) => {
  let t: TestApp;
  let province: string;
  let soNoiVu: string;
  let soYTe: string;
  let p: Record<"applicant" | "snvSpecialist" | "snvDirector" | "sytSpecialist" | "sytDirector" | "chairman" | "viceChairman", TestUser>;
  beforeAll(async () => {
    t = await createTestApp(kind, { now: "2026-12-07T03:00:00Z" });
    province = (await t.unit({ kind: "province", name: "Tỉnh Quảng Ngãi", code: "UBND" })).id;
    soNoiVu = (await t.unit({ kind: "office", name: "Sở Nội vụ tỉnh Quảng Ngãi", parentId: province, code: "SNV" })).id;
    soYTe = (await t.unit({ kind: "office", name: "Sở Y tế tỉnh Quảng Ngãi", parentId: province, code: "SYT" })).id;
    p = {
      applicant: await t.user({ displayName: "Người nộp", grants: [{ role: "applicant", unitId: province }] }),
      snvSpecialist: await t.user({ displayName: "Chuyên viên Sở Nội vụ", grants: [{ role: "specialist", unitId: soNoiVu }] }),
      snvDirector: await t.user({ displayName: "Lê Văn Đạo", grants: [{ role: "leader", unitId: soNoiVu, position: "Giám đốc" }] }),
      sytSpecialist: await t.user({ displayName: "Chuyên viên Sở Y tế", grants: [{ role: "specialist", unitId: soYTe }] }),
      sytDirector: await t.user({ displayName: "Phan Văn Khỏe", grants: [{ role: "leader", unitId: soYTe, position: "Giám đốc" }] }),
      chairman: await t.user({ displayName: "Võ Văn Tỉnh", grants: [{ role: "leader", unitId: province, position: "Chủ tịch" }] }),
      viceChairman: await t.user({ displayName: "Trần Phó Tỉnh", grants: [{ role: "leader", unitId: province, position: "Phó Chủ tịch" }] }),
    };
  }, 120_000);
  afterAll(async () => t.close());

  const start = async (fieldOfActivity: string, name: string) => {
    const data = await foundingApplication(t, p.applicant, { name, fieldOfActivity, authorityUnit: soNoiVu });
    const res = await t.request(p.applicant, "POST", "/api/instances", { workflow: "association-founding", data });
    expect(res.status, await res.clone().text()).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  const send = (user: TestUser, id: string, type: string) => t.request(user, "POST", `/api/instances/${id}/events`, { type, data: {} });
  const print = async (user: TestUser, docId: string) => (await t.request(user, "GET", `/api/documents/${docId}/print`)).text();

  it("a health association: the Sở Y tế recognises, the Sở Nội vụ submits, the vice-chairman signs for the People's Committee", async () => {
    const id = await start(" y  tế ", "Hội Điều dưỡng tỉnh");
    const submitted = (await act(t, p.applicant, id, "SUBMIT", {})) as Detail;
    // Kept with the dossier as the first submission resolved them (a reorganised tree later moves nothing).
    expect(submitted.data.$authorities).toEqual({ recognition: soYTe, recognitionBy: "fieldAgency", appraisal: soNoiVu, decision: province, submission: true });
    // Not the Sở Nội vụ's to recognise: it has no task on the dossier, so it does not even see it.
    expect((await send(p.snvSpecialist, id, "PROPOSE")).status).toBe(404);
    await act(t, p.sytSpecialist, id, "PROPOSE");
    expect((await send(p.snvDirector, id, "APPROVE")).status).toBe(404);
    const recognised = (await act(t, p.sytDirector, id, "APPROVE")) as Detail;
    expect(recognised.documents.map((d) => d.number)).toEqual(["01/QĐ-SYT"]);

    await act(t, p.applicant, id, "SUBMIT");
    // The Sở Y tế saw the dossier (its past task) but may not appraise it.
    expect((await send(p.sytSpecialist, id, "PROPOSE")).status).toBe(403);
    expect((await act(t, p.snvSpecialist, id, "PROPOSE")).state).toBe("foundingSubmission");
    // The chairman decides only on the Sở's tờ trình: until then the dossier is not his to see.
    expect((await send(p.chairman, id, "APPROVE")).status).toBe(404);
    const onSubmission = (await act(t, p.snvDirector, id, "SEND_SUBMISSION")) as Detail;
    expect(onSubmission.state).toBe("foundingDecision");
    expect((await send(p.snvDirector, id, "APPROVE")).status).toBe(403);
    const permitted = (await act(t, p.viceChairman, id, "APPROVE")) as Detail;
    expect(permitted.documents.map((d) => d.number)).toEqual(["01/QĐ-SYT", "01/TTr-SNV", "01/QĐ-UBND"]);

    const [recognition, submission, decision] = permitted.documents;
    const sytPage = await print(p.applicant, recognition!.id);
    for (const text of ["UBND TỈNH QUẢNG NGÃI", "SỞ Y TẾ", "GIÁM ĐỐC SỞ Y TẾ TỈNH QUẢNG NGÃI", "Phan Văn Khỏe", "Quảng Ngãi, ngày 07 tháng 12 năm 2026"]) expect(sytPage, text).toContain(text);
    const ttrPage = await print(p.applicant, submission!.id);
    for (const text of ["SỞ NỘI VỤ", "Số: 01/TTr-SNV", "TỜ TRÌNH", "kính trình Chủ tịch Ủy ban nhân dân", "Lê Văn Đạo"]) expect(ttrPage, text).toContain(text);
    const qdPage = await print(p.applicant, decision!.id);
    expect(qdPage).toContain(`<p class="issuer">ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI</p>`);
    expect(qdPage).not.toContain(`class="issuer-parent"`);
    for (const text of ["Số: 01/QĐ-UBND", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Phó Tỉnh"]) expect(qdPage, text).toContain(text);
  });

  it("a field the province has no Sở for is recognised by the Sở Nội vụ, where it was filed", async () => {
    const id = await start("Khuyến học", "Hội Khuyến học tỉnh");
    const submitted = (await act(t, p.applicant, id, "SUBMIT", {})) as Detail;
    expect(submitted.data.$authorities).toMatchObject({ recognition: soNoiVu, recognitionBy: "filedWith", decision: province });
    await act(t, p.snvSpecialist, id, "PROPOSE");
    const recognised = (await act(t, p.snvDirector, id, "APPROVE")) as Detail;
    expect(recognised.documents.map((d) => d.number)).toEqual(["01/QĐ-SNV"]);
    // The director signs alone: no TM., no KT.
    const page = await print(p.applicant, recognised.documents[0]!.id);
    expect(page).toContain(`<div class="role">GIÁM ĐỐC</div>`);
    expect(page).not.toContain("TM.");
  });

  it("a province that delegated the decision: the Sở Nội vụ's director decides, no tờ trình", async () => {
    const delegated = clone(builtinDefinitions.find((d) => (d as { key: string }).key === "association-founding")) as Record<string, any>;
    delegated.config.authorities.decidedByPeopleCommittee = false;
    delegated.configSources["authorities.decidedByPeopleCommittee"].note = "Quyết định ủy quyền của Ủy ban nhân dân tỉnh (thử)";
    await t.services.registry.publish(delegated as never, null);
    const id = await start("Y tế", "Hội Dược học tỉnh");
    const submitted = (await act(t, p.applicant, id, "SUBMIT", {})) as Detail;
    expect(submitted.data.$authorities).toMatchObject({ recognition: soYTe, decision: soNoiVu, submission: false });
    await act(t, p.sytSpecialist, id, "PROPOSE");
    await act(t, p.sytDirector, id, "APPROVE");
    await act(t, p.applicant, id, "SUBMIT");
    expect((await act(t, p.snvSpecialist, id, "PROPOSE")).state).toBe("foundingDecision");
    expect((await send(p.chairman, id, "APPROVE")).status).toBe(404);
    const permitted = (await act(t, p.snvDirector, id, "APPROVE")) as Detail;
    expect(permitted.documents.map((d) => d.number)).toEqual(["02/QĐ-SYT", "02/QĐ-SNV"]);
    // Put the built-in rule back for whatever runs after.
    await t.services.registry.publish(clone(builtinDefinitions.find((d) => (d as { key: string }).key === "association-founding")) as never, null);
  });
});
