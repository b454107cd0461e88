import { getShortestPaths } from "@xstate/graph";
import type { AnyMachineSnapshot } from "xstate";
import {
  activeStateNames,
  checkDefinition,
  compileWorkflow,
  SERVER_FACTS,
  type Actor,
  type CompiledWorkflow,
  type DossierEvent,
  type DossierSnapshot,
  type Transition,
} from "../../workflows";
import { validSamples } from "../forms/samples";

/**
 * Model-based paths (issue 16): @xstate/graph walks a definition's compiled statechart with every
 * declared event sent by every kind of actor (with the sample data of the event's form) and gives the
 * shortest path to each reachable configuration (state value).
 */

export const AT = "2026-11-24T09:00:00+07:00";
/** The server's facts a fund request needs (no double-benefit flag left). */
export const SERVER = { unclearedFlags: 0 };
/**
 * What the server's computations answer where the model's guards read them: a provincial founding
 * dossier whose Sở submits to the People's Committee (the HTTP world is built to match).
 */
export const COMPUTED: Record<string, unknown> = {
  foundingAuthorities: { recognition: "snv", recognitionBy: "filedWith", appraisal: "snv", decision: "province", submission: true },
};
export const ACTORS: Actor[] = [
  { id: "u-starter", roles: ["applicant"], starter: true },
  { id: "u-spec", roles: ["specialist"] },
  { id: "u-lead", roles: ["leader"] },
  { id: "u-acc", roles: ["accountant"] },
  { id: "system", roles: [], system: true },
];

export function compiled(definition: unknown): CompiledWorkflow {
  const check = checkDefinition(definition);
  if (!check.ok) throw new Error(JSON.stringify(check.problems));
  return compileWorkflow(check.definition);
}

export function transitionsOf(wf: CompiledWorkflow, value: unknown, type: string): Transition[] {
  return activeStateNames(value as DossierSnapshot["value"]).flatMap((name) => {
    const spec = wf.states.get(name)?.node.on?.[type];
    return spec ? (Array.isArray(spec) ? spec : [spec]) : [];
  });
}

/** The event types declared on the active states. */
export function declaredTypes(wf: CompiledWorkflow, value: unknown): string[] {
  return [...new Set(activeStateNames(value as DossierSnapshot["value"]).flatMap((name) => Object.keys(wf.states.get(name)?.node.on ?? {})))];
}

/**
 * What an actor sends for `type`: the sample of its form (naming the dossier's first line where the
 * form names a line), with the server's facts as the server adds them.
 */
export function eventFor(wf: CompiledWorkflow, snapshot: { value: unknown; context: { data: Record<string, unknown> } }, type: string, actor: Actor): DossierEvent {
  const form = transitionsOf(wf, snapshot.value, type).find((t) => t.form)?.form;
  const sample = { ...((form ? validSamples[form] : undefined) ?? {}) } as Record<string, unknown>;
  const lines = snapshot.context.data.lines as { lineId?: string }[] | undefined;
  if ("lineId" in sample && lines?.[0]?.lineId) sample.lineId = lines[0].lineId;
  const names = transitionsOf(wf, snapshot.value, type).flatMap((t) => t.compute ?? []);
  const computed = Object.fromEntries(names.filter((name) => name in COMPUTED).map((name) => [name, COMPUTED[name]]));
  return { type, actor, at: AT, data: { ...sample, ...computed, [SERVER_FACTS]: SERVER } };
}

/** True when a transition for `type` has a condition on the event's own data (judged only once it is sent). */
export function readsEvent(wf: CompiledWorkflow, value: unknown, type: string): boolean {
  return transitionsOf(wf, value, type).some((t) => JSON.stringify(t.guard?.condition ?? null).includes('"event'));
}

/** A step of a generated path: the event (with its actor) and the state value XState reached. */
export type ModelStep = { event: DossierEvent; value: unknown };

/** The shortest path to every configuration of `wf` reachable from `startData`. */
export function modelPaths(wf: CompiledWorkflow, startData: Record<string, unknown>): ModelStep[][] {
  const paths = getShortestPaths(wf.machine, {
    input: { data: startData },
    events: (snapshot: AnyMachineSnapshot) =>
      snapshot.status === "done" ? [] : declaredTypes(wf, snapshot.value).flatMap((type) => ACTORS.map((actor) => eventFor(wf, snapshot, type, actor))),
    // A configuration is its state value, and whether a refusal was proposed (the leader may refuse only
    // then): otherwise the data only steers which transition a guard lets through.
    serializeState: (snapshot: AnyMachineSnapshot) => JSON.stringify([snapshot.value, Boolean((snapshot.context as { data?: Record<string, unknown> }).data?.$refusalProposal)]),
    serializeEvent: (event) => JSON.stringify([event.type, (event as DossierEvent).actor?.id]),
  });
  // The first step of each path is XState's start (`xstate.init`).
  return paths.map((p) => p.steps.slice(1).map((s) => ({ event: s.event as DossierEvent, value: s.state.value })));
}

/** The start data of a definition: the sample of its start form. */
export function startSample(wf: CompiledWorkflow): Record<string, unknown> {
  const startForm = wf.definition.startForm;
  return { ...((startForm ? validSamples[startForm] : {}) as Record<string, unknown>) };
}
