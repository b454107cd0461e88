import type { StateNodeDef, WorkflowDefinition } from "./definition-schema";
import type { FigureSource } from "./legal-source";

/** One number a definition takes from the law (or a setting): where it is, its value and its source. */
export type LegalFigure = {
  workflow: string;
  /** Dotted path in the definition: `config.minCommitteeMembers.province`, `states.committeeReview.deadline.workingDays`. */
  path: string;
  /** A number, a list of numbers (reminder offsets), a month-day (`06-14`, a data cut-off) or a rule's name (`restart`). */
  value: number | number[] | string;
  /** Free text for older definitions; undefined when nothing names a source. */
  source: FigureSource | string | undefined;
};

const isNumbers = (value: unknown): value is number[] => Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "number");
const isMonthDay = (value: unknown): value is string => typeof value === "string" && /^\d{2}-\d{2}$/.test(value);

/** The figures of a config (numbers, lists of numbers, month-days), with their dotted paths. */
function configLeaves(value: unknown, path: string[]): { path: string[]; value: LegalFigure["value"] }[] {
  if (typeof value === "number" || isNumbers(value) || isMonthDay(value)) return [{ path, value }];
  if (value && typeof value === "object" && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([key, inner]) => configLeaves(inner, [...path, key]));
  }
  return [];
}

/** The source covering a config path: its own entry, else the nearest ancestor's. */
function configSource(sources: WorkflowDefinition["configSources"], path: string[]): FigureSource | undefined {
  for (let n = path.length; n > 0; n--) {
    const found = sources?.[path.slice(0, n).join(".")];
    if (found) return found;
  }
  return undefined;
}

function stateFigures(workflow: string, states: Record<string, StateNodeDef>, prefix: string): LegalFigure[] {
  return Object.entries(states).flatMap(([name, node]) => {
    const at = `${prefix}states.${name}`;
    const out: LegalFigure[] = [];
    const d = node.deadline;
    if (d) {
      const unit = d.workingDays !== undefined ? "workingDays" : "calendarDays";
      out.push({ workflow, path: `${at}.deadline.${unit}`, value: d[unit]!, source: d.source });
    }
    (node.timers ?? []).forEach((timer, i) => {
      // A timer `at` a date in the data holds no figure: the figures that make the date are in `config`.
      if (!timer.after) return;
      const unit = timer.after.workingDays !== undefined ? "workingDays" : "calendarDays";
      out.push({ workflow, path: `${at}.timers.${i}.after.${unit}`, value: timer.after[unit]!, source: timer.source });
    });
    return node.states ? [...out, ...stateFigures(workflow, node.states, `${at}.`)] : out;
  });
}

/**
 * Every figure of a definition that a law (or a setting) fixes: the numbers of its `config` and the
 * limits of its deadlines and timers, each with the source that covers it.
 *
 * @example legalFigures({ key: "x", initial: "a", states: { a: { title: { vi: "A" } } }, config: { days: 90 }, configSources: { days: { setting: "tỉnh" } } })
 * // [{ workflow: "x", path: "config.days", value: 90, source: { setting: "tỉnh" } }]
 */
export function legalFigures(definition: Pick<WorkflowDefinition, "key" | "states" | "config" | "configSources"> & Partial<Pick<WorkflowDefinition, "oneStop">>): LegalFigure[] {
  const fromConfig = configLeaves(definition.config ?? {}, []).map(({ path, value }) => ({
    workflow: definition.key,
    path: `config.${path.join(".")}`,
    value,
    source: configSource(definition.configSources, path),
  }));
  return [...fromConfig, ...stateFigures(definition.key, definition.states, ""), ...oneStopFigures(definition.key, definition.oneStop)];
}

/** The one-stop procedure's figures: the supplement request's limit and what a supplement does to the clock. */
function oneStopFigures(workflow: string, oneStop: WorkflowDefinition["oneStop"]): LegalFigure[] {
  if (!oneStop) return [];
  return [
    { workflow, path: "oneStop.supplement.withinWorkingDays", value: oneStop.supplement.withinWorkingDays, source: oneStop.supplement.source },
    { workflow, path: "oneStop.clockOnSupplement.rule", value: oneStop.clockOnSupplement.rule, source: oneStop.clockOnSupplement.source },
  ];
}

/** `configSources` keys that name nothing in `config` (a typo would leave a figure silently unsourced). */
export function strayConfigSources(definition: Pick<WorkflowDefinition, "config" | "configSources">): string[] {
  return Object.keys(definition.configSources ?? {}).filter((key) => {
    let value: unknown = definition.config;
    for (const part of key.split(".")) {
      if (!value || typeof value !== "object" || Array.isArray(value) || !Object.hasOwn(value, part)) return true;
      value = (value as Record<string, unknown>)[part];
    }
    return false;
  });
}
