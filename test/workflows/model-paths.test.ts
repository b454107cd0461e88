import { describe, expect, it } from "vitest";
import { availableEvents, builtinDefinitions, EngineError, replay, sendEvent, startDossier, type DossierEvent } from "../../workflows";
import { ACTORS, AT, compiled, declaredTypes, eventFor, modelPaths, readsEvent, SERVER, startSample, transitionsOf } from "../support/model-paths";

/**
 * Model-based tests (issue 16): every generated path of every built-in definition runs through the pure
 * engine: at every step every event it offers an actor is accepted, every event it does not offer is
 * refused, the engine lands where XState's own walk did, and the history replays.
 */

function outcome(fn: () => unknown): string {
  try {
    fn();
    return "accepted";
  } catch (error) {
    if (error instanceof EngineError) return error.code;
    throw error;
  }
}

describe.each(builtinDefinitions.map((d) => [(d as { key: string }).key, d] as const))("model-based paths of %s", (_key, definition) => {
  const wf = compiled(definition);
  const startData = startSample(wf);
  const paths = modelPaths(wf, startData);

  it("reaches more than its initial state", () => {
    expect(paths.length).toBeGreaterThan(1);
  });

  it.each(paths.map((p) => [p.map((s) => s.event.type).join(" → ") || "(start)", p] as const))("%s", (_name, path) => {
    let snapshot = startDossier(wf, startData).snapshot;
    const sent: DossierEvent[] = [];
    for (const step of path) {
      for (const actor of ACTORS) {
        const offered = new Set(availableEvents(wf, snapshot, actor, { at: AT, server: SERVER }).map((e) => e.type));
        for (const type of [...declaredTypes(wf, snapshot.value), "NOT_DECLARED"]) {
          const result = outcome(() => sendEvent(wf, snapshot, eventFor(wf, snapshot, type, actor)));
          const where = `${type} by ${actor.id} in ${JSON.stringify(snapshot.value)}: offered ${offered.has(type)}, got ${result}`;
          // An offered event may still fail a condition on its own data, which no offer can judge beforehand.
          if (offered.has(type) && result === "CONDITION_FAILED") expect(readsEvent(wf, snapshot.value, type), where).toBe(true);
          else expect(result === "accepted", where).toBe(offered.has(type));
        }
      }
      const event = step.event;
      const next = sendEvent(wf, snapshot, event);
      // The engine reports a transition declared for this event, and lands where XState's own walk did.
      expect(next.snapshot.value).toEqual(step.value);
      if (next.transition) expect(transitionsOf(wf, snapshot.value, event.type)).toContain(next.transition);
      snapshot = next.snapshot;
      sent.push(event);
    }
    expect(replay(wf, startData, sent)).toEqual(snapshot);
  });
});
