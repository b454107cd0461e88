import { resolveAssignee, resolveAssigneeUnit, type ResolvedAssignee } from "./assignee";
import type { ChildUpdate, SpawnRequest } from "./children";
import { clockRules } from "./clock-rules";
import type { CompiledWorkflow } from "./compile";
import type { EstablishUnit, IssueDocument, Timer } from "./definition-schema";
import { fillTemplate } from "./documents";
import { addCalendarDays, type IsoDate } from "./calendar";
import { dueDateNotice, dueDateTimers, reportTaskDue, type DatedTimer, type DueDateNotice } from "./due-date-reminders";
import type { Step } from "./engine";
import { activeStateNames, currentStateName } from "./state-index";
import { issuingUnit } from "./issuing-unit";
import { isStartersOwnWork } from "./separation";
import { APOLOGIZE, apologyClocks, receiptsOf, receivingUnit, supplementSlipOf } from "./one-stop";

/** What the step needs to know of its dossier besides the snapshot: its identity and units. */
export type DossierFacts = {
  id: string;
  code: string;
  title: string;
  starterId: string;
  starterUnitId: string | null;
  unitId: string | null;
  parentId: string | null;
  childKey: string | null;
};

/** A leaf state entered by the step, as its notification names it. */
export type EnteredState = { state: string; title: string; role: string | null };

/**
 * Everything one accepted step means besides its new snapshot, in the order the server applies it
 * (`server/services/step-pipeline.ts`): tasks, legal clocks, timers, the document, the new unit, the
 * outbox, child dossiers and the parent, then the effects of the workflow's domain pack.
 */
export type StepEffect =
  | { kind: "closeTasks"; states: string[] }
  | { kind: "openTask"; state: string; assignee: ResolvedAssignee; excludedUserId: string | null; due: IsoDate | null }
  | { kind: "moveClocks"; active: string[]; entered: boolean }
  | { kind: "cancelTimers"; states: string[] }
  | { kind: "planTimers"; timers: { state: string; timer: Timer }[] }
  | { kind: "planDatedTimers"; timers: DatedTimer[] }
  | { kind: "issueDocument"; spec: IssueDocument; unitId: string | null }
  | { kind: "issueReceipt"; clock: string; spec: IssueDocument; unitId: string | null }
  | { kind: "apologize"; clocks: string[]; spec: IssueDocument | null; unitId: string | null }
  | { kind: "establishUnit"; spec: EstablishUnit; parentId: string | null; name: string; code: string | null }
  | { kind: "notify"; event: string; entered: EnteredState[]; finished: boolean }
  | { kind: "dueDateNotice"; notice: DueDateNotice }
  | { kind: "spawnChildren"; requests: SpawnRequest[] }
  | { kind: "tellParent"; parentId: string; update: ChildUpdate }
  | PackEffect;

/** An effect a domain pack (fund, plans, …) adds to its workflows' steps; its pack applies it. */
export type PackEffect = { kind: `${string}.${string}`; [field: string]: unknown };

export type StepEffectKind = StepEffect["kind"];

/**
 * The effects of one accepted step, computed from the definition alone: which tasks close and open (and
 * for whom), whether the clocks move, which timers to cancel and plan, the document to issue, the unit to
 * create, the notification, the children to start and what to tell the parent. Pure: the server applies
 * them in this order, in the step's transaction.
 *
 * @example stepEffects(founding, step, "SUBMIT", dossier, at)[0] // { kind: "closeTasks", states: ["draft"] }
 */
export function stepEffects(wf: CompiledWorkflow, step: Step, eventType: string, dossier: DossierFacts, at: string): StepEffect[] {
  const effects: StepEffect[] = [];
  const data = step.snapshot.context.data;
  const units = { data, starterUnitId: dossier.starterUnitId, dossierUnitId: dossier.unitId };
  if (step.exited.length) effects.push({ kind: "closeTasks", states: step.exited });
  for (const name of step.entered) {
    const state = wf.states.get(name);
    if (!state?.node.assignee) continue;
    const assignee = resolveAssignee(state.node.assignee, units);
    // A person who started the dossier does not decide on it (a child was started by the engine).
    const excludedUserId = !assignee.personal && dossier.parentId === null && !isStartersOwnWork(wf, state) ? dossier.starterId : null;
    // A reminded report's task is due with the report (a legal clock's tasks get their due date from it).
    effects.push({ kind: "openTask", state: name, assignee, excludedUserId, due: reportTaskDue(wf, step, name) });
  }
  if ((step.entered.length || step.exited.length) && clockRules(wf).length) {
    effects.push({ kind: "moveClocks", active: activeStateNames(step.snapshot.value), entered: step.entered.length > 0 });
  }
  if (step.exited.length) effects.push({ kind: "cancelTimers", states: step.exited });
  const entered = step.entered.flatMap((state) => (wf.states.get(state)?.node.timers ?? []).map((timer) => ({ state, timer })));
  const timers = entered.filter(({ timer }) => timer.after !== undefined);
  if (timers.length) effects.push({ kind: "planTimers", timers });
  const onDates = entered.flatMap(({ state, timer }) => datedFromData(state, timer, data));
  const issue = step.transition?.issueDocument;
  if (issue) effects.push({ kind: "issueDocument", spec: issue, unitId: issuingUnit(wf, issue, step.from, units) });
  // One-stop slips (`one-stop.ts`): the written supplement request, the receipt of a clock set running
  // (after `moveClocks`, so that it carries the clock's due date), the apology for an overdue dossier.
  const slip = supplementSlipOf(wf, step, eventType, units);
  if (slip) effects.push({ kind: "issueDocument", ...slip });
  for (const receipt of receiptsOf(wf, step, units)) effects.push({ kind: "issueReceipt", ...receipt });
  if (eventType === APOLOGIZE) {
    const clocks = apologyClocks(wf, activeStateNames(step.snapshot.value));
    const unitId = clocks[0] ? receivingUnit(wf, clocks[0], units) : dossier.unitId;
    effects.push({ kind: "apologize", clocks: clocks.map((c) => c.key), spec: wf.definition.oneStop?.apology.document ?? null, unitId });
  }
  const establish = step.transition?.establishUnit;
  if (establish) {
    const scope = { data, dossier: { code: dossier.code, title: dossier.title } };
    const code = establish.code ? fillTemplate(establish.code, scope) : "";
    effects.push({
      kind: "establishUnit",
      spec: establish,
      parentId: resolveAssigneeUnit(establish.parent, units),
      name: fillTemplate(establish.name, scope),
      code: code && code !== "…" ? code : null,
    });
  }
  if (step.entered.length) effects.push({ kind: "notify", event: eventType, entered: enteredLeaves(wf, step), finished: step.snapshot.status === "done" });
  const dated = [...onDates, ...dueDateTimers(wf, step, at)];
  if (dated.length) effects.push({ kind: "planDatedTimers", timers: dated });
  const notice = dueDateNotice(wf, step, eventType);
  if (notice) effects.push({ kind: "dueDateNotice", notice });
  if (step.spawn.length) effects.push({ kind: "spawnChildren", requests: step.spawn });
  const update = parentUpdate(step, eventType, dossier);
  if (update) effects.push(update);
  return effects;
}

/** A timer `at` a date in the dossier data: fires at the first instant after that day; none without a date. */
function datedFromData(state: string, timer: Timer, data: Record<string, unknown>): DatedTimer[] {
  if (!timer.at) return [];
  const last = readDataPath(data, timer.at);
  if (typeof last !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(last)) return [];
  return [{ state, event: timer.event, on: addCalendarDays(last, 1), time: "00:00", payload: { after: null, at: last, source: timer.source ?? null } }];
}

function readDataPath(data: Record<string, unknown>, path: string): unknown {
  let value: unknown = data;
  for (const part of path.split(".").slice(2)) {
    if (!value || typeof value !== "object" || Array.isArray(value) || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** The leaf states the step entered, with their titles and who works on them. */
function enteredLeaves(wf: CompiledWorkflow, step: Step): EnteredState[] {
  const leaves = new Set(step.to);
  return step.entered
    .filter((name) => leaves.has(name))
    .map((name) => {
      const node = wf.states.get(name)?.node;
      return { state: name, title: node?.title.vi ?? name, role: node?.assignee?.role ?? null };
    });
}

/** A child that moved (or was marked late) tells its parent, with a `CHILD_UPDATE`; its start does not. */
function parentUpdate(step: Step, eventType: string, dossier: DossierFacts): StepEffect | null {
  if (!dossier.parentId || !dossier.childKey || eventType === "START") return null;
  const moved = step.from.join() !== step.to.join();
  const markedLate = step.transition?.actions?.includes("markLate") ?? false;
  if (!moved && !markedLate) return null;
  const data = step.snapshot.context.data;
  return {
    kind: "tellParent",
    parentId: dossier.parentId,
    update: { key: dossier.childKey, id: dossier.id, state: currentStateName(step.snapshot.value), final: step.snapshot.status === "done", late: data.$late === true },
  };
}
