import { toVietnamDate } from "../../workflows/calendar";
import { committeeExtractProblems, headExtractProblems } from "../../workflows/founding/committee-extracts";
import type { DossierSnapshot } from "../../workflows";
import { DomainError } from "../errors";
import type { Computation } from "./domain-packs";
import type { WorkflowRegistry } from "./workflow-registry";

/**
 * The `committeeExtracts` check of a founding committee's submission: every member's
 * CV and criminal-record extract, the extract issued at most `config.criminalRecordMaxAgeMonths` months
 * before the step's date in Vietnam — the server's date, never one the client sends. One 422 naming each
 * member's field; nothing of the step is applied. Answers what was checked, which the history keeps.
 */
export function committeeExtracts(registry: WorkflowRegistry): Computation {
  return async (tx, row, at, event) => {
    const months = await maxAgeMonths(registry, tx, row);
    // The members are those of the draft, unless the event brings a new list.
    const members = Array.isArray(event.members) ? event.members : (row.snapshot as DossierSnapshot).context.data.members;
    const checkedOn = toVietnamDate(at);
    const problems = committeeExtractProblems(members, checkedOn, months);
    if (problems.length) {
      throw new DomainError("VALIDATION_FAILED", "Hồ sơ thiếu sơ yếu lý lịch hoặc phiếu lý lịch tư pháp hợp lệ của thành viên ban vận động", {
        messageEn: "every committee member needs a CV and a current criminal-record extract",
        fields: problems.map((p) => ({ ...p, form: "founding-committee-application" })),
      });
    }
    return { checkedOn, maxAgeMonths: months };
  };
}

/**
 * The `headExtract` check of the founding application: the committee's head's CV and criminal-record
 * extract, the extract at most `config.criminalRecordMaxAgeMonths` months old on the step's date.
 */
export function headExtract(registry: WorkflowRegistry): Computation {
  return async (tx, row, at, event) => {
    const months = await maxAgeMonths(registry, tx, row);
    const checkedOn = toVietnamDate(at);
    const problems = headExtractProblems(event, checkedOn, months);
    if (problems.length) {
      throw new DomainError("VALIDATION_FAILED", "Hồ sơ thiếu sơ yếu lý lịch hoặc phiếu lý lịch tư pháp hợp lệ của trưởng ban vận động", {
        messageEn: "the committee's head needs a CV and a current criminal-record extract",
        fields: problems.map((p) => ({ ...p, form: "founding-application" })),
      });
    }
    return { checkedOn, maxAgeMonths: months };
  };
}

async function maxAgeMonths(registry: WorkflowRegistry, tx: Parameters<Computation>[0], row: Parameters<Computation>[1]): Promise<number> {
  const config = (await registry.get(row.workflowKey, row.workflowVersion, tx)).definition.config ?? {};
  const months = config.criminalRecordMaxAgeMonths;
  if (typeof months !== "number" || !Number.isInteger(months) || months <= 0) throw new Error(`${row.workflowKey} has no criminalRecordMaxAgeMonths`);
  return months;
}
