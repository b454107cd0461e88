import { expect } from "vitest";
import type { TestApp } from "./harness";
import { expectEveryHistoryReplays } from "./replay";

/**
 * A property the whole database must keep whatever clients did to it, checked after the reliability
 * tests (concurrency, crash) have hammered it. Later parts add theirs to `INVARIANTS` — for instance
 * "no document number issued twice in a register and year" (numbered documents) and "no fund balance
 * below zero" (the fund ledger) — and every reliability test checks them from then on.
 */
export type Invariant = { name: string; check(t: TestApp): Promise<void> };

export const INVARIANTS: Invariant[] = [
  {
    name: "every dossier's history is numbered 1…version without gaps",
    async check(t) {
      const { dossiers } = t.services;
      const page = await dossiers.list(undefined, { page: 1, pageSize: 100 });
      for (const item of page.items) {
        const history = await dossiers.history(item.id);
        expect(history.map((h) => h.seq), item.code).toEqual(history.map((_, i) => i + 1));
        expect(history.length, item.code).toBe(item.version);
      }
    },
  },
  {
    name: "replaying every history gives its stored snapshot",
    async check(t) {
      await expectEveryHistoryReplays(t);
    },
  },
];

/** Checks every invariant in `INVARIANTS`. */
export async function expectInvariants(t: TestApp): Promise<void> {
  for (const invariant of INVARIANTS) await invariant.check(t);
}
