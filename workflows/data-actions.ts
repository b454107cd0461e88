import { dissolutionDataActions } from "./dissolution/actions";
import { campaignDataActions } from "./funds/campaign";
import { fundDataActions } from "./funds/lines";
import { periodRulesFrom, reportingRounds, type Recurrence, type ReportingRound } from "./plans/rounds";

/** What a named data action may read besides the dossier data. */
export type DataActionContext = {
  event: Record<string, unknown>;
  config: Record<string, unknown>;
  now: string | null;
  today: string | null;
  /** Who sent the event (e.g. to record a signature); null for eventless steps. */
  actorId?: string | null;
};

/** A pure change of the dossier data, named in a definition's `actions`. */
export type DataAction = (data: Record<string, unknown>, context: DataActionContext) => Record<string, unknown>;

/**
 * Plans: compute the rounds of reports (`$rounds`) and start with the first (`$round`). A periodic due
 * date on a day off moves to the working day in the event's `reportDueDates` (computed by the server).
 */
const schedulePlanRounds: DataAction = (data, { config, event }) => {
  const rounds = reportingRounds(
    {
      recurrence: data.recurrence as Recurrence | undefined,
      startDate: data.startDate as string | undefined,
      endDate: data.endDate as string | undefined,
      reportDeadline: data.reportDeadline as string | undefined,
    },
    periodRulesFrom(config),
    event.reportDueDates && typeof event.reportDueDates === "object" ? (event.reportDueDates as Record<string, unknown>) : {},
  );
  return { ...data, $rounds: rounds, $round: rounds[0] ?? null };
};

/**
 * Plans: file the approved summary of this round and move to the next round (null after the last). The
 * summary stays in `planSummary` (it names its round) until the next round's compilation replaces it:
 * the report document issued by the same step is filled from it.
 */
const advanceRound: DataAction = (data) => {
  const rounds = Array.isArray(data.$rounds) ? (data.$rounds as ReportingRound[]) : [];
  const current = data.$round as ReportingRound | null | undefined;
  const next = current ? (rounds[current.index + 1] ?? null) : null;
  const filed = Array.isArray(data.$pastSummaries) ? data.$pastSummaries : [];
  return { ...data, $round: next, $pastSummaries: [...filed, { round: current ?? null, summary: data.planSummary ?? null }] };
};

/** Marks the dossier late, once, with the date it became late. */
const markLate: DataAction = (data, { today }) => (data.$late === true ? data : { ...data, $late: true, $lateSince: today });

/** Notes that a reminder went out today (the guard keeps it to one a day). */
const noteReminder: DataAction = (data, { today }) => ({
  ...data,
  $reminders: [...(Array.isArray(data.$reminders) ? data.$reminders : []), today],
});

/**
 * Remembers who proposed (`$proposedBy`), so that a definition may ask that the same person not approve:
 * `"guard": { "condition": { "!=": [{ "var": "actor.id" }, { "var": "data.$proposedBy" }] } }`.
 */
const recordProposer: DataAction = (data, { actorId }) => ({ ...data, $proposedBy: actorId ?? null });

/**
 * Founding: keeps the congress period the server computed for the permission (`congressPeriod`) or its
 * extension (`congressExtension`) as `$congress`, which the period's timers and the congress guards read.
 */
const recordCongressPeriod: DataAction = (data, { event }) => ({ ...data, $congress: event.congressPeriod ?? null });
const extendCongressPeriod: DataAction = (data, { event }) => ({ ...data, $congress: event.congressExtension ?? data.$congress ?? null });

/**
 * Founding: keeps who recognises, appraises and decides (`foundingAuthorities`, computed from the unit
 * tree at the first submission) as `$authorities`, which later stages' assignees read.
 */
const recordAuthorities: DataAction = (data, { event }) => ({ ...data, $authorities: event.foundingAuthorities ?? event.associationAuthorities ?? null });

/**
 * A specialist does not refuse alone (the refusal is the competent authority's decision): his proposal,
 * with its reasons and legal basis, waits for the leader as `$refusalProposal`; a proposal to approve
 * clears it.
 */
const recordRefusalProposal: DataAction = (data, { event, actorId }) => ({
  ...data,
  $refusalProposal: { reasons: event.reasons ?? null, legalBasis: event.legalBasis ?? null, by: actorId ?? null },
});
const clearRefusalProposal: DataAction = (data) => {
  const { $refusalProposal: _gone, ...rest } = data;
  return rest;
};

/**
 * The named data actions a definition may use in a transition's `actions`, run in order.
 *
 * @example dataActions.markLate!({}, { event: {}, config: {}, now: null, today: "2023-12-06" }) // { $late: true, $lateSince: "2023-12-06" }
 */
export const dataActions: Readonly<Record<string, DataAction>> = {
  schedulePlanRounds,
  advanceRound,
  markLate,
  noteReminder,
  recordProposer,
  recordCongressPeriod,
  extendCongressPeriod,
  recordAuthorities,
  recordRefusalProposal,
  clearRefusalProposal,
  ...fundDataActions,
  ...dissolutionDataActions,
  ...campaignDataActions,
};
