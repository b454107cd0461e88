import type { CompiledWorkflow } from "./compile";
import type { Deadline } from "./definition-schema";

/** One legal clock of a definition: the states that run it and the states that pause it. */
export type ClockRule = {
  /** The deadline's `from` state, else the state that declares it. */
  key: string;
  rule: { workingDays?: number | undefined; calendarDays?: number | undefined };
  pauseIn: string[];
  /** States in which the clock runs: those declaring the deadline, and the `from` state. */
  runIn: string[];
  /** On leaving a `pauseIn` state: resume with the days left, or run again in full (`oneStop.clockOnSupplement`). */
  onSupplement: "pause" | "restart";
};

export type LiveClock = "running" | "paused";
export type ClockAction = "start" | "pause" | "resume" | "restart" | "stop";

const cache = new WeakMap<CompiledWorkflow, ClockRule[]>();

/**
 * The clocks of a definition, grouped by key: `committeeReview` and `committeeDecision` both declaring
 * `from: "committeeReview"` share ONE clock, so a RETURN to review keeps counting the same days.
 * When states of one key disagree on the rule, the `from` state's own deadline wins, else the first.
 */
export function clockRules(wf: CompiledWorkflow): ClockRule[] {
  const known = cache.get(wf);
  if (known) return known;
  const byKey = new Map<string, { deadlines: [string, Deadline][]; runIn: Set<string>; pauseIn: Set<string> }>();
  for (const [name, state] of wf.states) {
    const deadline = state.node.deadline;
    if (!deadline) continue;
    const key = deadline.from ?? name;
    const entry = byKey.get(key) ?? { deadlines: [], runIn: new Set([key]), pauseIn: new Set() };
    entry.deadlines.push([name, deadline]);
    entry.runIn.add(name);
    for (const p of deadline.pauseIn ?? []) entry.pauseIn.add(p);
    byKey.set(key, entry);
  }
  const onSupplement = wf.definition.oneStop?.clockOnSupplement.rule ?? "pause";
  const rules = [...byKey].map(([key, e]) => {
    const own = e.deadlines.find(([name]) => name === key)?.[1] ?? e.deadlines[0]![1];
    return { key, rule: { workingDays: own.workingDays, calendarDays: own.calendarDays }, pauseIn: [...e.pauseIn], runIn: [...e.runIn], onSupplement };
  });
  cache.set(wf, rules);
  return rules;
}

/**
 * What happens to each clock when the dossier's active states become `active`: start a clock when a
 * state that runs it is entered and none is live; pause it in a `pauseIn` state; resume it on leaving
 * that state for one that runs it (or restart it in full, when the procedure says the time runs again
 * from the complete dossier); stop it when no state that uses it is active.
 *
 * @example
 * clockActions(rules, new Set(["committeeSupplement"]), new Map([["committeeReview", "running"]]));
 * // → [{ key: "committeeReview", action: "pause" }]
 */
export function clockActions(
  rules: readonly ClockRule[],
  active: ReadonlySet<string>,
  live: ReadonlyMap<string, LiveClock>,
): { rule: ClockRule; action: ClockAction }[] {
  const out: { rule: ClockRule; action: ClockAction }[] = [];
  for (const rule of rules) {
    const state = live.get(rule.key);
    const running = rule.runIn.some((s) => active.has(s));
    const pausing = rule.pauseIn.some((s) => active.has(s));
    // Running and pausing states both active (a parallel chart): paused wins, the dossier waits for the applicant.
    if (pausing && state === "running") out.push({ rule, action: "pause" });
    else if (pausing) continue;
    else if (running && state === undefined) out.push({ rule, action: "start" });
    else if (running && state === "paused") out.push({ rule, action: rule.onSupplement === "restart" ? "restart" : "resume" });
    else if (!running && state !== undefined) out.push({ rule, action: "stop" });
  }
  return out;
}
