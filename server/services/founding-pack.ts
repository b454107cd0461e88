import { committeeExtracts, headExtract } from "./committee-extracts";
import { congressComputations } from "./congress-computations";
import { associationAuthorities, foundingAuthorities } from "./founding-authorities";
import { FOUNDING_WORKFLOW, foundingDataRule } from "./data-rules";
import type { CalendarService } from "./calendar";
import type { DomainPack } from "./domain-packs";
import type { WorkflowRegistry } from "./workflow-registry";

/** Association founding: who decides each stage (from the unit tree); one CCCD per committee member; each member's CV and current extract at submission; the founding congress's dates on the calendar. */
export function foundingPack(calendar: CalendarService, registry: WorkflowRegistry): DomainPack {
  return {
    name: "founding",
    workflows: [FOUNDING_WORKFLOW],
    dataRule: foundingDataRule,
    computations: { ...congressComputations(calendar, registry), committeeExtracts: committeeExtracts(registry), headExtract: headExtract(registry), foundingAuthorities: foundingAuthorities(registry), associationAuthorities: associationAuthorities(registry) },
  };
}
