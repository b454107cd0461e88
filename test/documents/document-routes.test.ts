import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validSamples } from "../forms/samples";
import { databaseKinds } from "../support/databases";
import { createTestApp, type TestApp, type TestUser } from "../support/harness";
import { act, createWorld, startFounding, type World } from "../time/founding-walk";

type Ref = { id: string; number: string; type: string; title: string; issuedAt: string };

describe.each(databaseKinds)("document routes on %s", (kind) => {
  let t: TestApp;
  let w: World;
  let outsider: TestUser;
  let dossierId: string;
  let doc: Ref;
  beforeAll(async () => {
    t = await createTestApp(kind, { now: "2026-11-24T03:00:00Z" });
    w = await createWorld(t);
    const elsewhere = await t.unit({ kind: "office", name: "Sở Tư pháp", code: "STP" });
    outsider = await t.user({ grants: [{ role: "leader", unitId: elsewhere.id }] });
    dossierId = await startFounding(t, w, `Hội "Bạn" <script>alert(1)</script>`);
    await act(t, w.applicant, dossierId, "SUBMIT");
    await act(t, w.specialist, dossierId, "PROPOSE");
    // The leader who signs is the account that approves; a name typed into the form is refused, not printed.
    const director = await t.user({ displayName: "Lê Văn Lãnh", grants: [{ role: "leader", unitId: w.authority }] });
    const forged = await t.request(director, "POST", `/api/instances/${dossierId}/events`, {
      type: "APPROVE",
      data: { ...(validSamples.decision as Record<string, unknown>), signer: "Nguyễn Giả Mạo", signerTitle: "Giám đốc", effectiveDate: "2026-12-01" },
    });
    expect(forged.status).toBe(422);
    expect(((await forged.json()) as { error: { fields: { path: string }[] } }).error.fields.map((f) => f.path).sort()).toEqual(["/signer", "/signerTitle"]);
    const approved = await act(t, director, dossierId, "APPROVE", { ...(validSamples.decision as Record<string, unknown>), effectiveDate: "2026-12-01" });
    doc = (approved as unknown as { documents: Ref[] }).documents[0]!;
  });
  afterAll(async () => t.close());

  it("lists the dossier's documents on the dossier and under /api/documents", async () => {
    expect(doc).toMatchObject({ number: "01/QĐ-SNV", type: "QĐ", issuedAt: "2026-11-24T03:00:00.000Z" });
    expect(doc.title).toBe(`Về việc công nhận Ban vận động thành lập Hội "Bạn" <script>alert(1)</script>`);
    const listed = await t.request(w.applicant, "GET", `/api/documents?instance=${dossierId}`);
    expect(listed.status).toBe(200);
    expect(((await listed.json()) as { items: Ref[] }).items.map((d) => d.id)).toEqual([doc.id]);
    const one = await t.request(w.specialist, "GET", `/api/documents/${doc.id}`);
    expect(await one.json()).toMatchObject({
      id: doc.id,
      number: "01/QĐ-SNV",
      instanceId: dossierId,
      signer: { name: "Lê Văn Lãnh", title: "Lãnh đạo" },
      // Nghị định 30/2020: the governing body abbreviated above the issuer's short name.
      body: { issuerName: "Sở Nội vụ", parentIssuerName: "UBND tỉnh Kon Tum", place: "Kon Tum", form: { effectiveDate: "2026-12-01" } },
    });
  });

  it("prints an A4 page in the Nghị định 30/2020 layout, every value escaped, no script allowed", async () => {
    const res = await t.request(w.leader, "GET", `/api/documents/${doc.id}/print`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = await res.text();
    for (const text of [
      "UBND TỈNH KON TUM",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "Số: 01/QĐ-SNV",
      "Kon Tum, ngày 24 tháng 11 năm 2026",
      "QUYẾT ĐỊNH",
      "Căn cứ Nghị định số 126/2024/NĐ-CP",
      "có hiệu lực kể từ ngày 01/12/2026",
      "Nơi nhận:",
      "LÃNH ĐẠO SỞ NỘI VỤ",
      "Lê Văn Lãnh",
      "@page { size: A4",
    ]) {
      expect(html, text).toContain(text);
    }
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("Giả Mạo");
    expect(html).toContain("&#60;script&#62;alert(1)&#60;/script&#62;");
  });

  it("answers 404 to those who may not see the dossier, and 401 without a session", async () => {
    for (const path of [`/api/documents/${doc.id}`, `/api/documents/${doc.id}/print`, `/api/documents?instance=${dossierId}`]) {
      expect((await t.request(outsider, "GET", path)).status, path).toBe(404);
      expect((await t.request(null, "GET", path)).status, path).toBe(401);
    }
    expect((await t.request(w.leader, "GET", "/api/documents/not-a-uuid")).status).toBe(404);
    expect((await t.request(w.leader, "GET", "/api/documents?instance=00000000-0000-4000-8000-000000000000")).status).toBe(404);
  });
});
