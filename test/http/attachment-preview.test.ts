import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/databases";
import { fixture, pdfBytes, uploadId } from "../support/files";
import { foundingApplication } from "../support/founding";
import { createTestApp, type TestApp, type TestUser } from "../support/harness";

const INLINE_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";

describe.each(databaseKinds)("attachments shown in place (the viewer) on %s", (kind) => {
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
  afterAll(async () => t.close());

  it("serves a PDF inline under a CSP that runs nothing, with nosniff and its Vietnamese name", async () => {
    const bytes = pdfBytes(4000, 31);
    const id = await uploadId(t, applicant, { bytes, name: "Đơn đề nghị.pdf", type: "application/pdf" });
    const res = await t.request(applicant, "GET", `/api/attachments/${id}/inline`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toBe(`inline; filename="Don de nghi.pdf"; filename*=UTF-8''%C4%90%C6%A1n%20%C4%91%E1%BB%81%20ngh%E1%BB%8B.pdf`);
    expect(res.headers.get("content-security-policy")).toBe(INLINE_CSP);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.compare(Buffer.from(await res.arrayBuffer()), Buffer.from(bytes))).toBe(0);
    // The download route still says "attachment".
    const download = await t.request(applicant, "GET", `/api/attachments/${id}`);
    expect(download.headers.get("content-disposition")).toMatch(/^attachment;/);
  });

  it("serves a PNG image inline", async () => {
    const id = await uploadId(t, applicant, { bytes: fixture("pixel.png"), name: "anh-chup.png", type: "image/png" });
    const res = await t.request(applicant, "GET", `/api/attachments/${id}/inline`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("content-disposition")).toMatch(/^inline;/);
    expect(res.headers.get("content-security-policy")).toBe(INLINE_CSP);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it.each([
    ["a DOCX document", fixture("sample.docx"), "ban-thao.docx"],
    ["an XLSX sheet", fixture("sample.xlsx"), "danh-sach.xlsx"],
  ])("refuses to show %s in place (415), which stays downloadable", async (_what, bytes, name) => {
    const id = await uploadId(t, applicant, { bytes, name });
    const res = await t.request(applicant, "GET", `/api/attachments/${id}/inline`);
    expect(res.status).toBe(415);
    expect(res.headers.get("content-disposition")).toBeNull();
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("UNSUPPORTED_FILE_TYPE");
    expect(body.error.message).toContain("tải tệp về");
    expect((await t.request(applicant, "GET", `/api/attachments/${id}`)).status).toBe(200);
  });

  it("keeps the download route's access rules: 401 without a session, 404 for a stranger, the official once handed in", async () => {
    const id = await uploadId(t, applicant, { bytes: pdfBytes(1500, 32), name: "ly-lich.pdf", type: "application/pdf" });
    const stranger = await t.user({ grants: [{ role: "applicant", unitId: province }] });
    expect((await t.request(null, "GET", `/api/attachments/${id}/inline`)).status).toBe(401);
    const denied = await t.request(stranger, "GET", `/api/attachments/${id}/inline`);
    expect(denied.status).toBe(404);
    expect(await denied.json()).toMatchObject({ error: { code: "ATTACHMENT_NOT_FOUND" } });
    expect((await t.request(specialist, "GET", `/api/attachments/${id}/inline`)).status).toBe(404);
    // A stranger learns nothing about the type either: a DOCX is 404 for him too, not 415.
    const docx = await uploadId(t, applicant, { bytes: fixture("sample.docx"), name: "x.docx" });
    expect((await t.request(stranger, "GET", `/api/attachments/${docx}/inline`)).status).toBe(404);
    expect((await t.request(applicant, "GET", "/api/attachments/00000000-0000-0000-0000-000000000000/inline")).status).toBe(404);

    const data = await foundingApplication(t, applicant, { criminalRecord: id, authorityUnit });
    const started = await t.request(applicant, "POST", "/api/instances", { workflow: "association-founding", data });
    expect(started.status).toBe(201);
    const dossier = (await started.json()) as { id: string };
    expect((await t.request(stranger, "GET", `/api/attachments/${id}/inline`)).status).toBe(404);
    expect((await t.request(applicant, "POST", `/api/instances/${dossier.id}/events`, { type: "SUBMIT" })).status).toBe(200);
    expect((await t.request(specialist, "GET", `/api/attachments/${id}/inline`)).status).toBe(200);
    expect((await t.request(stranger, "GET", `/api/attachments/${id}/inline`)).status).toBe(404);
  });
});
