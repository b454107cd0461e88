import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { member } from "../forms/samples";
import { databaseKinds } from "../support/databases";
import { uploadPdf } from "../support/files";
import { eventData, foundingApplication } from "../support/founding";
import { createTestApp, type TestApp, type TestUser } from "../support/harness";
import { expectEveryHistoryReplays } from "../support/replay";

type Field = { path: string; message: string; messageEn: string; code: string; form: string };
type Refusal = { error: { code: string; message: string; fields: Field[] } };
type View = {
  id: string;
  state: string;
  version: number;
  data: Record<string, unknown>;
  startForm: { key: string; version: number } | null;
  history: { type: string; data: unknown; form: { key: string; version: number } | null }[];
};

const WORKFLOW = "association-founding";
const FORM = "founding-committee-application";

describe.each(databaseKinds)("form data on dossiers over HTTP on %s", (kind) => {
  let t: TestApp;
  let applicant: TestUser;
  let specialist: TestUser;
  let admin: TestUser;
  let province: string;
  let authorityUnit: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    province = (await t.unit({ kind: "province", name: "Tỉnh Kon Tum" })).id;
    authorityUnit = (await t.unit({ kind: "office", name: "Sở Nội vụ", parentId: province })).id;
    applicant = await t.user({ grants: [{ role: "applicant", unitId: province }] });
    specialist = await t.user({ grants: [{ role: "specialist", unitId: authorityUnit }] });
    // The leader who decides on a proposed refusal.
    await t.user({ grants: [{ role: "leader", unitId: authorityUnit }] });
    admin = await t.user({ grants: [{ role: "admin", unitId: province }] });
  });
  const anotherApplicant = () => t.user({ grants: [{ role: "applicant", unitId: province }] });
  /** A complete application by `applicant` to Sở Nội vụ, its files uploaded. */
  const application = (overrides: Record<string, unknown> = {}) => foundingApplication(t, applicant, { authorityUnit, ...overrides });
  afterAll(async () => t.close());

  const view = async (id: string, user: TestUser = applicant) => (await (await t.request(user, "GET", `/api/instances/${id}`)).json()) as View;
  const startDraft = async (data: Record<string, unknown>, user = applicant) => {
    const res = await t.request(user, "POST", "/api/instances", { workflow: WORKFLOW, data, draft: true });
    expect(res.status, await res.clone().text()).toBe(201);
    return (await res.json()) as { id: string; version: number; state: string };
  };
  const send = (user: TestUser, id: string, body: Record<string, unknown>) => t.request(user, "POST", `/api/instances/${id}/events`, body);
  const saveDraft = (user: TestUser, id: string, body: Record<string, unknown>) => t.request(user, "PUT", `/api/instances/${id}/draft`, body);
  const countDossiers = async () => (await t.services.dossierReads.list(undefined, { page: 1, pageSize: 1 })).total;

  /** The Done-when case: no purpose, an 11-digit CCCD, 2 members at province scope. */
  async function threeMistakes() {
    const { purpose: _missing, ...rest } = await application();
    return { ...rest, scope: "province", members: [member(0), member(1, { cccd: "06207000100" })] };
  }
  const THREE_ERRORS = [
    expect.objectContaining({ path: "/purpose", message: "Trường này là bắt buộc", form: FORM }),
    expect.objectContaining({ path: "/members/1/cccd", message: "Số CCCD phải gồm 12 chữ số", form: FORM }),
    expect.objectContaining({ path: "/members", message: "Ban vận động cấp tỉnh phải có ít nhất 5 thành viên", form: FORM }),
  ];

  it("refuses an application with a missing field, an 11-digit CCCD and 2 members at province scope: 422 listing all three in Vietnamese, no dossier", async () => {
    const before = await countDossiers();
    const res = await t.request(applicant, "POST", "/api/instances", { workflow: WORKFLOW, data: await threeMistakes() });
    expect(res.status).toBe(422);
    const body = (await res.json()) as Refusal;
    expect(body.error.code).toBe("VALIDATION_FAILED");
    expect(body.error.message).toBe("Dữ liệu biểu mẫu không hợp lệ");
    expect(body.error.fields).toHaveLength(3);
    expect(body.error.fields).toEqual(expect.arrayContaining(THREE_ERRORS));
    expect(await countDossiers()).toBe(before);
  });

  it("refuses to hand in a draft that is still incomplete (a draft may miss fields, not hold a bad CCCD); the dossier stays as it was", async () => {
    const mistakes = await threeMistakes();
    expect((await t.request(applicant, "POST", "/api/instances", { workflow: WORKFLOW, data: mistakes, draft: true })).status).toBe(422);
    const draft = await startDraft({ ...mistakes, members: [member(0), member(1)] });
    const res = await send(applicant, draft.id, { type: "SUBMIT", expectedVersion: 1 });
    expect(res.status).toBe(422);
    const body = (await res.json()) as Refusal;
    expect(body.error.fields).toHaveLength(2);
    expect(body.error.fields).toEqual(expect.arrayContaining([THREE_ERRORS[0], THREE_ERRORS[2]]));
    const after = await view(draft.id);
    expect(after).toMatchObject({ state: "draft", version: 1 });
    expect(after.history.map((h) => h.type)).toEqual(["START"]);
  });

  it("starts a dossier from a complete application with its attached PDFs, recording the form version", async () => {
    const data = await application();
    const res = await t.request(applicant, "POST", "/api/instances", { workflow: WORKFLOW, data });
    expect(res.status).toBe(201);
    const started = (await res.json()) as { id: string; state: string };
    expect(started.state).toBe("draft");
    const dossier = await view(started.id);
    expect(dossier.startForm).toEqual({ key: FORM, version: 1 });
    expect(dossier.history[0]).toMatchObject({ type: "START", form: { key: FORM, version: 1 } });
    expect((await send(applicant, started.id, { type: "SUBMIT" })).status).toBe(200);
  });

  it("saves a draft with partial data, updates it, and hands it in once complete", async () => {
    const draft = await startDraft({ name: "Hội Nhà giáo hưu trí", scope: "province" });
    expect(draft).toMatchObject({ state: "draft", version: 1 });

    // Still unfinished: the committee has one member so far; no foreign name any more.
    const partial = { name: "Hội Nhà giáo hưu trí tỉnh", scope: "province", members: [member(0)] };
    const saved = await saveDraft(applicant, draft.id, { data: partial, expectedVersion: 1 });
    expect(saved.status, await saved.clone().text()).toBe(200);
    const afterSave = (await saved.json()) as View;
    expect(afterSave).toMatchObject({ state: "draft", version: 2, data: partial });
    expect(afterSave.history.at(-1)).toMatchObject({ type: "SAVE_DRAFT", data: partial, form: { key: FORM, version: 1 } });

    const early = await send(applicant, draft.id, { type: "SUBMIT", expectedVersion: 2 });
    expect(early.status).toBe(422);
    const missing = ((await early.json()) as Refusal).error.fields.map((f) => f.path);
    expect(missing).toEqual(expect.arrayContaining(["/purpose", "/members", "/applicationLetter"]));
    expect(await view(draft.id)).toMatchObject({ version: 2, state: "draft" });

    const complete = await application({ name: "Hội Nhà giáo hưu trí tỉnh" });
    expect((await saveDraft(applicant, draft.id, { data: complete, expectedVersion: 2 })).status).toBe(200);
    const submitted = await send(applicant, draft.id, { type: "SUBMIT", expectedVersion: 3 });
    expect(submitted.status).toBe(200);
    expect(await submitted.json()).toMatchObject({ state: "committeeReview", version: 4 });
    expect((await view(draft.id)).history.map((h) => h.type)).toEqual(["START", "SAVE_DRAFT", "SAVE_DRAFT", "SUBMIT"]);

    // Handed in: the specialist now sees it but may not edit the applicant's data; nor may the applicant.
    expect((await saveDraft(specialist, draft.id, { data: partial, expectedVersion: 4 })).status).toBe(403);
    const late = await saveDraft(applicant, draft.id, { data: partial, expectedVersion: 4 });
    expect(late.status).toBe(409);
    expect(await late.json()).toMatchObject({ error: { code: "EVENT_NOT_ALLOWED" } });
  });

  it("validates a draft's fields that are present (formats, types) and refuses a wrong one with 422", async () => {
    const res = await t.request(applicant, "POST", "/api/instances", {
      workflow: WORKFLOW,
      draft: true,
      data: { name: "Hội A", members: [member(0, { cccd: "123" })], scope: "village" },
    });
    expect(res.status).toBe(422);
    const paths = ((await res.json()) as Refusal).error.fields.map((f) => f.path).sort();
    expect(paths).toEqual(["/members/0/cccd", "/scope"]);
  });

  it("lets only the starter save a draft, with the current version; changes nothing otherwise", async () => {
    const draft = await startDraft({ name: "Hội B" });
    expect((await saveDraft(await anotherApplicant(), draft.id, { data: { name: "X" } })).status).toBe(404);
    expect((await saveDraft(specialist, draft.id, { data: { name: "X" } })).status).toBe(404);
    const stale = await saveDraft(applicant, draft.id, { data: { name: "X" }, expectedVersion: 7 });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ error: { code: "STALE_VERSION", currentVersion: 1 } });
    const wrong = await saveDraft(applicant, draft.id, { data: { name: 42 } });
    expect(wrong.status).toBe(422);
    expect(await view(draft.id)).toMatchObject({ version: 1, data: { name: "Hội B" } });
  });

  it("validates an event's form in full: 422 with every field, the dossier's version and history unchanged", async () => {
    const started = await t.request(applicant, "POST", "/api/instances", { workflow: WORKFLOW, data: await application() });
    const { id } = (await started.json()) as { id: string };
    expect((await send(applicant, id, { type: "SUBMIT" })).status).toBe(200);
    const res = await send(specialist, id, { type: "PROPOSE_REJECTION", data: { reasons: "" }, expectedVersion: 2 });
    expect(res.status).toBe(422);
    const fields = ((await res.json()) as Refusal).error.fields;
    expect(fields.map((f) => [f.path, f.form])).toEqual(
      expect.arrayContaining([
        ["/reasons", "refusal-reasons"],
        ["/legalBasis", "refusal-reasons"],
      ]),
    );
    expect(fields.every((f) => /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i.test(f.message))).toBe(true);
    const after = await view(id, specialist);
    expect(after).toMatchObject({ state: "committeeReview", version: 2 });
    expect(after.history).toHaveLength(2);

    const ok = await send(specialist, id, { type: "PROPOSE_REJECTION", data: await eventData(t, specialist, "PROPOSE_REJECTION"), expectedVersion: 2 });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as View).history.at(-1)).toMatchObject({ type: "PROPOSE_REJECTION", form: { key: "refusal-reasons", version: 1 } });
  });

  it("checks who may act before judging the data: the wrong role gets 403, not field errors", async () => {
    const started = await t.request(applicant, "POST", "/api/instances", { workflow: WORKFLOW, data: await application() });
    const { id } = (await started.json()) as { id: string };
    await send(applicant, id, { type: "SUBMIT" });
    expect((await send(applicant, id, { type: "PROPOSE_REJECTION", data: {} })).status).toBe(403);
  });

  it("validates a comment against the comment form", async () => {
    const { id } = await startDraft({ name: "Hội C" });
    expect((await send(applicant, id, { type: "COMMENT", data: { text: 5 } })).status).toBe(422);
    const ok = await send(applicant, id, { type: "COMMENT", data: { text: "Xin hỏi thời hạn giải quyết?" } });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as View).history.at(-1)).toMatchObject({ type: "COMMENT", form: { key: "comment" } });
  });

  describe("attachment references", () => {
    it("refuses an unknown attachment id with 422 naming the field", async () => {
      const data = await application({ criminalRecord: randomUUID(), cvs: ["att-khong-co"] });
      const res = await t.request(applicant, "POST", "/api/instances", { workflow: WORKFLOW, data });
      expect(res.status).toBe(422);
      const fields = ((await res.json()) as Refusal).error.fields;
      expect(fields.map((f) => f.path).sort()).toEqual(["/criminalRecord", "/cvs/0"]);
      expect(fields[0]!.message).toBe("Tệp đính kèm không tồn tại hoặc không thuộc hồ sơ này");
    });

    it("refuses another applicant's file, and a file that already belongs to another dossier", async () => {
      const other = await anotherApplicant();
      const theirs = await uploadPdf(t, other, "cua-nguoi-khac.pdf");
      const res = await t.request(applicant, "POST", "/api/instances", { workflow: WORKFLOW, data: await application({ criminalRecord: theirs }) });
      expect(res.status).toBe(422);
      expect(((await res.json()) as Refusal).error.fields.map((f) => f.path)).toEqual(["/criminalRecord"]);

      const first = await application();
      expect((await t.request(applicant, "POST", "/api/instances", { workflow: WORKFLOW, data: first })).status).toBe(201);
      const reused = await application({ applicationLetter: first.applicationLetter });
      const again = await t.request(applicant, "POST", "/api/instances", { workflow: WORKFLOW, data: reused });
      expect(again.status).toBe(422);
      expect(((await again.json()) as Refusal).error.fields.map((f) => f.path)).toEqual(["/applicationLetter"]);
    });

    it("lets two dossiers racing for one file not both have it", async () => {
      const shared = await uploadPdf(t, applicant, "chung.pdf");
      const [a, b] = await Promise.all([
        application({ criminalRecord: shared }),
        application({ criminalRecord: shared }),
      ]);
      const results = await Promise.all([a, b].map((data) => t.request(applicant, "POST", "/api/instances", { workflow: WORKFLOW, data })));
      expect(results.map((r) => r.status).sort()).toEqual([201, 422]);
    });
  });

  it("an event without a form takes no data but a short note (issue 17): 900 KB of made-up fields are refused, nothing stored", async () => {
    const started = await t.request(applicant, "POST", "/api/instances", { workflow: WORKFLOW, data: await application() });
    expect(started.status, await started.clone().text()).toBe(201);
    const { id, version } = (await started.json()) as { id: string; version: number };
    const padded = await send(applicant, id, { type: "SUBMIT", data: { notes: "x".repeat(900_000), extra: { nested: true } } });
    expect(padded.status, (await padded.clone().text()).slice(0, 300)).toBe(422);
    const refusal = (await padded.json()) as Refusal;
    expect(refusal.error.code).toBe("VALIDATION_FAILED");
    expect(refusal.error.fields.map((f) => f.path).sort()).toEqual(["/extra", "/notes"]);
    const long = await send(applicant, id, { type: "SUBMIT", data: { note: "y".repeat(2001) } });
    expect(((await long.json()) as Refusal).error.fields).toEqual([expect.objectContaining({ path: "/note", code: "maxLength" })]);
    expect((await view(id)).version).toBe(version);
    const noted = await send(applicant, id, { type: "SUBMIT", data: { note: "Kính gửi Sở Nội vụ" } });
    expect(noted.status, await noted.clone().text()).toBe(200);
    expect((await view(id)).history.at(-1)).toMatchObject({ type: "SUBMIT", data: { note: "Kính gửi Sở Nội vụ" } });
    // A double click: the second SUBMIT says it was already done, and when (Vietnam time), not "not allowed".
    const again = await send(applicant, id, { type: "SUBMIT", data: { note: "Kính gửi Sở Nội vụ" } });
    expect(again.status).toBe(409);
    const twice = (await again.json()) as Refusal & { error: { doneAt: string } };
    expect(twice.error.code).toBe("ALREADY_DONE");
    expect(twice.error.message).toMatch(/^Bạn đã thực hiện bước này lúc \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);
  });

  it("keeps a dossier on the form version it was filled with when a new version is published", async () => {
    const old = await startDraft(await application());
    const current = (await (await t.request(admin, "GET", `/api/forms/${FORM}`)).json()) as {
      version: number;
      schema: { properties: Record<string, unknown>; required: string[] };
      uischema: { type: string; elements: unknown[] };
    };
    const next = {
      key: FORM,
      title: { vi: "Đơn đề nghị công nhận ban vận động (mẫu mới)" },
      schema: {
        ...current.schema,
        properties: { ...current.schema.properties, phone: { type: "string", format: "phone-vn", title: "Số điện thoại liên hệ" } },
        required: [...current.schema.required, "phone"],
      },
      uischema: { ...current.uischema, elements: [...current.uischema.elements, { type: "Control", scope: "#/properties/phone" }] },
    };
    const published = await t.request(admin, "POST", "/api/forms", next);
    expect(published.status, await published.clone().text()).toBe(201);
    expect(await published.json()).toMatchObject({ version: current.version + 1 });

    // The old dossier is still judged by the version it was filled with: no phone needed.
    expect((await view(old.id)).startForm).toEqual({ key: FORM, version: current.version });
    expect((await send(applicant, old.id, { type: "SUBMIT" })).status).toBe(200);

    // A new dossier fills the new version.
    const without = await t.request(applicant, "POST", "/api/instances", { workflow: WORKFLOW, data: await application() });
    expect(without.status).toBe(422);
    expect(((await without.json()) as Refusal).error.fields).toEqual([expect.objectContaining({ path: "/phone", message: "Trường này là bắt buộc" })]);
    const withPhone = await t.request(applicant, "POST", "/api/instances", { workflow: WORKFLOW, data: await application({ phone: "0912345678" }) });
    expect(withPhone.status).toBe(201);
    const fresh = await view(((await withPhone.json()) as { id: string }).id);
    expect(fresh.startForm).toEqual({ key: FORM, version: current.version + 1 });

    const v1 = (await (await t.request(applicant, "GET", `/api/forms/${FORM}?version=${current.version}`)).json()) as { schema: { properties: object } };
    expect(v1.schema.properties).not.toHaveProperty("phone");
  });

  it("replays every history, drafts included, to exactly the stored snapshot", async () => {
    expect(await expectEveryHistoryReplays(t)).toBeGreaterThan(5);
  });
});
