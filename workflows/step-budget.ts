import { EngineError } from "./errors";
import { CONDITION_TOO_COSTLY_MESSAGE } from "./json-logic";

/**
 * How many microsteps one step (start, event) may take before the engine refuses it. `checkDefinition`
 * refuses cycles of eventless transitions; this is the second guard, for a definition stored before that
 * check or a cycle it cannot see. The built-in workflows take at most a handful.
 */
export const MAX_MICROSTEPS = 100;

/**
 * Runs an XState step and turns the budget overruns it throws into typed refusals: XState's own
 * infinite-loop error (`maxIterations`, set by `compileWorkflow`) and a condition over its JSONLogic
 * budget, which XState re-throws as a plain Error keeping only the message.
 *
 * @example withinStepBudget(() => transition(wf.machine, snapshot, event))
 */
export function withinStepBudget<T>(step: () => T): T {
  try {
    return step();
  } catch (e) {
    if (e instanceof EngineError || !(e instanceof Error)) throw e;
    if (e.message.startsWith("Infinite loop detected")) {
      throw new EngineError("WORKFLOW_LOOP", "Quy trình chuyển trạng thái tự động lặp vô hạn, bước này bị từ chối", {
        messageEn: `the step did not settle within ${MAX_MICROSTEPS} microsteps (a cycle of eventless transitions)`,
      });
    }
    if (e.message.includes(CONDITION_TOO_COSTLY_MESSAGE)) {
      throw new EngineError("CONDITION_TOO_COSTLY", CONDITION_TOO_COSTLY_MESSAGE, { messageEn: "a JSONLogic condition went over its budget" });
    }
    throw e;
  }
}
