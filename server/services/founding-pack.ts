import { FOUNDING_WORKFLOW, foundingDataRule } from "./data-rules";
import type { DomainPack } from "./domain-packs";

/** Association founding: one CCCD per committee member. */
export const foundingPack: DomainPack = { name: "founding", workflows: [FOUNDING_WORKFLOW], dataRule: foundingDataRule };
