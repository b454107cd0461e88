import { randomUUID } from "node:crypto";
import { EngineError, type Step } from "../../workflows";
import { DomainError } from "../errors";
import type { SessionUser } from "../identity";
import type { InstanceRow } from "./dossier-locks";
import type { WorkflowVersion } from "./workflow-registry";

/** The unit a user starts a dossier for: where they hold the first state's role, else applicant, else any. */
export function starterUnitOf(user: SessionUser, initialRole: string | undefined): string | null {
  const grant = user.grants.find((g) => g.role === initialRole) ?? user.grants.find((g) => g.role === "applicant") ?? user.grants[0];
  return grant?.unitId ?? null;
}

/** Runs an engine call; a role refusal caused by someone else's claim on the task says so instead. */
export function orClaimRefusal<T>(run: () => T, blockedBy: string[]): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof EngineError && error.code === "ROLE_NOT_ALLOWED" && blockedBy.length > 0) {
      throw new DomainError("TASK_CLAIMED_BY_OTHER", "Công việc này đang do cán bộ khác nhận xử lý", {
        messageEn: "another official has claimed this task",
        claimedBy: blockedBy,
      });
    }
    throw error;
  }
}

/** A dossier's title: an association's name, else a plan's title; else the procedure's own title. */
export function titleOf(data: Record<string, unknown>, workflow: WorkflowVersion): string {
  const text = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : null);
  return text(data.name) ?? text(data.title) ?? workflow.definition.title.vi;
}

/** True when `error` (from either driver, possibly wrapped by drizzle) is a unique violation of `constraint`. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const { code, constraint_name, constraint: c } = e as { code?: string; constraint_name?: string; constraint?: string };
    if (code === "23505" && (constraint_name === constraint || c === constraint)) return true;
  }
  return false;
}

/** A new dossier's row before it is inserted: what differs between a person's start and a child's. */
export type NewDossier = Pick<InstanceRow, "title" | "starterId"> & Partial<Pick<InstanceRow, "formKey" | "formVersion" | "starterUnitId" | "unitId" | "parentId" | "childKey">>;

/** The row of a dossier its first step (`startDossier`) just started, at version 1. */
export function newDossierRow(workflow: WorkflowVersion, step: Step, values: NewDossier, code: string, at: Date): InstanceRow {
  return {
    formKey: null,
    formVersion: null,
    starterUnitId: null,
    unitId: null,
    parentId: null,
    childKey: null,
    ...values,
    id: randomUUID(),
    code,
    workflowKey: workflow.definition.key,
    workflowVersion: workflow.version,
    state: step.to,
    status: step.snapshot.status,
    snapshot: step.snapshot,
    version: 1,
    facts: null,
    createdAt: at,
    updatedAt: at,
  };
}
