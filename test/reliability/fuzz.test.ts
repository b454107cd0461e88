import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/databases";
import { createDemoApp, type DemoApp } from "../support/demo";
import { pdfBytes } from "../support/files";
import { foundingApplication } from "../support/founding";
import type { TestUser } from "../support/harness";
import { CONTENT_TYPES, MALFORMED_BODIES, NASTY_STRINGS, nastyBody, nastyQuery, pathParam } from "./fuzz-inputs";

/** Runs per route and caller; `FUZZ_RUNS=1000 npm run soak` for the long run. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
/** A request not answered within this is a hang (the suite's own timeout would only say "timed out"). */
const HANG_MS = 20_000;

export const fuzzStats = { requests: 0, byStatus: new Map<number, number>() };

describe.each(databaseKinds)("bad input finds no 500, no hang, and every refusal has the error shape, on %s", (kind) => {
  let t: DemoApp;
  let callers: (TestUser | null)[];
  let realIds: string[];
  let routes: { method: string; path: string }[];

  beforeAll(async () => {
    t = await createDemoApp(kind);
    const [admin, nguoinop, chuyenvien] = await Promise.all([t.as("admin"), t.as("nguoinop"), t.as("chuyenvien")]);
    callers = [admin, nguoinop, chuyenvien, null];
    const started = await t.request(nguoinop, "POST", "/api/instances", { workflow: "association-founding", data: await foundingApplication(t, nguoinop) });
    const dossier = (await started.json()) as { id: string };
    const tasks = (await (await t.request(chuyenvien, "GET", "/api/tasks")).json()) as { items: { id: string; dossierId: string }[] };
    realIds = [dossier.id, ...tasks.items.slice(0, 3).flatMap((i) => [i.id, i.dossierId]), "association-founding", "2026"];
    // Every route of the app but the web UI's pages; logging out would end the callers' sessions mid-run.
    routes = t.app.routes.filter((r) => r.method !== "ALL" && r.path !== "/*" && r.path !== "/api/auth/logout");
  });
  afterAll(async () => {
    const statuses = [...fuzzStats.byStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(" ");
    console.info(`fuzz (${kind}): ${fuzzStats.requests} requests so far, by status: ${statuses}`);
    await t.close();
  });

  async function send(caller: TestUser | null, method: string, path: string, body: string | undefined, contentType: string | undefined) {
    const headers: Record<string, string> = caller ? { cookie: caller.cookie, "x-csrf-token": caller.csrfToken } : {};
    if (contentType !== undefined) headers["content-type"] = contentType;
    const request = t.app.request(
      path,
      { method, headers, ...(body !== undefined && method !== "GET" ? { body } : {}) },
      { incoming: { socket: { remoteAddress: caller?.address ?? "192.0.2.77", remotePort: 40000, remoteFamily: "IPv4" } } },
    );
    let timer: NodeJS.Timeout | undefined;
    const hang = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`hang: ${method} ${path.slice(0, 200)}`)), HANG_MS)));
    const res = await Promise.race([Promise.resolve(request), hang]).finally(() => clearTimeout(timer));
    const text = await res.text();
    fuzzStats.requests++;
    fuzzStats.byStatus.set(res.status, (fuzzStats.byStatus.get(res.status) ?? 0) + 1);
    const what = `${method} ${path.slice(0, 300)} ${contentType ?? "(no type)"} ${String(body).slice(0, 300)} → ${res.status} ${text.slice(0, 500)}`;
    expect(res.status, what).toBeLessThan(500);
    // Outside /api/ (after URL normalisation, e.g. `/api/%2e%2e/x` is `/x`) the web UI answers, in HTML or text.
    const api = new URL(path, "http://localhost").pathname.startsWith("/api/");
    if (res.status >= 400 && api) {
      const parsed = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; fields?: unknown } };
      expect(typeof parsed.error?.code, what).toBe("string");
      expect(typeof parsed.error?.message, what).toBe("string");
      if (parsed.error?.fields !== undefined) expect(Array.isArray(parsed.error.fields), what).toBe(true);
    }
  }

  const fill = (path: string, params: string[]) => {
    let i = 0;
    return path.replace(/:[A-Za-z]+/g, () => params[i++] ?? "x");
  };

  it("fuzzes every route's path, query and body (fast-check)", async () => {
    for (const route of routes) {
      const params = (route.path.match(/:[A-Za-z]+/g) ?? []).length;
      await fc.assert(
        fc.asyncProperty(
          fc.array(pathParam(realIds), { minLength: params, maxLength: params }),
          nastyQuery,
          nastyBody,
          fc.constantFrom(...CONTENT_TYPES.slice(0, 3), ...CONTENT_TYPES),
          fc.nat(callers.length - 1),
          async (values, query, body, contentType, who) => {
            await send(callers[who]!, route.method, fill(route.path, values) + query, JSON.stringify(body), contentType);
          },
        ),
        { numRuns: RUNS, seed: 20261124 },
      );
    }
  });

  it("refuses malformed JSON, huge bodies, deep nesting and wrong content types on every writing route", async () => {
    const writing = routes.filter((r) => r.method !== "GET");
    for (const route of writing) {
      const path = fill(route.path, realIds);
      for (const body of MALFORMED_BODIES) await send(callers[0]!, route.method, path, body, "application/json");
      for (const type of CONTENT_TYPES) await send(callers[0]!, route.method, path, '{"type":"SUBMIT","data":{}}', type || undefined);
    }
  });

  it("answers requests with hostile paths and headers", async () => {
    const hostile = ["/api/instances/%00", "/api/instances/%E0%A4%A", "/api/%2e%2e/%2e%2e/etc/passwd", "/api//instances", "/api/instances/" + "a".repeat(10_000), "/api/tasks?page=99999999999999999999"];
    for (const path of hostile) for (const caller of callers) await send(caller, "GET", path, undefined, undefined);
    await send(callers[0]!, "POST", "/api/instances", "{}", "application/json; charset=\u00e9");
  });

  it("refuses nasty text inside otherwise valid bodies, as a 4xx, wherever it would be stored", async () => {
    const [admin, nguoinop] = callers as [TestUser, TestUser];
    for (const nasty of NASTY_STRINGS) {
      const text = nasty || "x";
      const bodies: [TestUser, string, string, unknown][] = [
        [nguoinop, "POST", "/api/instances", { workflow: "association-founding", draft: true, data: { name: text } }],
        [nguoinop, "POST", "/api/instances", { workflow: "association-founding", draft: true, data: { [text]: 1 } }],
        [nguoinop, "PUT", `/api/instances/${realIds[0]}/draft`, { data: { name: text } }],
        [admin, "POST", "/api/admin/units", { kind: "office", name: text }],
        [admin, "POST", "/api/admin/users", { username: `u${text}`, displayName: text, password: "mat-khau-dai-du" }],
        [nguoinop, "POST", "/api/auth/login", { username: text, password: text }],
      ];
      for (const [who, method, path, body] of bodies) await send(who, method, path, JSON.stringify(body), "application/json");
      const upload = await t.upload(nguoinop, { bytes: pdfBytes(1024), name: `${text}.pdf`, type: "application/pdf" });
      expect(upload.status, `upload named ${JSON.stringify(text)}`).toBeLessThan(500);
    }
  });
});
