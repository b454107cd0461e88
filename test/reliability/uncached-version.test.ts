import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../server/app";
import { createServices, type Services } from "../../server/services";
import { builtinDefinitions } from "../../workflows/builtin";
import { databaseKinds } from "../support/databases";
import { foundingApplication } from "../support/founding";
import { createTestApp, type TestApp, type TestUser } from "../support/harness";

/** Fails (instead of hanging the run) when `work` does not settle within `seconds`: a liveness check, not a timing one. */
function answersWithin<T>(work: Promise<T>, seconds: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const stuck = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${seconds} s`)), seconds * 1000);
  });
  return Promise.race([work, stuck]).finally(() => clearTimeout(timer));
}

/**
 * Issue 16, item 2: a step on a dossier whose workflow version is not in the compiled cache (after a
 * restart, or an older version once an admin published a new one) must read that version inside its own
 * transaction. On PGlite (one connection) a read beside the open transaction waits for it forever.
 */
describe.each(databaseKinds)("steps on a workflow version not cached, on %s", (kind) => {
  let t: TestApp;
  let applicant: TestUser;
  let specialist: TestUser;
  let authorityUnit: string;
  /** The same database served by a second, freshly started process (empty caches). */
  let restarted: { app: App; services: Services };
  beforeAll(async () => {
    t = await createTestApp(kind);
    const province = await t.unit({ kind: "province", name: "Tỉnh Kon Tum" });
    const snv = await t.unit({ kind: "office", name: "Sở Nội vụ", parentId: province.id });
    authorityUnit = snv.id;
    applicant = await t.user({ grants: [{ role: "applicant", unitId: province.id }] });
    specialist = await t.user({ grants: [{ role: "specialist", unitId: snv.id }] });
  });
  afterAll(async () => t.close());

  const request = (app: App, user: TestUser, method: string, path: string, body?: unknown) =>
    Promise.resolve(
      app.request(
        path,
        {
          method,
          headers: { cookie: user.cookie, "x-csrf-token": user.csrfToken, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        },
        { incoming: { socket: { remoteAddress: user.address, remotePort: 40000, remoteFamily: "IPv4" } } },
      ),
    );

  it("saves a draft of a dossier on an older version after a restart, and the server still answers afterwards", async () => {
    const data = await foundingApplication(t, applicant, { name: "Hội Làm vườn xã", authorityUnit });
    const started = await t.request(applicant, "POST", "/api/instances", { workflow: "association-founding", data, draft: true });
    expect(started.status).toBe(201);
    const draft = (await started.json()) as { id: string; workflowVersion: number };
    // An admin publishes a new version; the dossier stays on its own.
    const builtin = builtinDefinitions.find((d) => (d as { key: string }).key === "association-founding") as Record<string, unknown>;
    const newer = await t.services.registry.publish({ ...builtin, description: { vi: "Phiên bản mới", en: "A newer version" } }, null);
    expect(newer.version).toBeGreaterThan(draft.workflowVersion);
    // A restart: new services on the same database, so only the versions read at start-up are compiled.
    const services = await createServices({ database: t.services.database, clock: t.clock });
    restarted = { app: createApp(services), services };

    const saved = await answersWithin(
      request(restarted.app, applicant, "PUT", `/api/instances/${draft.id}/draft`, { data: { ...data, name: "Hội Làm vườn xã Đắk Hà" } }),
      10,
      "the draft save",
    );
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ version: 2, workflowVersion: draft.workflowVersion, title: "Hội Làm vườn xã Đắk Hà" });
    const inbox = await answersWithin(request(restarted.app, specialist, "GET", "/api/tasks"), 10, "a later request");
    expect(inbox.status).toBe(200);
  });
});
