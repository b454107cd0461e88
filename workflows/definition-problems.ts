import type { z } from "zod";
import { WorkflowDefinition, type StateNodeDef, type Transition } from "./definition-schema";
import { alwaysCycles } from "./always-cycles";
import { dataActions } from "./data-actions";
import { strayConfigSources } from "./legal-figures";
import { conditionProblems } from "./json-logic";
import { RESERVED_EVENTS } from "./reserved-events";
import { spawnValueProblems } from "./spawn-values";
import { indexStates, stateKind, type IndexedState } from "./state-index";

/** One thing wrong with a definition, located by a JSON pointer into it. */
export type DefinitionProblem = { path: string; code: string; message: string; messageEn: string };

export type DefinitionCheck =
  | { ok: true; definition: WorkflowDefinition }
  | { ok: false; problems: DefinitionProblem[] };

/** The transitions a state declares, each with its pointer, for checks and reachability. */
export function transitionsOf(state: IndexedState): { pointer: string; event: string | null; transition: Transition }[] {
  const base = `/states/${state.path.join("/states/")}`;
  const out: { pointer: string; event: string | null; transition: Transition }[] = [];
  for (const [event, spec] of Object.entries(state.node.on ?? {})) {
    const list = Array.isArray(spec) ? spec : [spec];
    list.forEach((transition, i) =>
      out.push({ pointer: `${base}/on/${event}${Array.isArray(spec) ? `/${i}` : ""}`, event, transition }),
    );
  }
  (state.node.always ?? []).forEach((transition, i) => out.push({ pointer: `${base}/always/${i}`, event: null, transition }));
  return out;
}

function zodProblems(issues: z.core.$ZodIssue[], prefix: PropertyKey[] = []): DefinitionProblem[] {
  return issues.flatMap((issue) => {
    const at = [...prefix, ...issue.path];
    // A union (one transition or a list of them) fails as a whole: explain the closest branch instead.
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      const closest = [...issue.errors].sort((a, b) => depth(b) - depth(a) || a.length - b.length)[0]!;
      if (closest.length > 0) return zodProblems(closest, at);
    }
    const path = "/" + at.map(String).join("/");
    return [{ path, code: "INVALID_SHAPE", message: `Cấu trúc không hợp lệ tại ${path}: ${issue.message}`, messageEn: issue.message }];
  });
}

function depth(issues: z.core.$ZodIssue[]): number {
  return Math.max(0, ...issues.map((i) => (i.code === "invalid_type" && i.path.length === 0 ? -1 : i.path.length)));
}

/**
 * Checks a workflow definition and reports every problem at once: its shape (zod), unknown or missing
 * states, duplicate state names, unreachable states, bad JSONLogic conditions, unknown forms and server
 * computations (the server hands in the names it knows), cycles of eventless transitions (`always-cycles.ts`).
 *
 * @example checkDefinition(json, { knownForms: new Set(["decision"]) }) // { ok: false, problems: [...] }
 */
export function checkDefinition(
  input: unknown,
  options: { knownForms?: ReadonlySet<string>; knownWorkflows?: ReadonlySet<string>; knownComputations?: ReadonlySet<string> } = {},
): DefinitionCheck {
  const parsed = WorkflowDefinition.safeParse(input);
  if (!parsed.success) return { ok: false, problems: zodProblems(parsed.error.issues) };
  const def = parsed.data;
  const problems: DefinitionProblem[] = [];
  const add = (path: string, code: string, message: string, messageEn: string) =>
    problems.push({ path, code, message, messageEn });
  const { states, duplicates } = indexStates(def);

  for (const name of duplicates) {
    add(`/states`, "DUPLICATE_STATE", `Tên trạng thái "${name}" bị trùng`, `state name "${name}" is used twice`);
  }
  const checkInitial = (pointer: string, initial: string | undefined, children: Record<string, StateNodeDef>) => {
    if (initial === undefined) add(pointer, "MISSING_INITIAL", "Thiếu trạng thái khởi đầu", "initial state is missing");
    else if (!(initial in children)) {
      add(pointer, "UNKNOWN_INITIAL", `Trạng thái khởi đầu "${initial}" không tồn tại`, `initial state "${initial}" does not exist`);
    }
  };
  checkInitial("/initial", def.initial, def.states);
  for (const key of strayConfigSources(def)) {
    add(`/configSources/${key}`, "UNKNOWN_CONFIG_SOURCE", `Nguồn "${key}" không ứng với cấu hình nào`, `configSources "${key}" names nothing in config`);
  }
  if (def.startForm && options.knownForms && !options.knownForms.has(def.startForm)) {
    add("/startForm", "UNKNOWN_FORM", `Biểu mẫu "${def.startForm}" không tồn tại`, `form "${def.startForm}" does not exist`);
  }

  for (const state of states.values()) {
    const base = `/states/${state.path.join("/states/")}`;
    const kind = stateKind(state.node);
    if (kind === "compound") checkInitial(`${base}/initial`, state.node.initial, state.node.states ?? {});
    if (kind === "final" && (state.node.on || state.node.always)) {
      add(`${base}/on`, "FINAL_WITH_EVENTS", "Trạng thái kết thúc không được có sự kiện", "a final state cannot have events");
    }
    for (const pause of state.node.deadline?.pauseIn ?? []) {
      if (!states.has(pause)) {
        add(`${base}/deadline/pauseIn`, "UNKNOWN_STATE", `Trạng thái "${pause}" không tồn tại`, `state "${pause}" does not exist`);
      }
    }
    const from = state.node.deadline?.from;
    if (from !== undefined && !states.has(from)) {
      add(`${base}/deadline/from`, "UNKNOWN_STATE", `Trạng thái "${from}" không tồn tại`, `state "${from}" does not exist`);
    }
    for (const [i, timer] of (state.node.timers ?? []).entries()) {
      if (!state.node.on?.[timer.event]) {
        add(`${base}/timers/${i}/event`, "UNKNOWN_EVENT", `Sự kiện hẹn giờ "${timer.event}" không có chuyển trạng thái`, `timer event "${timer.event}" has no transition in this state`);
      }
    }
    for (const { pointer, event } of transitionsOf(state)) {
      if (event && RESERVED_EVENTS.includes(event)) {
        add(pointer, "RESERVED_EVENT", `Tên sự kiện "${event}" được dành riêng cho hệ thống`, `event name "${event}" is reserved`);
      }
    }
    const spawn = state.node.spawn;
    if (spawn) {
      if (options.knownWorkflows && !options.knownWorkflows.has(spawn.workflow) && spawn.workflow !== def.key) {
        add(`${base}/spawn/workflow`, "UNKNOWN_WORKFLOW", `Quy trình "${spawn.workflow}" không tồn tại`, `workflow "${spawn.workflow}" does not exist`);
      }
      const values: [string, unknown][] = [
        ["key", spawn.key],
        ["unit", spawn.unit],
        ["title", spawn.title],
        ...Object.entries(spawn.data ?? {}).map(([k, v]): [string, unknown] => [`data/${k}`, v]),
      ];
      for (const [at, value] of values) {
        for (const problem of spawnValueProblems(value)) {
          add(`${base}/spawn/${at}`, "BAD_SPAWN_VALUE", `Giá trị tạo hồ sơ con không hợp lệ: ${problem}`, `bad spawn value: ${problem}`);
        }
      }
    }
    for (const { pointer, transition } of transitionsOf(state)) {
      for (const [i, name] of (transition.actions ?? []).entries()) {
        if (!Object.hasOwn(dataActions, name)) {
          add(`${pointer}/actions/${i}`, "UNKNOWN_ACTION", `Hành động "${name}" không tồn tại`, `action "${name}" does not exist`);
        }
      }
      for (const [i, name] of (transition.compute ?? []).entries()) {
        if (options.knownComputations && !options.knownComputations.has(name)) {
          add(`${pointer}/compute/${i}`, "UNKNOWN_COMPUTATION", `Phép tính "${name}" không tồn tại trên máy chủ`, `the server has no computation "${name}"`);
        }
      }
      if (transition.target === undefined) {
        if (!transition.actions?.length) {
          add(`${pointer}/target`, "MISSING_TARGET", "Thiếu trạng thái đích", "a transition needs a target or actions");
        }
      } else if (!states.has(transition.target)) {
        add(`${pointer}/target`, "UNKNOWN_STATE", `Trạng thái đích "${transition.target}" không tồn tại`, `target state "${transition.target}" does not exist`);
      }
      if (transition.form && options.knownForms && !options.knownForms.has(transition.form)) {
        add(`${pointer}/form`, "UNKNOWN_FORM", `Biểu mẫu "${transition.form}" không tồn tại`, `form "${transition.form}" does not exist`);
      }
      const condition = transition.guard?.condition;
      for (const problem of condition === undefined ? [] : conditionProblems(condition)) {
        add(`${pointer}/guard/condition`, "BAD_CONDITION", `Điều kiện JSONLogic không hợp lệ: ${problem}`, `bad JSONLogic condition: ${problem}`);
      }
      for (const [i, entry] of (transition.guard?.explain ?? []).entries()) {
        for (const problem of conditionProblems(entry.when)) {
          add(`${pointer}/guard/explain/${i}/when`, "BAD_CONDITION", `Điều kiện JSONLogic không hợp lệ: ${problem}`, `bad JSONLogic condition: ${problem}`);
        }
      }
    }
  }

  for (const name of unreachableStates(def.initial, states)) {
    const state = states.get(name)!;
    add(`/states/${state.path.join("/states/")}`, "UNREACHABLE_STATE", `Không thể đến trạng thái "${name}"`, `state "${name}" cannot be reached`);
  }
  for (const { state, index, cycle } of alwaysCycles(states)) {
    const loop = cycle.join(" → ");
    add(`/states/${state.path.join("/states/")}/always/${index}`, "ALWAYS_CYCLE", `Chuyển trạng thái tự động tạo vòng lặp: ${loop}`, `eventless transitions form a cycle: ${loop}`);
  }
  return problems.length ? { ok: false, problems } : { ok: true, definition: def };
}

/** States no path of transitions reaches from the initial state (entering a state enters its ancestors). */
function unreachableStates(initial: string, states: Map<string, IndexedState>): string[] {
  const reached = new Set<string>();
  const queue: string[] = [];
  const enter = (name: string) => {
    const state = states.get(name);
    if (!state || reached.has(name)) return;
    reached.add(name);
    queue.push(name);
    if (state.parent) enter(state.parent);
    const kind = stateKind(state.node);
    if (kind === "parallel") Object.keys(state.node.states ?? {}).forEach(enter);
    if (kind === "compound" && state.node.initial) enter(state.node.initial);
  };
  enter(initial);
  while (queue.length) {
    const state = states.get(queue.shift()!)!;
    for (const { transition } of transitionsOf(state)) if (transition.target !== undefined) enter(transition.target);
  }
  return [...states.keys()].filter((name) => !reached.has(name));
}
