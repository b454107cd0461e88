import { initialTransition, transition, type AnyMachineSnapshot, type StateValue } from "xstate";
import type { LocalizedText, Role, Transition } from "./definition-schema";
import { CHILD_UPDATE, spawnRequests, type SpawnRequest } from "./children";
import { guardPasses, withoutEngineFields, type Actor, type CompiledWorkflow, type DossierEvent } from "./compile";
import { EngineError } from "./errors";
import { SAVE_DRAFT } from "./reserved-events";
import { activeLeafNames, activeStateNames, stateKind, type IndexedState } from "./state-index";
import { isStartersOwnWork } from "./separation";
import { timeScope } from "./time-scope";
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
function childUpdate(wf: CompiledWorkflow, stored: DossierSnapshot, event: DossierEvent): Step {
  const [next] = withinStepBudget(() => transition(wf.machine, restore(wf, stored), event));
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

/** The transitions for `type` declared on active states, deepest state first (XState's priority). */
function candidates(wf: CompiledWorkflow, value: StateValue, type: string): { source: IndexedState; transition: Transition }[] {
  const active = activeStateNames(value)
    .map((name) => wf.states.get(name)!)
    .sort((a, b) => b.path.length - a.path.length);
  return active.flatMap((source) => {
    const spec = source.node.on?.[type];
    if (!spec) return [];
    return (Array.isArray(spec) ? spec : [spec]).map((transition) => ({ source, transition }));
  });
}

/**
 * The server computations (`compute`) the transitions for `type` in the current state ask for, so that
 * the server can add them to the event before the step.
 *
 * @example computationsFor(plan, compilingSnapshot, "SUBMIT") // ["planSummary"]
 */
export function computationsFor(wf: CompiledWorkflow, stored: DossierSnapshot, type: string): string[] {
  return [...new Set(candidates(wf, stored.value, type).flatMap((c) => c.transition.compute ?? []))];
}

/** The roles that may send a transition: its guard's, else the role of the state's assignee. */
export function rolesFor(source: IndexedState, transition: Transition, wf: CompiledWorkflow): Role[] | null {
  if (transition.guard?.role) return Array.isArray(transition.guard.role) ? transition.guard.role : [transition.guard.role];
  let state: IndexedState | undefined = source;
  while (state) {
    if (state.node.assignee) return [state.node.assignee.role];
    state = state.parent ? wf.states.get(state.parent) : undefined;
  }
  return null;
}

function mayAct(wf: CompiledWorkflow, actor: Actor, source: IndexedState, transition: Transition): boolean {
  if (actor.system === true) return true;
  if (transition.system) return false;
  const roles = rolesFor(source, transition, wf);
  if (roles === null) return true;
  // The starter of a dossier keeps only his applicant role where the dossier is decided on.
  const held = actor.starter && !isStartersOwnWork(wf, source) ? actor.roles.filter((r) => r === "applicant") : actor.roles;
  return roles.some((r) => held.includes(r));
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
  if (stored.status === "done") throw new EngineError("DOSSIER_CLOSED", "Hồ sơ đã kết thúc", { messageEn: "the dossier is closed" });
  if (event.type === CHILD_UPDATE) {
    if (!event.actor.system) {
      throw new EngineError("ROLE_NOT_ALLOWED", "Chỉ hệ thống được cập nhật hồ sơ con", { roles: [], messageEn: "only the engine reports on child dossiers" });
    }
    return [];
  }
  const options = candidates(wf, stored.value, event.type);
  if (options.length === 0) {
    const allowedEvents = [...new Set(availableEvents(wf, stored, null).map((e) => e.type))];
    throw new EngineError("EVENT_NOT_ALLOWED", `Không thể thực hiện "${event.type}" ở bước hiện tại`, {
      allowedEvents,
      messageEn: `"${event.type}" is not possible in the current state`,
    });
  }
  const permitted = options.filter((o) => mayAct(wf, event.actor, o.source, o.transition));
  if (permitted.length === 0 && event.actor.starter && options.some((o) => mayAct(wf, { ...event.actor, starter: false }, o.source, o.transition))) {
    throw new EngineError("SELF_DECISION_FORBIDDEN", "Người nộp hồ sơ không được tự xử lý, phê duyệt hồ sơ của chính mình", {
      messageEn: "the dossier's starter may not decide on it",
    });
  }
  if (permitted.length === 0) {
    const roles = [...new Set(options.flatMap((o) => rolesFor(o.source, o.transition, wf) ?? []))];
    throw new EngineError("ROLE_NOT_ALLOWED", "Bạn không có vai trò được phép thực hiện thao tác này", {
      roles,
      messageEn: `only ${roles.join(", ")} may do this`,
    });
  }
  return permitted;
}

/**
 * Applies one event to a stored snapshot, purely. Refusals are typed `EngineError`s: the event is not
 * possible in this state (with the events that are), the actor lacks the role, or a condition fails.
 *
 * @example sendEvent(wf, snapshot, { type: "SUBMIT", actor: { id: "u1", roles: ["applicant"] } }).to
 */
export function sendEvent(wf: CompiledWorkflow, stored: DossierSnapshot, event: DossierEvent): Step {
  const permitted = permittedTransitions(wf, stored, event);
  if (event.type === CHILD_UPDATE) return childUpdate(wf, stored, event);
  const scope = { data: stored.context.data, event: event.data ?? {}, actor: event.actor, config: wf.definition.config ?? {}, ...timeScope(event.at) };
  const chosen = permitted.find((o) => guardPasses(o.transition.guard, scope));
  if (!chosen) {
    const guard = permitted[0]!.transition.guard;
    throw new EngineError("CONDITION_FAILED", guard?.message?.vi ?? "Hồ sơ chưa đáp ứng điều kiện để thực hiện thao tác này", {
      messageEn: guard?.message?.en ?? "the dossier does not meet the condition for this event",
    });
  }
  const [next] = withinStepBudget(() => transition(wf.machine, restore(wf, stored), event));
  const after = toStored(next);
  const before = new Set(activeStateNames(stored.value));
  const now = new Set(activeStateNames(after.value));
  // A transition into a state that was already active re-enters it (and everything below it);
  // a transition without a target stays where it is.
  const target = chosen.transition.target;
  const reentered = target !== undefined && (target === chosen.source.name || isAncestor(wf, target, chosen.source.name))
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

/**
 * The events that can be sent now, for `actor` (or for anyone when `actor` is null): declared on an
 * active state, allowed to the actor's roles, and with a passing condition.
 */
export function availableEvents(
  wf: CompiledWorkflow,
  stored: DossierSnapshot,
  actor: Actor | null,
  options: { at?: string; server?: Record<string, unknown> } = {},
): AvailableEvent[] {
  if (stored.status === "done") return [];
  const seen = new Set<string>();
  const out: AvailableEvent[] = [];
  for (const name of activeStateNames(stored.value)) {
    const source = wf.states.get(name)!;
    for (const [type, spec] of Object.entries(source.node.on ?? {})) {
      for (const t of Array.isArray(spec) ? spec : [spec]) {
        if (seen.has(type)) continue;
        if (t.system && !actor?.system) continue;
        if (actor) {
          if (!mayAct(wf, actor, source, t)) continue;
          const scope = { data: stored.context.data, event: {}, actor, config: wf.definition.config ?? {}, $server: options.server ?? {}, ...timeScope(options.at) };
          // Conditions on the event's own data cannot be judged before it is sent; role and dossier checks can.
          if (t.guard?.condition !== undefined && !dependsOnEvent(t.guard.condition) && !passesWithinBudget(t.guard, scope)) continue;
        }
        seen.add(type);
        out.push({ type, title: t.title ?? null, form: t.form ?? null, target: t.target ?? null });
      }
    }
  }
  return out;
}

/** A condition over its JSONLogic budget is not offered: sending the event would be refused CONDITION_TOO_COSTLY. */
function passesWithinBudget(...args: Parameters<typeof guardPasses>): boolean {
  try {
    return guardPasses(...args);
  } catch (e) {
    if (e instanceof EngineError && e.code === "CONDITION_TOO_COSTLY") return false;
    throw e;
  }
}

function dependsOnEvent(rule: unknown): boolean {
  return JSON.stringify(rule).includes('"event');
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
      allowedEvents: [...new Set(availableEvents(wf, stored, null).map((e) => e.type))],
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
    snapshot = event.type === SAVE_DRAFT ? saveDraft(wf, snapshot, event.data ?? {}).snapshot : sendEvent(wf, snapshot, event).snapshot;
  }
  return snapshot;
}
