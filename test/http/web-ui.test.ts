import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hono } from "hono";
import { afterAll, describe, expect, it } from "vitest";
import type { AppEnv } from "../../server/app-env";
import { onNotFound } from "../../server/errors";
import { webUiRoutes } from "../../server/web-ui";

/** The web UI's routes on a made-up build: pages fall back to index.html, the API keeps its JSON 404. */
function appOn(dist: string) {
  const app = new Hono<AppEnv>();
  app.notFound(onNotFound);
  app.get("/api/known", (c) => c.json({ ok: true }));
  app.route("/", webUiRoutes(dist));
  return app;
}

describe("web UI routes", () => {
  const dist = mkdtempSync(join(tmpdir(), "hoso-web-"));
  mkdirSync(join(dist, "assets"));
  writeFileSync(join(dist, "index.html"), "<!doctype html><title>Hoso</title><div id=root></div>");
  writeFileSync(join(dist, "assets", "app-abc123.js"), "console.log(1)");
  const app = appOn(dist);
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it.each(["/", "/inbox", "/dossiers/0b6b8f9e-1111-4222-8333-944444444444", "/lookup/KT-2026-7Q4M9X", "/funds", "/fund-desk"])("serves index.html for the page %s", async (path) => {
    const res = await app.request(path);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.headers.get("cache-control")).toBe("no-cache");
    expect(await res.text()).toContain('<div id=root>');
  });

  it("serves hashed assets with a long cache, and 404 for a missing one", async () => {
    const res = await app.request("/assets/app-abc123.js");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("immutable");
    expect(await res.text()).toBe("console.log(1)");
    const missing = await app.request("/assets/nope.js");
    expect(missing.status).toBe(404);
  });

  it("leaves the API alone: known routes answer, unknown ones get the JSON 404", async () => {
    expect(await (await app.request("/api/known")).json()).toEqual({ ok: true });
    const res = await app.request("/api/unknown");
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
  });

  it("without a build, pages answer 404 with a hint", async () => {
    const res = await appOn(join(dist, "missing")).request("/inbox");
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("npm run build");
  });
});
