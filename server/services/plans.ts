import { and, asc, eq, inArray, like } from "drizzle-orm";
import {
  compilePlanSummary,
  currentStateName,
  planFacts,
  reportFigures,
  type DossierSnapshot,
  type PlanSummary,
  type ReportingRound,
  type UnitReportFacts,
  type UnitReportStatus,
} from "../../workflows";
import { toVietnamDate } from "../../workflows/calendar";
import type { Clock } from "../clock";
import type { Db, Tx } from "../db/client";
import { documents, instanceEvents, instances } from "../db/schema";
import { notFound } from "../errors";
import { parseId } from "../ids";
import type { SessionUser } from "../identity";
import { canSeeDossier } from "./access";
import type { InstanceRow } from "./dossiers";

export const PLAN_WORKFLOW = "plan";

/** One unit's line in the drafter's tracking view. */
export type TrackingUnit = {
  unitId: string;
  unitName: string;
  assignment: string;
  reportId: string | null;
  reportCode: string | null;
  state: string | null;
  status: UnitReportStatus | "notStarted";
  late: boolean;
  submittedOn: string | null;
  sentBackCount: number;
  reminders: string[];
};

type ChildReport = { row: InstanceRow; facts: UnitReportFacts; sentBackCount: number; reminders: string[] };

/**
 * The plan lifecycle's reads: which units have reported (tracking), and the compiled summary of a
 * round of their reports, live or as frozen when the drafter submitted it.
 */
export class PlanService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** A plan the user may see, or 404. */
  async load(user: SessionUser, id: string): Promise<InstanceRow> {
    const [row] = await this.db.select().from(instances).where(eq(instances.id, parseId(id, "DOSSIER_NOT_FOUND", "plan")));
    if (!row || row.workflowKey !== PLAN_WORKFLOW || !(await canSeeDossier(this.db, user, row))) throw notFound("DOSSIER_NOT_FOUND", "no such plan");
    return row;
  }

  private today(at: Date = this.clock.now()): string {
    return toVietnamDate(at);
  }

  /** Every reporting round of the plan, in order. */
  rounds(plan: InstanceRow): ReportingRound[] {
    const data = (plan.snapshot as DossierSnapshot).context.data;
    return Array.isArray(data.$rounds) ? (data.$rounds as ReportingRound[]) : [];
  }

  /** The round the plan is in now, or the one named by `key` (also a past one). */
  round(plan: InstanceRow, key?: string): ReportingRound | null {
    const data = (plan.snapshot as DossierSnapshot).context.data;
    const rounds = this.rounds(plan);
    if (key) return rounds.find((r) => r.key === key) ?? null;
    return (data.$round as ReportingRound | null | undefined) ?? rounds.at(-1) ?? null;
  }

  /** The children of one round of a plan, with what their histories tell: submissions, send-backs. */
  private async reports(db: Db | Tx, plan: InstanceRow, round: ReportingRound): Promise<ChildReport[]> {
    const rows = await db
      .select()
      .from(instances)
      .where(and(eq(instances.parentId, plan.id), like(instances.childKey, `${round.key}:%`)));
    if (rows.length === 0) return [];
    const events = await db
      .select({ instanceId: instanceEvents.instanceId, type: instanceEvents.type, at: instanceEvents.at })
      .from(instanceEvents)
      .where(and(inArray(instanceEvents.instanceId, rows.map((r) => r.id)), inArray(instanceEvents.type, ["SUBMIT", "REQUEST_SUPPLEMENT"])))
      .orderBy(asc(instanceEvents.instanceId), asc(instanceEvents.seq));
    return rows.map((row) => {
      const snapshot = row.snapshot as DossierSnapshot;
      const data = snapshot.context.data;
      const mine = events.filter((e) => e.instanceId === row.id);
      const submits = mine.filter((e) => e.type === "SUBMIT");
      const sentBackCount = mine.filter((e) => e.type === "REQUEST_SUPPLEMENT").length;
      const state = currentStateName(snapshot.value);
      const status: UnitReportStatus = state === "accepted" ? "accepted" : state === "review" ? "review" : sentBackCount > 0 ? "sentBack" : "pending";
      const submittedOn = submits.length ? this.today(submits.at(-1)!.at) : null;
      const figures = reportFigures(data);
      return {
        row,
        sentBackCount,
        reminders: Array.isArray(data.$reminders) ? (data.$reminders as string[]) : [],
        facts: {
          unitId: typeof data.unitId === "string" ? data.unitId : "",
          status,
          late: data.$late === true || Boolean(submittedOn && submittedOn > round.dueDate),
          submittedOn,
          ...figures,
        },
      };
    });
  }

  /** The drafter's live view: every participating unit with where its report stands. */
  async tracking(plan: InstanceRow, roundKey?: string) {
    const snapshot = plan.snapshot as DossierSnapshot;
    const round = this.round(plan, roundKey);
    const today = this.today();
    const children = round ? await this.reports(this.db, plan, round) : [];
    const byUnit = new Map(children.map((c) => [c.facts.unitId, c]));
    const units: TrackingUnit[] = planFacts(snapshot.context.data).participatingUnits.map((u) => {
      const child = byUnit.get(u.unitId);
      const overdue = Boolean(round && today > round.dueDate && (!child || child.facts.status === "pending" || child.facts.status === "sentBack"));
      return {
        unitId: u.unitId,
        unitName: u.unitName,
        assignment: u.assignment ?? "",
        reportId: child?.row.id ?? null,
        reportCode: child?.row.code ?? null,
        state: child ? currentStateName((child.row.snapshot as DossierSnapshot).value) : null,
        status: child?.facts.status ?? "notStarted",
        late: Boolean(child?.facts.late) || overdue,
        submittedOn: child?.facts.submittedOn ?? null,
        sentBackCount: child?.sentBackCount ?? 0,
        reminders: child?.reminders ?? [],
      };
    });
    const count = (status: TrackingUnit["status"]) => units.filter((u) => u.status === status).length;
    return {
      plan: { id: plan.id, code: plan.code, title: plan.title, state: currentStateName(snapshot.value) },
      round,
      today,
      counts: {
        units: units.length,
        reported: units.filter((u) => u.submittedOn !== null).length,
        accepted: count("accepted"),
        review: count("review"),
        sentBack: count("sentBack"),
        pending: count("pending") + count("notStarted"),
        late: units.filter((u) => u.late).length,
      },
      units,
    };
  }

  /** Compiles the plan's round from its children now, read through `via` (the step's transaction for the `planSummary` computation). */
  async compile(plan: InstanceRow, via: Db | Tx, options: { at?: Date; roundKey?: string } = {}): Promise<PlanSummary> {
    const round = this.round(plan, options.roundKey);
    const reports = round ? await this.reports(via, plan, round) : [];
    return compilePlanSummary({
      plan: planFacts((plan.snapshot as DossierSnapshot).context.data),
      reports: reports.map((r) => r.facts),
      round,
      today: this.today(options.at),
    });
  }

  /**
   * The summary of a round: as submitted for approval (frozen in the plan's data, or filed with a past
   * round), else compiled live. `frozen` says which.
   */
  async summary(plan: InstanceRow, roundKey?: string): Promise<{ frozen: boolean; summary: PlanSummary }> {
    const data = (plan.snapshot as DossierSnapshot).context.data;
    const round = this.round(plan, roundKey);
    const filed = Array.isArray(data.$pastSummaries) ? (data.$pastSummaries as { round: ReportingRound | null; summary: PlanSummary | null }[]) : [];
    const past = filed.find((f) => f.round && round && f.round.key === round.key && f.summary);
    if (past?.summary) return { frozen: true, summary: past.summary };
    const current = data.planSummary as PlanSummary | null | undefined;
    if (current && (!round || current.round?.key === round.key)) return { frozen: true, summary: current };
    return { frozen: false, summary: await this.compile(plan, this.db, roundKey ? { roundKey } : {}) };
  }

  /**
   * The report (BC) issued when the round's summary was approved, null while it is not: each approval
   * files the summary in `$pastSummaries` and issues one BC in the same step, so the i-th filed summary
   * is the plan's i-th BC document, and the current one's is the next, once approved.
   */
  async summaryReport(plan: InstanceRow, roundKey?: string): Promise<typeof documents.$inferSelect | null> {
    const data = (plan.snapshot as DossierSnapshot).context.data;
    const round = this.round(plan, roundKey);
    const filed = Array.isArray(data.$pastSummaries) ? (data.$pastSummaries as { round: ReportingRound | null; summary: PlanSummary | null }[]) : [];
    const past = round ? filed.findIndex((f) => f.round?.key === round.key && f.summary) : -1;
    // Not filed: the current summary, whose BC (the last round's is never filed) follows the filed ones once approved.
    const index = past >= 0 ? past : filed.length;
    const issued = await this.db
      .select()
      .from(documents)
      .where(and(eq(documents.instanceId, plan.id), eq(documents.type, "BC")))
      .orderBy(asc(documents.eventSeq));
    return issued[index] ?? null;
  }
}
