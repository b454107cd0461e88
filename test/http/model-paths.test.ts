import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtinDefinitions, currentStateName, isFinalState, type CompiledWorkflow } from "../../workflows";
import { validSamples } from "../forms/samples";
import { databaseKinds } from "../support/databases";
import { uploadPdf } from "../support/files";
import { foundingApplication } from "../support/founding";
import { createTestApp, type TestApp, type TestUser } from "../support/harness";
import { compiled, declaredTypes, modelPaths, startSample, transitionsOf, type ModelStep } from "../support/model-paths";
import { expectEveryHistoryReplays } from "../support/replay";

/**
 * Model-based paths over HTTP (issue 16): the generated paths of `association-founding` that a person
 * takes to an outcome (no timer on the way) run through the server. At every step each user is offered
 * what the engine offers; every declared event not offered to a user is refused with a 4xx that changes
 * nothing; the path's event is accepted and lands where XState's walk did; every history replays to the
 * stored snapshot.
 */

type View = { state: string; version: number; availableEvents: { type: string }[] };

const wf: CompiledWorkflow = compiled(builtinDefinitions.find((d) => (d as { key: string }).key === "association-founding"));
const outcomes: ModelStep[][] = modelPaths(wf, startSample(wf)).filter(
  (path) =>
    path.length > 0 &&
    path.every((s) => !s.event.actor.system) &&
    typeof path.at(-1)!.value === "string" &&
    isFinalState(wf, path.at(-1)!.value as string),
);

/** The sample data of a form with each `att-…` attachment really uploaded by `user`. */
async function withUploads(t: TestApp, user: TestUser, value: unknown): Promise<unknown> {
  if (typeof value === "string" && value.startsWith("att-")) return uploadPdf(t, user, `${value}.pdf`);
  if (Array.isArray(value)) return Promise.all(value.map((v) => withUploads(t, user, v)));
  if (value && typeof value === "object") {
    const entries = await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await withUploads(t, user, v)] as const));
    return Object.fromEntries(entries);
  }
  return value;
}

describe.each(databaseKinds)("generated paths of association-founding over HTTP on %s", (kind) => {
  let t: TestApp;
  let users: Record<string, TestUser>;
  let authorityUnit: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    const province = await t.unit({ kind: "province", name: "Tỉnh Kon Tum" });
    const snv = await t.unit({ kind: "office", name: "Sở Nội vụ", parentId: province.id });
    authorityUnit = snv.id;
    // The pure model's actors, as people of the test world.
    users = {
      "u-starter": await t.user({ grants: [{ role: "applicant", unitId: province.id }] }),
      "u-spec": await t.user({ grants: [{ role: "specialist", unitId: snv.id }] }),
      // The model has one kind of leader: here the Sở's director who also chairs the People's Committee.
      "u-lead": await t.user({ grants: [{ role: "leader", unitId: snv.id }, { role: "leader", unitId: province.id }] }),
      "u-acc": await t.user({ grants: [{ role: "accountant", unitId: snv.id }] }),
    };
  });
  afterAll(async () => t.close());

  it("has paths to several outcomes", () => {
    expect(outcomes.length).toBeGreaterThanOrEqual(3);
  });

  it.each(outcomes.map((p) => [p.map((s) => s.event.type).join(" → "), p] as const))("%s", async (_name, path) => {
    const applicant = users["u-starter"]!;
    const data = await foundingApplication(t, applicant, { authorityUnit });
    const created = await t.request(applicant, "POST", "/api/instances", { workflow: "association-founding", data });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    let value: unknown = wf.definition.initial;
    let version = 1;
    for (const step of path) {
      t.clock.advanceDays(1);
      for (const [actorId, user] of Object.entries(users)) {
        const res = await t.request(user, "GET", `/api/instances/${id}`);
        const offered = res.status === 200 ? new Set(((await res.json()) as View).availableEvents.map((e) => e.type)) : new Set<string>();
        if (actorId === step.event.actor.id) expect(offered.has(step.event.type), `${step.event.type} offered to ${actorId}`).toBe(true);
        for (const type of declaredTypes(wf, value).filter((type) => !offered.has(type))) {
          const form = transitionsOf(wf, value, type).find((tr) => tr.form)?.form;
          const refused = await t.request(user, "POST", `/api/instances/${id}/events`, { type, expectedVersion: version, data: form ? validSamples[form] : {} });
          expect(refused.status, `${type} by ${actorId} in ${JSON.stringify(value)}`).toBeGreaterThanOrEqual(400);
          expect(refused.status).toBeLessThan(500);
        }
      }
      const user = users[step.event.actor.id]!;
      const form = transitionsOf(wf, value, step.event.type).find((tr) => tr.form)?.form;
      const data = form ? ((await withUploads(t, user, validSamples[form])) as Record<string, unknown>) : {};
      // A congress is held between the dossier's start and today (its form's plausibility window).
      if ("heldOn" in data) data.heldOn = t.clock.now().toISOString().slice(0, 10);
      // The head's extract is at most 6 months old on the day the application is handed in.
      if ("headCriminalRecordIssuedOn" in data) data.headCriminalRecordIssuedOn = t.clock.now().toISOString().slice(0, 10);
      const body = { type: step.event.type, expectedVersion: version, data };
      const res = await t.request(user, "POST", `/api/instances/${id}/events`, body);
      expect(res.status, `${step.event.type}: ${await res.clone().text()}`).toBe(200);
      const after = (await res.json()) as View;
      expect(after).toMatchObject({ state: currentStateName(step.value), version: version + 1 });
      value = step.value;
      version = after.version;
    }
    expect(await expectEveryHistoryReplays(t)).toBeGreaterThan(0);
  });
});
