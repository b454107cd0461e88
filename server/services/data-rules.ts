/**
 * Workflows' own rules on the data a client sends, beyond what a form's schema can say (pure checks in
 * `workflows/`, refused here as one 422 naming each field): plans, unit reports, founding committees.
 */
import { memberListProblems, planDataProblems, reportDataProblems, type DataProblem } from "../../workflows";
import { DomainError } from "../errors";
import type { DataRule } from "./domain-packs";

export const UNIT_REPORT_WORKFLOW = "unit-report";
export const FOUNDING_WORKFLOW = "association-founding";

function refuse(problems: DataProblem[], form: string): void {
  if (problems.length === 0) return;
  throw new DomainError("VALIDATION_FAILED", "Dữ liệu biểu mẫu không hợp lệ", {
    messageEn: "the form data is invalid",
    fields: problems.map((p) => ({ ...p, form })),
  });
}

/** A plan's start data and drafts: unique indicator codes and units, targets above 0, dates in order (422 per field). */
export const planDataRule: DataRule = (before, incoming) => {
  refuse(planDataProblems(before, incoming), "plan");
  return incoming;
};

/** A unit report's actuals: only its plan's indicator codes, each once (422 naming them). */
export const unitReportDataRule: DataRule = (before, incoming) => {
  refuse(reportDataProblems(before, incoming), "unit-report");
  return incoming;
};

/** A founding committee's members: one CCCD per person (422 on the repeated one). */
export const foundingDataRule: DataRule = (_before, incoming) => {
  refuse(memberListProblems(incoming), "founding-committee-application");
  return incoming;
};
