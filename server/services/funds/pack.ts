import { fundEffects } from "../../../workflows";
import type { DomainPack } from "../domain-packs";
import { packApplier } from "../step-pipeline";
import type { FundService } from "./fund-service";
import type { FundLedger } from "./ledger";
import { withServerLineIds } from "./line-ids";
import { applyFundLines, applyPayout } from "./step-effects";

export const FUND_WORKFLOW = "fund-disbursement";

/**
 * The humanitarian fund as a domain pack: its requests' screening as `$server` facts, server-assigned
 * line ids, the clearances only officials read, and its step effects (lines kept for matching, payouts
 * written to the ledger).
 */
export function fundPack(funds: FundService, ledger: FundLedger): DomainPack {
  return {
    name: "fund",
    workflows: [FUND_WORKFLOW],
    facts: (via, row, at) => funds.facts(via, row, at),
    dataRule: withServerLineIds,
    // The specialist's clearances name what a line matched (another programme, an earlier payout).
    officialOnly: { data: ["$clearances"], events: ["CLEAR_FLAG"] },
    effects: (_wf, step, event) => fundEffects(step, event),
    appliers: { "fund.lines": packApplier(applyFundLines), "fund.payout": packApplier(applyPayout(ledger)) },
  };
}
