import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PUBLIC_LIMIT } from "../../server/auth/public-rate-limit";
import { databaseKinds } from "../support/databases";
import { createTestApp, type TestApp } from "../support/harness";
import { act, createWorld, startFounding, view, type World } from "../time/founding-walk";

describe.each(databaseKinds)("public dossier status on %s", (kind) => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp(kind, { now: "2026-11-24T03:00:00Z" });
    w = await createWorld(t);
  });
  afterAll(async () => t.close());

  const lookup = (code: string, address = "198.51.100.7") => t.raw("GET", `/api/public/dossiers/${encodeURIComponent(code)}`, { address });

  it("shows procedure, step, received date, due date and result number without a login, and nothing personal", async () => {
    const id = await startFounding(t, w, "Hội Người cao tuổi Nguyễn Văn Bí Mật");
    const { code } = await view(t, w.applicant, id);
    const draft = await lookup(code.toLowerCase());
    expect(draft.status).toBe(200);
    expect(await draft.json()).toMatchObject({ code, step: { vi: "Đang soạn hồ sơ" }, receivedAt: null, due: null, resultNumber: null });

    t.clock.set("2026-11-24T03:00:00Z");
    await act(t, w.applicant, id, "SUBMIT");
    const review = await lookup(code);
    const body = (await review.json()) as Record<string, unknown>;
    expect(body).toEqual({
      code,
      procedure: { vi: "Thành lập hội", en: "Found an association" },
      step: { vi: "Thẩm định hồ sơ công nhận ban vận động", en: "Review the founding committee" },
      status: "active",
      receivedAt: "2026-11-24T03:00:00.000Z",
      due: "2027-01-06",
      daysLeft: 30,
      overdue: false,
      paused: false,
      resultNumber: null,
    });
    const text = JSON.stringify(body);
    for (const personal of ["Bí Mật", "Nguyễn Văn Hùng", "0620", w.applicant.id, id]) expect(text).not.toContain(personal);

    await act(t, w.specialist, id, "PROPOSE");
    await act(t, w.leader, id, "APPROVE");
    expect(await (await lookup(code)).json()).toMatchObject({ step: { vi: "Ban vận động đã được công nhận" }, resultNumber: "01/QĐ-SNV" });
  });

  it("answers 404 for an unknown or malformed code", async () => {
    for (const code of ["KT-2026-ZZZZZZ", "x", "' or 1=1 --"]) {
      const res = await lookup(code, "198.51.100.8");
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: "DOSSIER_NOT_FOUND" } });
    }
  });

  it(`limits one address to ${PUBLIC_LIMIT} look-ups a minute (429 with the error shape), others unaffected`, async () => {
    const address = "203.0.113.9";
    for (let i = 0; i < PUBLIC_LIMIT; i++) expect((await lookup("KT-2026-AAAAAA", address)).status).toBe(404);
    const limited = await lookup("KT-2026-AAAAAA", address);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await limited.json()).toMatchObject({ error: { code: "RATE_LIMITED", message: expect.stringContaining("thử lại") } });
    expect((await lookup("KT-2026-AAAAAA", "203.0.113.10")).status).toBe(404);
  });
});
