/**
 * The built-in forms, one JSON file each in `definitions/`, loaded by static import so that this
 * module stays pure (no file system). The server seeds them as version 1 of each form.
 */
import campaignDistribution from "./definitions/campaign-distribution.json";
import campaignPublication from "./definitions/campaign-publication.json";
import apologyNotice from "./definitions/apology-notice.json";
import comment from "./definitions/comment.json";
import compileSummary from "./definitions/compile-summary.json";
import congressExtension from "./definitions/congress-extension.json";
import congressReport from "./definitions/congress-report.json";
import decision from "./definitions/decision.json";
import fundApproval from "./definitions/fund-approval.json";
import fundDutyDone from "./definitions/fund-duty-done.json";
import fundFlagClearance from "./definitions/fund-flag-clearance.json";
import fundLineRemoval from "./definitions/fund-line-removal.json";
import fundPayment from "./definitions/fund-payment.json";
import fundRequest from "./definitions/fund-request.json";
import associationResponse from "./definitions/association-response.json";
import dissolutionRequest from "./definitions/dissolution-request.json";
import forcedDissolutionRequest from "./definitions/forced-dissolution-request.json";
import foundingApplication from "./definitions/founding-application.json";
import foundingCommitteeApplication from "./definitions/founding-committee-application.json";
import plan from "./definitions/plan.json";
import proposal from "./definitions/proposal.json";
import reliefCampaign from "./definitions/relief-campaign.json";
import refusalReasons from "./definitions/refusal-reasons.json";
import returnNote from "./definitions/return-note.json";
import supplementRequest from "./definitions/supplement-request.json";
import supplementResponse from "./definitions/supplement-response.json";
import suspensionLift from "./definitions/suspension-lift.json";
import suspensionRequest from "./definitions/suspension-request.json";
import unitReport from "./definitions/unit-report.json";
import type { FormDefinition } from "./form-definition.js";

/** Every built-in form definition. */
export const builtinForms: readonly FormDefinition[] = [
  foundingCommitteeApplication,
  foundingApplication,
  congressReport,
  congressExtension,
  supplementRequest,
  supplementResponse,
  refusalReasons,
  decision,
  comment,
  proposal,
  returnNote,
  plan,
  unitReport,
  compileSummary,
  fundRequest,
  fundFlagClearance,
  fundLineRemoval,
  fundApproval,
  fundPayment,
  dissolutionRequest,
  forcedDissolutionRequest,
  associationResponse,
  suspensionRequest,
  suspensionLift,
  reliefCampaign,
  campaignPublication,
  campaignDistribution,
  fundDutyDone,
  apologyNotice,
];

/**
 * A built-in form by key, or `undefined`.
 *
 * @example
 * builtinForm("refusal-reasons")?.title.vi // "Từ chối"
 */
export function builtinForm(key: string): FormDefinition | undefined {
  return builtinForms.find((f) => f.key === key);
}
