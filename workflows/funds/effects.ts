import type { Step } from "../engine";

/** The fund pack's effects of a step; the server's fund pack applies them (`server/services/funds/pack.ts`). */
export type FundEffect =
  /** Checks who decides and what a leader amended, then keeps the request's lines in the fund's line table. */
  | { kind: "fund.lines"; event: string; amounts: unknown }
  /** A payout of one line, written to the fund's ledger (refused if it overdraws or pays someone twice). */
  | { kind: "fund.payout"; lineId: string };

/**
 * Every step of a disbursement dossier keeps its lines where later requests are matched against them;
 * a `PAY` pays the line it names.
 *
 * @example fundEffects(step, { type: "PAY", data: { lineId: "L2" } }) // [{ kind: "fund.lines", … }, { kind: "fund.payout", lineId: "L2" }]
 */
export function fundEffects(_step: Step, event: { type: string; data: Record<string, unknown> | null }): FundEffect[] {
  const effects: FundEffect[] = [{ kind: "fund.lines", event: event.type, amounts: event.data?.amounts }];
  if (event.type === "PAY") effects.push({ kind: "fund.payout", lineId: String(event.data?.lineId) });
  return effects;
}
