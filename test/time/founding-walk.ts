import { expect } from "vitest";
import type { TestApp, TestUser } from "../support/harness";
import { newUser } from "../support/harness";

export const applicant = newUser("applicant");
export const specialist = newUser("specialist");
export const leader = newUser("leader");

/** The events that take a founding dossier to `state`, each with the user who sends it. */
export const ROUTE: Record<string, [TestUser, string][]> = {
  committeeReview: [[applicant, "SUBMIT"]],
  committeeRecognized: [
    [applicant, "SUBMIT"],
    [specialist, "PROPOSE"],
    [leader, "APPROVE"],
  ],
  permitted: [
    [applicant, "SUBMIT"],
    [specialist, "PROPOSE"],
    [leader, "APPROVE"],
    [applicant, "SUBMIT"],
    [specialist, "PROPOSE"],
    [leader, "APPROVE"],
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

/** Starts a founding dossier as `applicant`. */
export async function startFounding(t: TestApp, name = "Hội Cựu giáo chức tỉnh"): Promise<string> {
  const res = await t.request(applicant, "POST", "/api/instances", { workflow: "association-founding", data: { name } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** Sends one event at the clock's current time; expects success. */
export async function act(t: TestApp, user: TestUser, id: string, type: string, data: Record<string, unknown> = { note: type }): Promise<DossierView> {
  const res = await t.request(user, "POST", `/api/instances/${id}/events`, { type, data });
  expect(res.status, `${type}: ${await res.clone().text()}`).toBe(200);
  return (await res.json()) as DossierView;
}

export async function view(t: TestApp, id: string, user: TestUser = specialist): Promise<DossierView> {
  const res = await t.request(user, "GET", `/api/instances/${id}`);
  expect(res.status).toBe(200);
  return (await res.json()) as DossierView;
}

/** Walks a dossier along `ROUTE[state]`, all at the clock's current time. */
export async function walkTo(t: TestApp, id: string, state: keyof typeof ROUTE): Promise<DossierView> {
  let last: DossierView | null = null;
  for (const [user, type] of ROUTE[state]!) last = await act(t, user, id, type);
  expect(last!.state).toBe(state);
  return last!;
}
