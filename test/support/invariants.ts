import { sql } from "drizzle-orm";
import { expect } from "vitest";
import { rowsOf } from "../../server/services/session-user";
import type { TestApp } from "./harness";
import { expectEveryHistoryReplays } from "./replay";

/**
 * A property the whole database must keep whatever clients did to it, checked after the reliability
 * tests (concurrency, crash, racing payouts) have hammered it. A new part of Hoso that keeps a property of
 * its own adds it to `INVARIANTS`, and every reliability test checks it from then on.
 */
export type Invariant = { name: string; check(t: TestApp): Promise<void> };

export const INVARIANTS: Invariant[] = [
  {
    name: "every dossier's history is numbered 1…version without gaps",
    async check(t) {
      const { dossierReads } = t.services;
      const page = await dossierReads.list(undefined, { page: 1, pageSize: 100 });
      for (const item of page.items) {
        const history = await dossierReads.history(item.id);
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
  {
    name: "document numbers run 1…N in every register (issuing unit, type, year), and the register's last number is N",
    async check(t) {
      const { db } = t.services.database;
      const issued = await db.execute(sql`
        select d.unit_id, d.type, d.year, array_agg(d.seq order by d.seq) as seqs, max(s.last_number) as last
        from documents d join document_sequences s on (s.unit_id, s.type, s.year) = (d.unit_id, d.type, d.year)
        group by d.unit_id, d.type, d.year`);
      for (const register of rowsOf<Row>(issued)) {
        const seqs = register.seqs.map(Number);
        expect(seqs, `${register.type} ${register.year}`).toEqual(seqs.map((_, i) => i + 1));
        expect(Number(register.last)).toBe(seqs.length);
      }
    },
  },
  {
    name: "no fund balance is below zero, and each equals the sum of its ledger entries",
    async check(t) {
      const { db } = t.services.database;
      const balances = await db.execute(sql`
        select b.fund_id, b.earmark, b.balance, coalesce(sum(e.delta), 0) as entries
        from fund_balances b left join fund_entries e on (e.fund_id, e.earmark) = (b.fund_id, b.earmark)
        group by b.fund_id, b.earmark, b.balance`);
      for (const row of rowsOf<BalanceRow>(balances)) {
        expect(Number(row.balance), row.earmark).toBeGreaterThanOrEqual(0);
        expect(Number(row.balance), row.earmark).toBe(Number(row.entries));
      }
    },
  },
];

type Row = { type: string; year: number; seqs: (number | string)[]; last: number | string };
type BalanceRow = { earmark: string; balance: number | string; entries: number | string };

/** Checks every invariant in `INVARIANTS`. */
export async function expectInvariants(t: TestApp): Promise<void> {
  for (const invariant of INVARIANTS) await invariant.check(t);
}
