export * from "./names";
export { identityOf, linesOf, validClearances, type Clearance, type FundLine, type LineIdentity } from "./lines";
export { amendmentProblems, type AmendmentProblem } from "./amendments";
export { fundEffects, type FundEffect } from "./effects";
export { CAMPAIGN_WORKFLOW, PUBLICATION_DUTIES, campaignEarmark, campaignEffects, type CampaignEffect, distributionDue, publicationDueBy, receivingDays, receivingPeriod, type Publication, type PublicationDuty } from "./campaign";
export { YEARLY_DUTY_WORKFLOW, yearlyDuties, type YearlyDuty, type YearlyDutyKind } from "./yearly-duties";
