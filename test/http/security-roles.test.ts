import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/databases";
import { createDemoApp, DEMO_UNITS, DEMO_USERS, type DemoApp, type DemoName } from "../support/demo";
import { foundingApplication } from "../support/founding";
import type { TestUser } from "../support/harness";

/** Every demo account, and a second applicant: nothing of one applicant may be readable by another. */
type Caller = DemoName | "otherApplicant";
const CALLERS: Caller[] = [...(Object.keys(DEMO_USERS) as DemoName[]), "otherApplicant"];

/**
 * The dossiers of the matrix and who may see each (design §4): its starter, and the officials of the
 * units its tasks were in. Everyone else gets 404 and finds it in no list.
 */
const DOSSIERS = {
  /** nguoinop's application, handed in to Sở Nội vụ: its review task is in that unit. */
  submittedToSoNoiVu: ["nguoinop", "chuyenvien", "lanhdao"],
  /** The other applicant's application, still a draft: theirs alone. */
  draftOfOtherApplicant: ["otherApplicant"],
} satisfies Record<string, Caller[]>;
type DossierName = keyof typeof DOSSIERS;

describe.each(databaseKinds)("every demo role × own/other unit and applicant, on %s", (kind) => {
  let t: DemoApp;
  const as = {} as Record<Caller, TestUser>;
  const dossier = {} as Record<DossierName, { id: string; code: string; attachmentId: string }>;

  beforeAll(async () => {
    t = await createDemoApp(kind);
    for (const name of Object.keys(DEMO_USERS) as DemoName[]) as[name] = await t.as(name);
    as.otherApplicant = await t.user({ grants: [{ role: "applicant", unitId: DEMO_UNITS.konTum }] });

    const mine = await foundingApplication(t, as.nguoinop, { authorityUnit: DEMO_UNITS.soNoiVu });
    const a = (await (await t.request(as.nguoinop, "POST", "/api/instances", { workflow: "association-founding", data: mine })).json()) as { id: string; code: string };
    expect((await t.request(as.nguoinop, "POST", `/api/instances/${a.id}/events`, { type: "SUBMIT" })).status).toBe(200);
    dossier.submittedToSoNoiVu = { ...a, attachmentId: mine.applicationLetter };

    const theirs = await foundingApplication(t, as.otherApplicant, { authorityUnit: DEMO_UNITS.soNoiVu });
    const b = (await (await t.request(as.otherApplicant, "POST", "/api/instances", { workflow: "association-founding", data: theirs })).json()) as { id: string; code: string };
    dossier.draftOfOtherApplicant = { ...b, attachmentId: theirs.applicationLetter };
  });
  afterAll(async () => t.close());

  const cases = (Object.keys(DOSSIERS) as DossierName[]).flatMap((d) => CALLERS.map((c) => [d, c, (DOSSIERS[d] as Caller[]).includes(c)] as const));

  it.each(cases)("%s as %s: visible = %s", async (name, caller, visible) => {
    const { id, code, attachmentId } = dossier[name];
    const user = as[caller];
    const get = async (path: string) => t.request(user, "GET", path);

    expect((await get(`/api/instances/${id}`)).status, "GET the dossier").toBe(visible ? 200 : 404);
    expect((await get(`/api/attachments/${attachmentId}`)).status, "GET its attachment").toBe(visible ? 200 : 404);
    const listed = (await (await get(`/api/instances?q=${encodeURIComponent(code)}&pageSize=100`)).json()) as { items: { id: string }[] };
    expect(listed.items.some((i) => i.id === id), "in the dossier list").toBe(visible);
    const everything = (await (await get(`/api/instances?pageSize=100`)).json()) as { items: { id: string }[] };
    expect(everything.items.some((i) => i.id === id), "in the unfiltered dossier list").toBe(visible);
    const inbox = (await (await get(`/api/tasks?pageSize=100`)).json()) as { items: { dossierId: string }[] };
    if (!visible) expect(inbox.items.some((i) => i.dossierId === id), "in the inbox").toBe(false);

    if (!visible) {
      // Acting on what one cannot see reveals nothing either: 404, not 403 or 409.
      expect((await t.request(user, "POST", `/api/instances/${id}/events`, { type: "SUBMIT" })).status, "send an event").toBe(404);
      expect((await t.request(user, "PUT", `/api/instances/${id}/draft`, { data: {} })).status, "save its draft").toBe(404);
    }
  });
});
