import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/databases";
import { createTestApp, type TestApp, type TestUser } from "../support/harness";
import { expectInvariants } from "../support/invariants";
import { SESSION_COOKIE } from "../../server/auth/sessions";
import { documents } from "../../server/db/schema";
import { contestDefinition } from "./contest-workflow";

const CLIENTS = 50;
const PEOPLE = 10;
const DOSSIERS = 10;
/** Events each client sends; `npm run soak` sends more. */
const ROUNDS = Number(process.env.CONCURRENCY_ROUNDS ?? 4);
/** What a refused event may be answered with: someone else (or the same person on another device) was first, or the event no longer fits. */
const REFUSALS = new Set(["STALE_VERSION", "EVENT_NOT_ALLOWED", "DOSSIER_CLOSED", "ALREADY_DONE"]);

type Accepted = { dossierId: string; version: number; type: string; actorId: string };

/** A deterministic pseudo-random sequence per client, so that a failure can be replayed. */
function random(seed: number) {
  let x = seed >>> 0 || 1;
  return () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe.each(databaseKinds)("50 clients on the same 10 dossiers at once, on %s", (kind) => {
  let t: TestApp;
  let officials: TestUser[];
  let ids: string[];
  const accepted: Accepted[] = [];
  const refused: { status: number; body: any }[] = [];
  const other: { status: number; body: unknown }[] = [];

  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.services.registry.publish(contestDefinition, null);
    const unit = await t.unit({ name: "Phòng thẩm định" });
    const starter = await t.user({ grants: [{ role: "applicant", unitId: unit.id }] });
    // Ten officials, each signed in on five devices: 50 clients with sessions of their own (without 50 argon2 hashes).
    // Everyone holds both official roles: a refusal can then only come from the race, never from a role.
    const people = await Promise.all(
      Array.from({ length: PEOPLE }, () => t.user({ grants: [{ role: "specialist", unitId: unit.id }, { role: "leader", unitId: unit.id }] })),
    );
    officials = await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        const person = people[c % PEOPLE]!;
        if (c < PEOPLE) return person;
        const session = await t.services.sessions.create(person.id);
        return { ...person, cookie: `${SESSION_COOKIE}=${session.token}`, csrfToken: session.csrfToken };
      }),
    );
    ids = [];
    for (let i = 0; i < DOSSIERS; i++) {
      const res = await t.request(starter, "POST", "/api/instances", { workflow: "contest", data: { name: `Hồ sơ ${i}` } });
      expect(res.status).toBe(201);
      ids.push(((await res.json()) as { id: string }).id);
    }

    await Promise.all(
      officials.map(async (official, c) => {
        const next = random(c + 1);
        for (let round = 0; round < ROUNDS; round++) {
          const id = ids[(c + round) % DOSSIERS]!;
          const seen = (await (await t.request(official, "GET", `/api/instances/${id}`)).json()) as { version: number; availableEvents: { type: string }[] };
          // Mostly back and forth; rarely an approval (which closes the dossier to everyone after), except in
          // the last round, where every client offered an approval races for it.
          const offered = seen.availableEvents.map((e) => e.type);
          const lastRound = round === ROUNDS - 1 && offered.includes("APPROVE");
          const choices = lastRound ? ["APPROVE"] : offered.filter((type) => type !== "APPROVE" || next() < 0.1);
          const type = choices[Math.floor(next() * choices.length)] ?? "PROPOSE";
          // Half the clients say which version they saw; the others rely on the engine refusing a late event.
          const body = c % 2 === 0 ? { type, expectedVersion: seen.version } : { type };
          const res = await t.request(official, "POST", `/api/instances/${id}/events`, body);
          const answer = (await res.json()) as any;
          if (res.status === 200) accepted.push({ dossierId: id, version: answer.version, type, actorId: official.id });
          else if (res.status === 409) refused.push({ status: res.status, body: answer });
          else other.push({ status: res.status, body: answer });
        }
      }),
    );
  });
  afterAll(async () => {
    const codes = refused.reduce<Record<string, number>>((n, r) => ({ ...n, [r.body.error.code]: (n[r.body.error.code] ?? 0) + 1 }), {});
    console.info(`concurrency (${kind}): ${CLIENTS} clients × ${ROUNDS} events on ${DOSSIERS} dossiers: ${accepted.length} accepted, ${refused.length} refused ${JSON.stringify(codes)}`);
    await t.close();
  });

  it("answers every event 200 or 409, nothing else", () => {
    expect(other).toEqual([]);
    expect(accepted.length + refused.length).toBe(CLIENTS * ROUNDS);
    // The race is real: both outcomes happened.
    expect(accepted.length).toBeGreaterThan(DOSSIERS);
    expect(refused.length).toBeGreaterThan(0);
  });

  it("refuses with a documented 409 code and the error shape", () => {
    for (const { body } of refused) {
      expect(REFUSALS.has(body.error.code), JSON.stringify(body)).toBe(true);
      expect(typeof body.error.message).toBe("string");
    }
  });

  it("has every accepted event in the history, at the version it was answered with, and nothing else", async () => {
    for (const id of ids) {
      const history = await t.services.dossierReads.history(id);
      const mine = accepted.filter((a) => a.dossierId === id).sort((a, b) => a.version - b.version);
      expect(history.slice(1).map((h) => ({ version: h.seq, type: h.type, actorId: h.actorId }))).toEqual(
        mine.map((a) => ({ version: a.version, type: a.type, actorId: a.actorId })),
      );
      const row = (await t.services.dossierReads.find(id))!;
      expect(row.version).toBe(history.length);
    }
  });

  it("gives every accepted approval exactly one numbered decision, whoever raced it", async () => {
    const approvals = accepted.filter((a) => a.type === "APPROVE");
    expect(approvals.length).toBeGreaterThan(0);
    const issued = (await t.services.database.db.select({ instanceId: documents.instanceId, number: documents.number }).from(documents)) as { instanceId: string; number: string }[];
    expect(issued.map((d) => d.instanceId).sort()).toEqual(approvals.map((a) => a.dossierId).sort());
    expect(new Set(issued.map((d) => d.number)).size).toBe(issued.length);
  });

  it("keeps every invariant: histories without gaps, replay equals the stored snapshot, document numbers 1…N", async () => {
    await expectInvariants(t);
  });
});
