import { assign, setup, type AnyStateMachine, type StateValue } from "xstate";
import { CHILD_UPDATE, parseChildUpdate, spawnRequests, withChildUpdate, withSpawnedChildren } from "./children";
import { dataActions } from "./data-actions";
import type { Guard, Role, Spawn, StateNodeDef, Transition, WorkflowDefinition } from "./definition-schema";
import { evaluateCondition } from "./json-logic";
import { effectiveAssignee, isStartersOwnWork } from "./separation";
import { indexStates, stateKind, type IndexedState } from "./state-index";
import { MAX_MICROSTEPS } from "./step-budget";
import { timeScope, type TimeScope } from "./time-scope";

/**
 * Who sends an event. `system` is the engine itself acting on a timer. `starter`: the actor is the person
 * who started the dossier, so his official roles do not count in the states that decide on it
 * (`separation.ts`); the server says so, the engine decides.
 */
export type Actor = { id: string; roles: string[]; system?: boolean; starter?: boolean };
export type DossierContext = { data: Record<string, unknown> };
/**
 * An event; `at` is when it happened (ISO instant with offset), so conditions may read `now`/`today`.
 * `probe` asks XState which transition it would take without sending anything (`engine.ts`): `"actor"`
 * judges everything but the conditions on the event's own data (not known before it is sent),
 * `"anyone"` only refuses what no person may send (`system` transitions).
 */
export type DossierEvent = { type: string; data?: Record<string, unknown>; actor: Actor; at?: string | undefined; probe?: "actor" | "anyone" };

/**
 * What the XState guard of a compiled transition knows: the transition as written, the state declaring
 * it, and who may take it. XState hands it back with the transition it chose, so the engine reports
 * exactly the transition XState took.
 */
export type TransitionGuard = {
  source: string;
  transition: Transition;
  /** An `always` transition: it runs on whoever's event led there, so only its own `guard` counts. */
  eventless: boolean;
  /** Who may send it: its guard's roles, else the role of the declaring state's (or an ancestor's) assignee; null: anyone. */
  roles: Role[] | null;
  /** The state decides on the dossier, so its starter's official roles do not count there (`separation.ts`). */
  decides: boolean;
  /** The condition reads the event's own data, so it cannot be judged before the event is sent. */
  readsEvent: boolean;
};

/** The event data key under which the server hands in its facts (`$server` in conditions); recorded with the event, so replay sees them too. */
export const SERVER_FACTS = "$server";

/** The server's facts carried by an event's data (empty when there are none). */
export function serverFactsOf(data: Record<string, unknown> | undefined): Record<string, unknown> {
  const facts = data?.[SERVER_FACTS];
  return facts !== null && typeof facts === "object" && !Array.isArray(facts) ? (facts as Record<string, unknown>) : {};
}

/** A definition ready to run: its XState machine and an index of its states by name. */
export type CompiledWorkflow = {
  definition: WorkflowDefinition;
  machine: AnyStateMachine;
  states: Map<string, IndexedState>;
};

const MACHINE_ID = "dossier";

/** The engine acting on its own (timers, eventless transitions). */
export const SYSTEM_ACTOR: Actor = { id: "system", roles: [], system: true };

/** True when the actor may take a transition guarded by `guard` with the given dossier data. */
export function guardPasses(
  guard: Guard | undefined,
  scope: { data: Record<string, unknown>; event: Record<string, unknown>; actor: Actor; config: Record<string, unknown>; $server?: Record<string, unknown> } & Partial<TimeScope>,
): boolean {
  if (!guard) return true;
  if (guard.role && !scope.actor.system) {
    const roles = Array.isArray(guard.role) ? guard.role : [guard.role];
    if (!roles.some((r) => scope.actor.roles.includes(r))) return false;
  }
  if (guard.condition === undefined) return true;
  // Facts come from the server's own tables; whatever the event's own data says under `$server` is not a fact.
  const event = Object.fromEntries(Object.entries(scope.event).filter(([k]) => k !== SERVER_FACTS));
  return evaluateCondition(guard.condition, { ...scope, event, $server: scope.$server ?? serverFactsOf(scope.event), actor: { id: scope.actor.id, roles: scope.actor.roles } });
}

/**
 * True when the actor may take the transition, whatever its condition says: the engine may take any;
 * a person never a `system` one, and only with one of its roles (the starter keeps only the applicant
 * role where the dossier is decided on).
 */
export function actorMayTake(guard: TransitionGuard, actor: Actor): boolean {
  if (actor.system === true) return true;
  if (guard.transition.system) return false;
  if (guard.roles === null) return true;
  const held = actor.starter && guard.decides ? actor.roles.filter((r) => r === "applicant") : actor.roles;
  return guard.roles.some((r) => held.includes(r));
}

/** The one guard of every compiled transition: XState calls it, and the transition it passes is the one taken. */
function transitionAllowed(guard: TransitionGuard, context: DossierContext, event: Partial<DossierEvent>, config: Record<string, unknown>): boolean {
  // Eventless (`always`) transitions see XState's internal events, which carry no actor.
  const actor = event.actor ?? SYSTEM_ACTOR;
  if (guard.eventless) return guardPasses(guard.transition.guard, { data: context.data, event: event.data ?? {}, actor, config, ...timeScope(event.at) });
  if (event.probe === "anyone") return !guard.transition.system || actor.system === true;
  if (!actorMayTake(guard, actor)) return false;
  const condition = guard.transition.guard?.condition;
  if (condition === undefined || (event.probe === "actor" && guard.readsEvent)) return true;
  return guardPasses({ condition }, { data: context.data, event: event.data ?? {}, actor, config, ...timeScope(event.at) });
}

/** The roles that may send a transition: its guard's, else the role of the state's (or an ancestor's) assignee. */
function rolesFor(wf: Pick<CompiledWorkflow, "definition" | "states">, source: IndexedState, transition: Transition): Role[] | null {
  if (transition.guard?.role) return Array.isArray(transition.guard.role) ? transition.guard.role : [transition.guard.role];
  return effectiveAssignee(wf, source)?.role ? [effectiveAssignee(wf, source)!.role] : null;
}

/**
 * Compiles a checked definition into an XState v5 machine. Targets are resolved by state name to
 * absolute ids, so a transition may leave a nested or parallel region.
 *
 * @example const wf = compileWorkflow(definition); initialTransition(wf.machine, { data: {} })
 */
export function compileWorkflow(definition: WorkflowDefinition): CompiledWorkflow {
  const { states } = indexStates(definition);
  const config = definition.config ?? {};
  const targetId = (name: string) => `#${MACHINE_ID}.${states.get(name)!.path.join(".")}`;
  const index = { definition, states };
  const guardOf = (source: IndexedState, t: Transition, eventless: boolean): TransitionGuard => ({
    source: source.name,
    transition: t,
    eventless,
    roles: eventless ? null : rolesFor(index, source, t),
    decides: !isStartersOwnWork(index, source),
    readsEvent: t.guard?.condition !== undefined && JSON.stringify(t.guard.condition).includes('"event'),
  });
  // Every transition of an event carries the guard (roles apply even without a written one).
  const compileTransition = (source: IndexedState, eventless: boolean) => (t: Transition) => ({
    ...(t.target !== undefined ? { target: targetId(t.target) } : {}),
    ...(!eventless || t.guard ? { guard: { type: "allowed" as const, params: guardOf(source, t, eventless) } } : {}),
    actions: [
      ...(t.mergeData ? [{ type: "mergeData" as const }] : []),
      ...(t.actions ?? []).map((name) => ({ type: "dataAction" as const, params: { name } })),
    ],
  });
  const compileNode = (node: StateNodeDef, name: string): Record<string, unknown> => {
    const kind = stateKind(node);
    const source = states.get(name)!;
    return {
      ...(kind === "parallel" || kind === "final" ? { type: kind } : {}),
      ...(kind === "compound" ? { initial: node.initial } : {}),
      ...(node.states ? { states: mapValues(node.states, compileNode) } : {}),
      ...(node.on ? { on: mapValues(node.on, (spec) => (Array.isArray(spec) ? spec : [spec]).map(compileTransition(source, false))) } : {}),
      ...(node.always ? { always: node.always.map(compileTransition(source, true)) } : {}),
      ...(node.spawn ? { entry: [{ type: "spawnChildren", params: node.spawn }] } : {}),
    };
  };

  const machine = setup({
    types: {} as { context: DossierContext; events: DossierEvent; input: { data: Record<string, unknown> } },
    guards: {
      allowed: ({ context, event }, params: TransitionGuard) => transitionAllowed(params, context, event, config),
    },
    actions: {
      // `$`-fields belong to the engine (children, rounds, lateness): event data never overwrites them.
      mergeData: assign({ data: ({ context, event }) => ({ ...context.data, ...withoutEngineFields(event.data ?? {}) }) }),
      dataAction: assign({
        data: ({ context, event }, params: { name: string }) =>
          dataActions[params.name]!(context.data, { event: event.data ?? {}, config, actorId: event.actor?.id ?? null, ...timeScope(event.at) }),
      }),
      spawnChildren: assign({ data: ({ context }, spec: Spawn) => withSpawnedChildren(context.data, spawnRequests(spec, context.data, config)) }),
      recordChild: assign({
        data: ({ context, event }) => {
          const update = parseChildUpdate(event.data);
          return update ? withChildUpdate(context.data, update) : context.data;
        },
      }),
    },
  }).createMachine({
    id: MACHINE_ID,
    // XState throws past this many microsteps in one step; the engine makes it a WORKFLOW_LOOP refusal.
    options: { maxIterations: MAX_MICROSTEPS },
    context: ({ input }) => ({ data: input.data }),
    initial: definition.initial,
    // Any state hears from its children; the engine lets only the system send this (engine.ts).
    on: { [CHILD_UPDATE]: { actions: ["recordChild"] } },
    // The config is built from a checked definition; XState's static types cannot follow it.
    states: mapValues(definition.states, compileNode) as never,
  });
  // The concrete machine type carries the config literal; callers only need the generic shape.
  return { definition, machine: machine as unknown as AnyStateMachine, states };
}

/** Event data without the engine's own `$`-fields. */
export function withoutEngineFields(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([k]) => !k.startsWith("$")));
}

function mapValues<T, U>(record: Record<string, T>, fn: (value: T, key: string) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, fn(v, k)]));
}

export type { StateValue };
