/** The closed set of reasons the engine refuses an event; `server/errors.ts` maps each to HTTP. */
export type EngineErrorCode = "EVENT_NOT_ALLOWED" | "ROLE_NOT_ALLOWED" | "SELF_DECISION_FORBIDDEN" | "CONDITION_FAILED" | "DOSSIER_CLOSED";

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
