import associationDissolution from "./definitions/association-dissolution.json";
import associationForcedDissolution from "./definitions/association-forced-dissolution.json";
import associationFounding from "./definitions/association-founding.json";
import associationSuspension from "./definitions/association-suspension.json";
import fundDisbursement from "./definitions/fund-disbursement.json";
import fundYearlyDuty from "./definitions/fund-yearly-duty.json";
import reliefCampaign from "./definitions/relief-campaign.json";
import plan from "./definitions/plan.json";
import unitReport from "./definitions/unit-report.json";

/** The definitions that ship with Hoso, loaded into the database at start-up (children before parents). */
export const builtinDefinitions: unknown[] = [
  associationFounding,
  associationDissolution,
  associationForcedDissolution,
  associationSuspension,
  unitReport,
  plan,
  fundDisbursement,
  reliefCampaign,
  fundYearlyDuty,
];
