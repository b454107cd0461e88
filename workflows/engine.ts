import { initialTransition, transition, type AnyMachineSnapshot, type AnyStateNode, type StateValue } from "xstate";
import { APOLOGIZE, ONE_STOP_SUPPLEMENT, supplementEvent } from "./one-stop";
import type { Guard, LocalizedText, Transition } from "./definition-schema";
import { timeScope } from "./time-scope";
import { CHILD_UPDATE, spawnRequests, type SpawnRequest } from "./children";
import { actorMayTake, guardPasses, SERVER_FACTS, withoutEngineFields, type Actor, type CompiledWorkflow, type DossierEvent, type TransitionGuard } from "./compile";
import { EngineError } from "./errors";
import { SAVE_DRAFT } from "./reserved-events";
import { activeLeafNames, activeStateNames, stateKind, type IndexedState } from "./state-index";
import { withinStepBudget } from "./step-budget";

/** What is stored for a dossier: enough to restore the machine and nothing that varies by run. */
export type DossierSnapshot = {
  value: StateValue;
  context: { data: Record<string, unknown> };
  status: "active" | "done";
};

/** The result of one engine step: the new snapshot and which states were left and entered. */
export type Step = {
  snapshot: DossierSnapshot;
  from: string[];
  to: string[];
  exited: string[];
  entered: string[];
  transition: Transition | null;
  /** Child dossiers the server must start in the same transaction (states with `spawn` just entered). */
  spawn: SpawnRequest[];
};

export type AvailableEvent = { type: string; title: LocalizedText | null; form: string | null; target: string | null };

function toStored(snapshot: AnyMachineSnapshot): DossierSnapshot {
  return {
    value: snapshot.value as StateValue,
    context: { data: (snapshot.context as { data: Record<string, unknown> }).data },
    status: snapshot.status === "done" ? "done" : "active",
  };
}

function restore(wf: CompiledWorkflow, stored: DossierSnapshot): AnyMachineSnapshot {
  return wf.machine.resolveState({ value: stored.value, context: stored.context });
}

/**
 * Starts a dossier: the initial state, with any `always` transitions already taken.
 *
 * @example const step = startDossier(wf, { name: "Hội Luật gia" }); step.to // ["draft"]
 */
export function startDossier(wf: CompiledWorkflow, data: Record<string, unknown>): Step {
  const [snapshot] = withinStepBudget(() => initialTransition(wf.machine, { data: withoutEngineFields(data) }));
  const stored = toStored(snapshot);
  const entered = activeStateNames(stored.value);
  return { snapshot: stored, from: [], to: activeLeafNames(stored.value), exited: [], entered, transition: null, spawn: spawnsOf(wf, entered, stored) };
}

/** The children to start for the states just entered, read from the data after the step. */
function spawnsOf(wf: CompiledWorkflow, entered: string[], stored: DossierSnapshot): SpawnRequest[] {
  return entered.flatMap((name) => {
    const spec = wf.states.get(name)?.node.spawn;
    return spec ? spawnRequests(spec, stored.context.data, wf.definition.config ?? {}) : [];
  });
}

/** A child's news for its parent: only the engine sends it; it never moves the parent by itself, though `always` may. */
function childUpdate(wf: CompiledWorkflow, stored: DossierSnapshot, snapshot: AnyMachineSnapshot, event: DossierEvent): Step {
  const [next] = withinStepBudget(() => transition(wf.machine, snapshot, event));
  const after = toStored(next);
  const before = new Set(activeStateNames(stored.value));
  const now = new Set(activeStateNames(after.value));
  const entered = [...now].filter((n) => !before.has(n));
  return {
    snapshot: after,
    from: activeLeafNames(stored.value),
    to: activeLeafNames(after.value),
    exited: [...before].filter((n) => !now.has(n)),
    entered,
    transition: null,
    spawn: spawnsOf(wf, entered, after),
  };
}

/**
 * The transitions for `type` declared on the active states, as XState compiled them (deepest state
 * first, XState's priority), with the guard data each carries. Only for what comes before the choice
 * (refusals, forms, computations): which one is taken is XState's alone (`sendEvent`).
 */
function declared(wf: CompiledWorkflow, snapshot: AnyMachineSnapshot, type: string): TransitionGuard[] {
  const nodes = [...(snapshot._nodes as AnyStateNode[])].sort((a, b) => b.path.length - a.path.length);
  return nodes.flatMap((node) => (node.path.length === 0 ? [] : (node.on[type] ?? []).map(guardData)));
}

/** The guard data XState hands back with a transition (every event transition carries one, `compile.ts`). */
function guardData(t: { guard?: unknown }): TransitionGuard {
  return (t.guard as { params: TransitionGuard }).params;
}

function optionOf(wf: CompiledWorkflow, guard: TransitionGuard): EventOption {
  return { source: wf.states.get(guard.source)!, transition: guard.transition };
}

/**
 * The server computations (`compute`) the transitions for `type` in the current state ask for, so that
 * the server can add them to the event before the step.
 *
 * @example computationsFor(plan, compilingSnapshot, "SUBMIT") // ["planSummary"]
 */
export function computationsFor(wf: CompiledWorkflow, stored: DossierSnapshot, type: string): string[] {
  const transitions = declared(wf, restore(wf, stored), type);
  // A one-stop supplement request is judged against its receipt's date (the server's clock rows).
  const oneStop = transitions.length && type === supplementEvent(wf) ? [ONE_STOP_SUPPLEMENT] : [];
  return [...new Set([...transitions.flatMap((g) => g.transition.compute ?? []), ...oneStop])];
}

/** A transition that the event could take, with the state that declares it. */
export type EventOption = { source: IndexedState; transition: Transition };

/**
 * The transitions `event` could take now that its actor may take, before any condition is judged: what
 * the server needs to know (e.g. which form the event's data must fill) before it runs the step.
 * Refuses like `sendEvent`: the dossier is closed, the event is not possible here, or the actor lacks the role.
 *
 * @example permittedTransitions(wf, snapshot, { type: "APPROVE", actor })[0]?.transition.form // "decision"
 */
export function permittedTransitions(wf: CompiledWorkflow, stored: DossierSnapshot, event: DossierEvent): EventOption[] {
  return permittedGuards(wf, stored, restoreOpen(wf, stored), event).map((g) => optionOf(wf, g));
}

function restoreOpen(wf: CompiledWorkflow, stored: DossierSnapshot): AnyMachineSnapshot {
  if (stored.status === "done") throw new EngineError("DOSSIER_CLOSED", "Hồ sơ đã kết thúc", { messageEn: "the dossier is closed" });
  return restore(wf, stored);
}

/** The refusals that come before any condition, judged with the same rule as the compiled guards (`actorMayTake`). */
function permittedGuards(wf: CompiledWorkflow, stored: DossierSnapshot, snapshot: AnyMachineSnapshot, event: DossierEvent): TransitionGuard[] {
  if (event.type === CHILD_UPDATE) {
    if (!event.actor.system) {
      throw new EngineError("ROLE_NOT_ALLOWED", "Chỉ hệ thống được cập nhật hồ sơ con", { roles: [], messageEn: "only the engine reports on child dossiers" });
    }
    return [];
  }
  const options = declared(wf, snapshot, event.type);
  if (options.length === 0) {
    throw new EngineError("EVENT_NOT_ALLOWED", `Không thể thực hiện "${event.type}" ở bước hiện tại`, {
      allowedEvents: anyonesEvents(wf, stored),
      messageEn: `"${event.type}" is not possible in the current state`,
    });
  }
  const permitted = options.filter((g) => actorMayTake(g, event.actor));
  if (permitted.length === 0 && event.actor.starter && options.some((g) => actorMayTake(g, { ...event.actor, starter: false }))) {
    throw new EngineError("SELF_DECISION_FORBIDDEN", "Người nộp hồ sơ không được tự xử lý, phê duyệt hồ sơ của chính mình", {
      messageEn: "the dossier's starter may not decide on it",
    });
  }
  if (permitted.length === 0) {
    const roles = [...new Set(options.flatMap((g) => g.roles ?? []))];
    throw new EngineError("ROLE_NOT_ALLOWED", "Bạn không có vai trò được phép thực hiện thao tác này", {
      roles,
      messageEn: `only ${roles.join(", ")} may do this`,
    });
  }
  return permitted;
}

/** The message of the first `explain` entry of a failed guard whose `when` holds, if any. */
function explained(guard: Guard | undefined, scope: Parameters<typeof guardPasses>[1]): LocalizedText | undefined {
  return guard?.explain?.find((e) => guardPasses({ condition: e.when }, scope))?.message;
}

/**
 * Applies one event to a stored snapshot, purely. XState alone chooses the transition (its guards judge
 * roles, separation of duties and conditions); the step reports the one it took. Refusals are typed
 * `EngineError`s: the event is not possible in this state (with the events that are), the actor lacks
 * the role, or a condition fails.
 *
 * @example sendEvent(wf, snapshot, { type: "SUBMIT", actor: { id: "u1", roles: ["applicant"] } }).to
 */
export function sendEvent(wf: CompiledWorkflow, stored: DossierSnapshot, event: DossierEvent): Step {
  const { probe: _probe, ...sent } = event;
  const snapshot = restoreOpen(wf, stored);
  const permitted = permittedGuards(wf, stored, snapshot, sent);
  if (sent.type === CHILD_UPDATE) return childUpdate(wf, stored, snapshot, sent);
  // XState's own selection: what `transition` below takes for this snapshot and event.
  const taken = withinStepBudget(() => wf.machine.getTransitionData(snapshot, sent));
  if (taken.length === 0) {
    const guard = permitted[0]!.transition.guard;
    const message = explained(guard, { data: stored.context.data, event: sent.data ?? {}, actor: sent.actor, config: wf.definition.config ?? {}, ...timeScope(sent.at) }) ?? guard?.message;
    throw new EngineError("CONDITION_FAILED", message?.vi ?? "Hồ sơ chưa đáp ứng điều kiện để thực hiện thao tác này", {
      messageEn: message?.en ?? "the dossier does not meet the condition for this event",
    });
  }
  const chosen = guardData(taken[0]!);
  const [next] = withinStepBudget(() => transition(wf.machine, snapshot, sent));
  const after = toStored(next);
  const before = new Set(activeStateNames(stored.value));
  const now = new Set(activeStateNames(after.value));
  // A transition into a state that was already active re-enters it (and everything below it);
  // a transition without a target stays where it is.
  const target = chosen.transition.target;
  const reentered = target !== undefined && (target === chosen.source || isAncestor(wf, target, chosen.source))
    ? [...now].filter((n) => n === target || isAncestor(wf, target, n))
    : [];
  const entered = [...now].filter((n) => !before.has(n) || reentered.includes(n));
  return {
    snapshot: after,
    from: activeLeafNames(stored.value),
    to: activeLeafNames(after.value),
    exited: [...before].filter((n) => !now.has(n) || reentered.includes(n)),
    entered,
    transition: chosen.transition,
    spawn: spawnsOf(wf, entered, after),
  };
}

function isAncestor(wf: CompiledWorkflow, ancestor: string, name: string): boolean {
  let parent = wf.states.get(name)?.parent;
  while (parent) {
    if (parent === ancestor) return true;
    parent = wf.states.get(parent)?.parent;
  }
  return false;
}

/** The event types declared on the active states, in the definition's order (never the engine's own `CHILD_UPDATE`). */
function declaredTypes(wf: CompiledWorkflow, stored: DossierSnapshot): string[] {
  return [...new Set(activeStateNames(stored.value).flatMap((name) => Object.keys(wf.states.get(name)?.node.on ?? {})))];
}

function anyonesEvents(wf: CompiledWorkflow, stored: DossierSnapshot): string[] {
  return availableEvents(wf, stored, null).map((e) => e.type);
}

/**
 * The events that can be sent now, for `actor` (or for anyone when `actor` is null), asked of XState
 * with a probe of each declared event: it says whether a transition would be taken and which. Conditions
 * on the event's own data cannot be judged before it is sent; role and dossier checks can.
 */
export function availableEvents(
  wf: CompiledWorkflow,
  stored: DossierSnapshot,
  actor: Actor | null,
  options: { at?: string; server?: Record<string, unknown> } = {},
): AvailableEvent[] {
  if (stored.status === "done") return [];
  const snapshot = restore(wf, stored);
  const probe = actor
    ? { actor, probe: "actor" as const, at: options.at, data: options.server ? { [SERVER_FACTS]: options.server } : {} }
    : { actor: { id: "anyone", roles: [] }, probe: "anyone" as const, data: {} };
  return declaredTypes(wf, stored).flatMap((type) => {
    const taken = offered(() => wf.machine.getTransitionData(snapshot, { type, ...probe }));
    if (taken.length === 0) return [];
    const t = guardData(taken[0]!).transition;
    return [{ type, title: t.title ?? null, form: t.form ?? null, target: t.target ?? null }];
  });
}

/** An event whose condition goes over its JSONLogic budget is not offered: sending it would be refused CONDITION_TOO_COSTLY. */
function offered<T>(choose: () => T[]): T[] {
  try {
    return withinStepBudget(choose);
  } catch (e) {
    if (e instanceof EngineError && e.code === "CONDITION_TOO_COSTLY") return [];
    throw e;
  }
}

/** True when the state is a final one (the dossier's outcome). */
export function isFinalState(wf: CompiledWorkflow, name: string): boolean {
  const state = wf.states.get(name);
  return state ? stateKind(state.node) === "final" : false;
}

/** True while the dossier is still in its definition's initial state (a draft its starter may keep editing). */
export function isInInitialState(wf: CompiledWorkflow, stored: DossierSnapshot): boolean {
  return stored.status === "active" && activeStateNames(stored.value).includes(wf.definition.initial);
}

/**
 * Saves an unfinished start form: the new data replaces the dossier's data, the state does not move.
 * Only while the dossier is in its initial state; the caller has validated the data as a draft.
 *
 * @example saveDraft(wf, snapshot, { name: "Hội Luật gia" }).snapshot.context.data // { name: "Hội Luật gia" }
 */
export function saveDraft(wf: CompiledWorkflow, stored: DossierSnapshot, data: Record<string, unknown>): Step {
  if (!isInInitialState(wf, stored)) {
    if (stored.status === "done") throw new EngineError("DOSSIER_CLOSED", "Hồ sơ đã kết thúc", { messageEn: "the dossier is closed" });
    throw new EngineError("EVENT_NOT_ALLOWED", "Hồ sơ đã nộp, không thể sửa bản nháp", {
      allowedEvents: anyonesEvents(wf, stored),
      messageEn: "the dossier has left its draft state",
    });
  }
  const at = activeLeafNames(stored.value);
  return { snapshot: { ...stored, context: { data: withoutEngineFields(data) } }, from: at, to: at, exited: [], entered: [], transition: null, spawn: [] };
}

/**
 * Re-runs a dossier's history through its definition: the start data, then each event in order (a
 * `SAVE_DRAFT` replaces the data). Equal to the stored snapshot for every dossier (a test checks it).
 */
export function replay(wf: CompiledWorkflow, startData: Record<string, unknown>, events: DossierEvent[]): DossierSnapshot {
  let snapshot = startDossier(wf, startData).snapshot;
  for (const event of events) {
    // An apology only adds to the history (and issues its slip): the statechart never saw it.
    if (event.type === APOLOGIZE) continue;
    snapshot = event.type === SAVE_DRAFT ? saveDraft(wf, snapshot, event.data ?? {}).snapshot : sendEvent(wf, snapshot, event).snapshot;
  }
  return snapshot;
}
