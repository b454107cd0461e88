import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/databases";
import { fixture, pdfBytes, uploadId } from "../support/files";
import { foundingApplication } from "../support/founding";
import { createTestApp, type TestApp, type TestUser } from "../support/harness";

type Described = { id: string; sha256: string; size: number; mediaType: string; originalName: string; instanceId: string | null };

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

describe.each(databaseKinds)("attachments over HTTP on %s", (kind) => {
  let t: TestApp;
  let applicant: TestUser;
  let specialist: TestUser;
  let province: string;
  let authorityUnit: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    province = (await t.unit({ kind: "province", name: "Tỉnh Kon Tum" })).id;
    authorityUnit = (await t.unit({ kind: "office", name: "Sở Nội vụ", parentId: province })).id;
    applicant = await t.user({ grants: [{ role: "applicant", unitId: province }] });
    specialist = await t.user({ grants: [{ role: "specialist", unitId: authorityUnit }] });
  });
  const anotherApplicant = () => t.user({ grants: [{ role: "applicant", unitId: province }] });
  afterAll(async () => t.close());

  it("stores a PDF with its hash, size, type and Vietnamese name, starts a dossier with it, and serves it back byte-identical", async () => {
    const bytes = pdfBytes(3 * 1024 * 1024 + 17, 7); // larger than the 1 MB JSON body limit
    const name = "Đơn đề nghị công nhận (bản chính).pdf";
    const res = await t.upload(applicant, { bytes, name, type: "application/pdf" });
    expect(res.status, await res.clone().text()).toBe(201);
    const stored = (await res.json()) as Described;
    expect(stored).toMatchObject({ sha256: sha256(bytes), size: bytes.length, mediaType: "application/pdf", originalName: name, instanceId: null });

    const data = await foundingApplication(t, applicant, { applicationLetter: stored.id, authorityUnit });
    const started = await t.request(applicant, "POST", "/api/instances", { workflow: "association-founding", data });
    expect(started.status).toBe(201);
    const dossier = (await started.json()) as { id: string };

    const download = await t.request(applicant, "GET", `/api/attachments/${stored.id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(download.headers.get("content-length")).toBe(String(bytes.length));
    expect(download.headers.get("x-content-type-options")).toBe("nosniff");
    expect(download.headers.get("content-security-policy")).toContain("sandbox");
    expect(download.headers.get("content-disposition")).toBe(
      `attachment; filename="Don de nghi cong nhan (ban chinh).pdf"; filename*=UTF-8''${"%C4%90%C6%A1n%20%C4%91%E1%BB%81%20ngh%E1%BB%8B%20c%C3%B4ng%20nh%E1%BA%ADn%20%28b%E1%BA%A3n%20ch%C3%ADnh%29.pdf"}`,
    );
    const back = new Uint8Array(await download.arrayBuffer());
    expect(back.length).toBe(bytes.length);
    expect(sha256(back)).toBe(sha256(bytes));
    expect(Buffer.compare(Buffer.from(back), Buffer.from(bytes))).toBe(0);

    // It now belongs to the dossier; once handed in, the officials who may see the dossier may download it.
    const linked = await t.services.attachments.find(stored.id);
    expect(linked?.instanceId).toBe(dossier.id);
    expect((await t.request(specialist, "GET", `/api/attachments/${stored.id}`)).status).toBe(404);
    expect((await t.request(applicant, "POST", `/api/instances/${dossier.id}/events`, { type: "SUBMIT" })).status).toBe(200);
    expect((await t.request(specialist, "GET", `/api/attachments/${stored.id}`)).status).toBe(200);
  });

  it("serves a file only to its uploader or those who may see its dossier: 404 for another applicant", async () => {
    const id = await uploadId(t, applicant, { bytes: pdfBytes(1000, 8), name: "rieng.pdf" });
    const other = await anotherApplicant();
    const denied = await t.request(other, "GET", `/api/attachments/${id}`);
    expect(denied.status).toBe(404);
    expect(await denied.json()).toMatchObject({ error: { code: "ATTACHMENT_NOT_FOUND" } });
    // Not yet in a dossier: officials do not see it either.
    expect((await t.request(specialist, "GET", `/api/attachments/${id}`)).status).toBe(404);
    expect((await t.request(null, "GET", `/api/attachments/${id}`)).status).toBe(401);
    expect((await t.request(applicant, "GET", `/api/attachments/${id}`)).status).toBe(200);

    const data = await foundingApplication(t, applicant, { criminalRecord: id, authorityUnit });
    expect((await t.request(applicant, "POST", "/api/instances", { workflow: "association-founding", data })).status).toBe(201);
    expect((await t.request(other, "GET", `/api/attachments/${id}`)).status).toBe(404);
  });

  it.each([
    ["a PNG image", fixture("pixel.png"), "anh-chup.png", "image/png", "image/png"],
    ["a DOCX document", fixture("sample.docx"), "ban-thao.docx", "", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    ["an XLSX sheet", fixture("sample.xlsx"), "danh-sach.xlsx", "application/octet-stream", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    ["an ODT document", fixture("sample.odt"), "dieu-le.odt", "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.text"],
  ])("accepts %s, typed by its bytes", async (_what, bytes, name, type, mediaType) => {
    const res = await t.upload(applicant, { bytes, name, type });
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await res.json()).toMatchObject({ mediaType });
  });

  it.each([
    ["a ZIP archive", fixture("sample.zip"), "ho-so.zip", "application/zip"],
    ["plain text", new TextEncoder().encode("Xin chào, đây là văn bản."), "ghi-chu.txt", "text/plain"],
    ["HTML named .pdf", new TextEncoder().encode("<html><script>alert(1)</script></html>"), "don.pdf", "application/pdf"],
    ["a PNG declared as PDF", fixture("pixel.png"), "anh.png", "application/pdf"],
    ["a PDF named .docx", pdfBytes(500, 9), "ban-thao.docx", ""],
  ])("refuses %s with 415", async (_what, bytes, name, type) => {
    const res = await t.upload(applicant, { bytes, name, type });
    expect(res.status).toBe(415);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("UNSUPPORTED_FILE_TYPE");
    expect(body.error.message.length).toBeGreaterThan(0);
  });

  it("refuses a request without a file (422) or not in multipart (415)", async () => {
    const form = new FormData();
    form.append("other", "x");
    const none = await t.app.request("/api/attachments", { method: "POST", headers: { cookie: applicant.cookie, "x-csrf-token": applicant.csrfToken }, body: form });
    expect(none.status).toBe(422);
    expect(await none.json()).toMatchObject({ error: { fields: [{ path: "/file", message: "Chưa chọn tệp" }] } });
    expect((await t.request(applicant, "POST", "/api/attachments", { file: "x" })).status).toBe(415);
    expect((await t.upload(null, { bytes: pdfBytes(), name: "a.pdf" })).status).toBe(401);
  });

  it("stores the same content once", async () => {
    const bytes = pdfBytes(5000, 11);
    const a = (await (await t.upload(applicant, { bytes, name: "a.pdf" })).json()) as Described;
    const b = (await (await t.upload(await anotherApplicant(), { bytes, name: "b.pdf" })).json()) as Described;
    expect(a.id).not.toBe(b.id);
    expect(a.sha256).toBe(b.sha256);
    const rows = await t.services.attachments.find(a.id);
    const other = await t.services.attachments.find(b.id);
    expect(rows?.storageKey).toBe(other?.storageKey);
  });

  it("answers 404 for an unknown or malformed id", async () => {
    expect((await t.request(applicant, "GET", "/api/attachments/00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await t.request(applicant, "GET", "/api/attachments/..%2F..%2Fetc%2Fpasswd")).status).toBe(404);
  });
});

describe.each(databaseKinds)("upload size limit on %s", (kind) => {
  let t: TestApp;
  let applicant: TestUser;
  const LIMIT = 256 * 1024;
  beforeAll(async () => {
    t = await createTestApp(kind, { maxUploadBytes: LIMIT });
    applicant = await t.user({ grants: [{ role: "applicant", unitId: (await t.unit({ kind: "province" })).id }] });
  });
  afterAll(async () => t.close());

  it("accepts a file of exactly the limit", async () => {
    expect((await t.upload(applicant, { bytes: pdfBytes(LIMIT, 1), name: "vua-du.pdf" })).status).toBe(201);
  });

  it("refuses a file one byte over the limit with 413, in Vietnamese", async () => {
    const res = await t.upload(applicant, { bytes: pdfBytes(LIMIT + 1, 2), name: "qua-lon.pdf" });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE", message: "Tệp quá lớn (tối đa 256 KB)" } });
  });

  it("refuses a body far over the limit before reading it", async () => {
    const res = await t.upload(applicant, { bytes: pdfBytes(4 * LIMIT, 3), name: "rat-lon.pdf" });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE" } });
  });
});
