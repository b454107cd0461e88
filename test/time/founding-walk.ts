import { expect } from "vitest";
import type { Transition } from "../../workflows";
import { toVietnamDate } from "../../workflows/calendar";
import { validSamples } from "../forms/samples";
import { uploadPdf } from "../support/files";
import { foundingApplication } from "../support/founding";
import type { TestApp, TestUser } from "../support/harness";

/**
 * The people of a founding procedure: an applicant, the specialist and leader of the Sở Nội vụ the
 * dossier is filed with, and the chairman of the provincial People's Committee, who decides the
 * permission and the charter on the Sở's tờ trình (issue 18: the Sở recognises the committee when the
 * province has no Sở of the association's field).
 */
export type World = { authority: string; province: string; applicant: TestUser; specialist: TestUser; leader: TestUser; chairman: TestUser; admin: TestUser };

export async function createWorld(t: TestApp): Promise<World> {
  const province = await t.unit({ kind: "province", name: "Tỉnh Kon Tum", code: "UBND" });
  const authority = await t.unit({ kind: "office", name: "Sở Nội vụ", parentId: province.id, code: "SNV" });
  const [applicant, specialist, leader, chairman, admin] = await Promise.all([
    t.user({ displayName: "Người nộp", grants: [{ role: "applicant", unitId: province.id }] }),
    t.user({ displayName: "Chuyên viên", grants: [{ role: "specialist", unitId: authority.id }] }),
    t.user({ displayName: "Lãnh đạo", grants: [{ role: "leader", unitId: authority.id }] }),
    t.user({ displayName: "Chủ tịch UBND tỉnh", grants: [{ role: "leader", unitId: province.id }] }),
    t.user({ displayName: "Quản trị", grants: [{ role: "admin", unitId: province.id }] }),
  ]);
  return { authority: authority.id, province: province.id, applicant, specialist, leader, chairman, admin };
}

type Who = "applicant" | "specialist" | "leader" | "chairman";

/** The events that take a founding dossier from `draft` to `state`, each with who sends it. */
export const ROUTE: Record<string, [Who, string][]> = {
  committeeReview: [["applicant", "SUBMIT"]],
  committeeRecognized: [
    ["applicant", "SUBMIT"],
    ["specialist", "PROPOSE"],
    ["leader", "APPROVE"],
  ],
  permitted: [
    ["applicant", "SUBMIT"],
    ["specialist", "PROPOSE"],
    ["leader", "APPROVE"],
    ["applicant", "SUBMIT"],
    ["specialist", "PROPOSE"],
    ["leader", "SEND_SUBMISSION"],
    ["chairman", "APPROVE"],
  ],
};

export type DossierView = {
  id: string;
  code: string;
  state: string;
  version: number;
  deadline: null | { due: string | null; daysLeft: number | null; overdue: boolean; paused: boolean; remaining: number; used: number; clock: string };
  history: { type: string; actorId: string | null; actorRoles: string[]; from: string[]; to: string[]; at: string; data: unknown }[];
};

/** Starts a founding dossier at the world's authority, as its applicant, with a complete application. */
export async function startFounding(t: TestApp, w: World, name = "Hội Cựu giáo chức tỉnh"): Promise<string> {
  const data = await foundingApplication(t, w.applicant, { name, authorityUnit: w.authority });
  const res = await t.request(w.applicant, "POST", "/api/instances", { workflow: "association-founding", data });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** Valid data for the form the event fills in the dossier's current state: the form's sample, its files uploaded by `user`. */
export async function formData(t: TestApp, user: TestUser, id: string, type: string): Promise<Record<string, unknown>> {
  const row = await t.services.dossierReads.find(id);
  const workflow = await t.services.registry.get(row!.workflowKey, row!.workflowVersion, t.services.database.db);
  const on = row!.state.map((s) => workflow.states.get(s)?.node.on?.[type]).find((x) => x !== undefined);
  const form = (Array.isArray(on) ? on[0] : (on as Transition | undefined))?.form;
  if (!form) return {};
  const upload = async (value: unknown): Promise<unknown> => {
    if (typeof value === "string" && value.startsWith("att-")) return uploadPdf(t, user, `${value}.pdf`);
    if (Array.isArray(value)) return Promise.all(value.map(upload));
    return value;
  };
  // A decision takes effect the day it is signed, a congress is reported the day it is held: the
  // congress period and its report's due date run from these dates.
  const today = toVietnamDate(t.clock.now());
  const dated =
    form === "decision" ? { effectiveDate: today }
    : form === "congress-report" ? { heldOn: today }
    : form === "founding-application" ? { headCriminalRecordIssuedOn: today }
    : {};
  const sample = { ...(validSamples[form] as Record<string, unknown>), ...dated };
  return Object.fromEntries(await Promise.all(Object.entries(sample).map(async ([k, v]) => [k, await upload(v)] as const)));
}

/** Sends one event at the clock's current time, with valid data for its form; expects success. */
export async function act(t: TestApp, user: TestUser, id: string, type: string, data?: Record<string, unknown>): Promise<DossierView> {
  const body = { type, data: data ?? (await formData(t, user, id, type)) };
  const res = await t.request(user, "POST", `/api/instances/${id}/events`, body);
  expect(res.status, `${type}: ${await res.clone().text()}`).toBe(200);
  return (await res.json()) as DossierView;
}

export async function view(t: TestApp, user: TestUser, id: string): Promise<DossierView> {
  const res = await t.request(user, "GET", `/api/instances/${id}`);
  expect(res.status).toBe(200);
  return (await res.json()) as DossierView;
}

/** Walks a dossier from `draft` along `ROUTE[state]`, all at the clock's current time. */
export async function walkTo(t: TestApp, w: World, id: string, state: keyof typeof ROUTE): Promise<DossierView> {
  let last: DossierView | null = null;
  for (const [who, type] of ROUTE[state]!) last = await act(t, w[who], id, type);
  expect(last!.state).toBe(state);
  return last!;
}
