/** The closed set of reasons the engine refuses an event; `server/errors.ts` maps each to HTTP. */
export type EngineErrorCode =
  | "EVENT_NOT_ALLOWED"
  | "ROLE_NOT_ALLOWED"
  | "SELF_DECISION_FORBIDDEN"
  | "CONDITION_FAILED"
  | "DOSSIER_CLOSED"
  /** The step did not settle within `MAX_MICROSTEPS` (a cycle of eventless transitions: `step-budget.ts`). */
  | "WORKFLOW_LOOP"
  /** A JSONLogic condition went over its budget of operations or of intermediate sizes (`json-logic.ts`). */
  | "CONDITION_TOO_COSTLY";

/** A refusal by the pure engine, with what the caller needs to explain it. */
export class EngineError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    readonly details: { allowedEvents?: string[]; messageEn?: string; roles?: string[] } = {},
  ) {
    super(message);
    this.name = "EngineError";
  }
}
