import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { performance } from "node:perf_hooks";
import { databaseKinds } from "../support/databases";
import { createTestApp, type TestApp } from "../support/harness";
import { act, approvedRequest, fundWorld, requestData, type FundWorld, type Person } from "./fixtures";

/** The most lines a fund request may have (`maxItems` of the `fund-request` form). */
const MAX_LINES = Number(process.env.FUND_LINES ?? 200);

/** `n` distinct people, two of them named twice (flagged as the same person within the request). */
function people(n: number): Person[] {
  return Array.from({ length: n }, (_, i) => {
    const k = i % (n - 2) || n;
    const birthYear = 1950 + (k % 50);
    const cccd = `0621${String(birthYear % 100).padStart(2, "0")}${String(k).padStart(6, "0")}`;
    return { fullName: `Người Thứ ${k}`, birthYear, ...(k % 3 === 0 ? {} : { cccd }), amount: 500_000 + i };
  });
}

/**
 * Issue 16, item 5: a request at the largest allowed size is screened set-based (one query for all its
 * lines), so handing it in does not hold up other users. Measured and printed, not time-boxed.
 */
describe.each(databaseKinds)("a fund request at the line limit on %s", (kind) => {
  let t: TestApp;
  let w: FundWorld;
  beforeAll(async () => {
    t = await createTestApp(kind);
    w = await fundWorld(t);
  });
  afterAll(async () => t.close());

  it(`hands in ${MAX_LINES} lines while another user's inbox still answers; views are screened from one query`, async () => {
    // Earlier lines of the same people in another request, so the screening has matches to find.
    await approvedRequest(t, w, people(MAX_LINES).slice(0, 3));
    const started = await t.request(w.commune, "POST", "/api/instances", { workflow: "fund-disbursement", data: requestData(w, people(MAX_LINES)) });
    const body = (await started.json()) as { id: string };
    expect(started.status, JSON.stringify(body).slice(0, 500)).toBe(201);

    const t0 = performance.now();
    let submittedAt = 0;
    let inboxAt = 0;
    const submit = act(t, w.commune, body.id, "SUBMIT").then(() => (submittedAt = performance.now() - t0));
    // Another user's request sent while the big one is being processed.
    await new Promise((resolve) => setImmediate(resolve));
    const inbox = t.request(w.specialist, "GET", "/api/tasks").then(async (res) => {
      inboxAt = performance.now() - t0;
      return res;
    });
    const [, inboxRes] = await Promise.all([submit, inbox]);
    expect(inboxRes.status).toBe(200);

    const v0 = performance.now();
    const view = await t.request(w.specialist, "GET", `/api/instances/${body.id}`);
    const viewMs = performance.now() - v0;
    expect(view.status).toBe(200);
    const d0 = performance.now();
    const desk = await t.request(w.specialist, "GET", `/api/funds/requests/${body.id}`);
    const deskMs = performance.now() - d0;
    expect(desk.status).toBe(200);
    const screened = (await desk.json()) as { screening: { lineId: string; matches: { source: string }[] }[]; facts: { flaggedLines: number } };
    expect(screened.screening).toHaveLength(MAX_LINES);
    // Two people named twice, and three with earlier approved lines.
    const sources = new Set(screened.screening.flatMap((l) => l.matches.map((m) => m.source)));
    expect(sources).toEqual(new Set(["sameRequest", "approved"]));
    console.info(
      `[${kind}] ${MAX_LINES} lines: submit ${submittedAt.toFixed(0)} ms, other user's inbox answered at ${inboxAt.toFixed(0)} ms, ` +
        `dossier view ${viewMs.toFixed(0)} ms, fund desk screening ${deskMs.toFixed(0)} ms`,
    );
  });

  it(`refuses a request of more than ${MAX_LINES} lines with a field error (422), before any screening`, async () => {
    const res = await t.request(w.commune, "POST", "/api/instances", { workflow: "fund-disbursement", data: requestData(w, people(MAX_LINES + 1)) });
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as { error: { code: string; fields: { path: string; message: string }[] } };
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.fields).toEqual(expect.arrayContaining([expect.objectContaining({ path: "/lines", message: expect.stringContaining("200") })]));
  });
});
