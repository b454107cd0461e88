import { EngineError } from "../../workflows";

/** The engine's refusal of `run`; fails the test when `run` is accepted or throws anything else. */
export function refusal(run: () => unknown): EngineError {
  try {
    run();
  } catch (error) {
    if (error instanceof EngineError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}
