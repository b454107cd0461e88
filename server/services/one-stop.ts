import { eq } from "drizzle-orm";
import { activeStateNames, clockRules, ONE_STOP_SUPPLEMENT, type DossierSnapshot } from "../../workflows";
import { addWorkingDays, isIsoDate, isWorkingDay, toVietnamDate, type IsoDate } from "../../workflows/calendar";
import type { Tx } from "../db/client";
import { dossierClocks } from "../db/schema";
import { DomainError } from "../errors";
import { holdsRole } from "../identity";
import type { CalendarService } from "./calendar";
import type { DeadlineService } from "./deadlines";
import type { DocumentService } from "./documents";
import type { Computation, DomainPack } from "./domain-packs";
import type { ApplierOf } from "./step-pipeline";
import type { ClockRow } from "./timers";
import { clockStatus } from "./timers";
import type { WorkflowRegistry } from "./workflow-registry";

/** What a one-stop clock keeps besides its rule: the day of the last receipt and the return date promised. */
type OneStopRule = { receivedOn?: IsoDate; promised?: IsoDate };

/** dd/mm/yyyy, as every date shown to people. */
const shown = (date: IsoDate) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

/** The one-stop desk signs its receipts: a dossier handed in online is received by the unit, not by the applicant. */
const RECEIVING_DESK = "Bộ phận tiếp nhận và trả kết quả";

/**
 * The one-stop procedure of a definition's `oneStop` (Nghị định 61/2018/NĐ-CP, Nghị định 118/2025/NĐ-CP):
 * the receipt with its return date when a clock starts, the supplement request's limit after receipt, and
 * the apology with a new date on an overdue dossier. The clocks keep the receipt's day and the promised
 * date (`dossier_clocks.rule`), so the deadline view shows both the legal due date and the promise.
 */
export class OneStopService {
  constructor(
    private readonly calendars: CalendarService,
    private readonly deadlines: DeadlineService,
    private readonly documents: DocumentService,
    private readonly registry: WorkflowRegistry,
  ) {}

  /** Issues the receipt of a clock just set running, with its due date as the return date (the `issueReceipt` effect). */
  readonly issueReceipt: ApplierOf<"issueReceipt"> = async (effect, context) => {
    const tx = await context.tx();
    const clock = await this.liveClock(tx, context.instance.id, effect.clock);
    if (!clock) return;
    const status = clockStatus(await this.calendars.current(tx), clock, context.at);
    const receivedOn = toVietnamDate(context.at);
    const due = status.due ?? receivedOn;
    await this.keep(tx, clock, { receivedOn, promised: due });
    const oneStop = { receivedOn, due, days: status.total, unit: status.unit === "workingDays" ? "ngày làm việc" : "ngày" };
    await this.documents.issue(tx, context, effect.spec, effect.unitId, { scope: { oneStop }, signer: { name: RECEIVING_DESK, title: "Người tiếp nhận hồ sơ" } });
  };

  /**
   * An official's apology for an overdue dossier (the `apologize` effect of an `APOLOGIZE` event): refused
   * unless a clock of the current state is past its due date; the new date must be a working day after
   * today; the slip is issued and the promised date moves.
   */
  readonly apologize: ApplierOf<"apologize"> = async (effect, context) => {
    if (!effect.spec) {
      throw new DomainError("EVENT_NOT_ALLOWED", "Quy trình này không áp dụng phiếu xin lỗi và hẹn lại ngày trả kết quả", { messageEn: "this workflow has no one-stop apology" });
    }
    const actor = context.actor;
    if (!actor || !(["specialist", "leader"] as const).some((role) => holdsRole(actor, role, effect.unitId, true))) {
      throw new DomainError("FORBIDDEN", "Chỉ cán bộ của cơ quan giải quyết hồ sơ được gửi phiếu xin lỗi", { messageEn: "only an official of the deciding authority may apologise" });
    }
    const tx = await context.tx();
    const cal = await this.calendars.current(tx);
    const clocks = (await this.deadlines.liveClocks(tx, context.instance.id)).filter((c) => effect.clocks.includes(c.clockKey) && c.state === "running");
    const overdue = clocks.map((clock) => ({ clock, status: clockStatus(cal, clock, context.at) })).find((c) => c.status.overdue);
    if (!overdue) {
      const due = clocks.map((c) => clockStatus(cal, c, context.at).due).find((d) => d !== null);
      throw new DomainError("NOT_OVERDUE", `Hồ sơ chưa quá hạn giải quyết${due ? ` (hạn trả kết quả ${shown(due)})` : ""}: chỉ gửi phiếu xin lỗi và hẹn lại ngày trả kết quả khi hồ sơ đã quá hạn`, {
        messageEn: "the dossier is not overdue: an apology is only for an overdue dossier",
      });
    }
    const today = toVietnamDate(context.at);
    const newDate = context.event.data?.newDate;
    if (typeof newDate !== "string" || !isIsoDate(newDate) || newDate <= today || !isWorkingDay(cal, newDate)) {
      throw new DomainError("VALIDATION_FAILED", "Ngày hẹn trả kết quả mới phải là một ngày làm việc sau hôm nay", {
        messageEn: "the new return date must be a working day after today",
        fields: [{ path: "/newDate", code: "newDate", message: "Chọn một ngày làm việc sau hôm nay", messageEn: "pick a working day after today" }],
      });
    }
    const kept = overdue.clock.rule as OneStopRule;
    await this.keep(tx, overdue.clock, { promised: newDate });
    const oneStop = { due: overdue.status.due, promised: kept.promised ?? overdue.status.due, newDate, receivedOn: kept.receivedOn ?? toVietnamDate(overdue.clock.startedAt) };
    await this.documents.issue(tx, context, effect.spec, effect.unitId, { scope: { oneStop } });
  };

  /**
   * The `oneStopSupplement` computation of a supplement request: the day of the receipt of this round,
   * the last day of the limit, and whether the request is late. A late request is allowed only with its
   * reason (`lateReason`), and stays flagged in the history and on its slip.
   */
  readonly supplementWindow: Computation = async (tx, row, at, event) => {
    const wf = await this.registry.get(row.workflowKey, row.workflowVersion, tx);
    const supplement = wf.definition.oneStop?.supplement;
    const active = new Set(activeStateNames((row.snapshot as DossierSnapshot).value));
    const rule = clockRules(wf).find((r) => r.runIn.some((s) => active.has(s)));
    const clock = rule ? await this.liveClock(tx, row.id, rule.key) : null;
    if (!supplement || !clock) return null;
    const receivedOn = (clock.rule as OneStopRule).receivedOn ?? toVietnamDate(clock.startedAt);
    const lastDay = addWorkingDays(await this.calendars.current(tx), receivedOn, supplement.withinWorkingDays);
    const late = toVietnamDate(at) > lastDay;
    const reason = typeof event.lateReason === "string" ? event.lateReason.trim() : "";
    if (late && !reason) {
      const limit = String(supplement.withinWorkingDays).padStart(2, "0");
      throw new DomainError("VALIDATION_FAILED", `Đã quá ${limit} ngày làm việc kể từ ngày tiếp nhận hồ sơ (${shown(receivedOn)}, hạn yêu cầu bổ sung ${shown(lastDay)}): phải ghi rõ lý do yêu cầu bổ sung muộn`, {
        messageEn: `more than ${supplement.withinWorkingDays} working days after receipt: a late supplement request needs its reason`,
        fields: [{ path: "/lateReason", code: "required", message: "Ghi rõ lý do yêu cầu bổ sung sau thời hạn", messageEn: "state why the request comes after the limit" }],
      });
    }
    // `lateNotice` is a list so that the slip's template writes its line only for a late request.
    return { receivedOn, lastDay, withinWorkingDays: supplement.withinWorkingDays, late, lateReason: late ? reason : null, lateNotice: late ? [{ lastDay, reason }] : [] };
  };

  /** The computations this service gives every workflow with a `oneStop` block. */
  pack(): DomainPack {
    return { name: "one-stop", computations: { [ONE_STOP_SUPPLEMENT]: this.supplementWindow } };
  }

  private async liveClock(tx: Tx, instanceId: string, key: string): Promise<ClockRow | null> {
    return (await this.deadlines.liveClocks(tx, instanceId)).find((c) => c.clockKey === key) ?? null;
  }

  private async keep(tx: Tx, clock: ClockRow, values: OneStopRule): Promise<void> {
    await tx
      .update(dossierClocks)
      .set({ rule: { ...(clock.rule as Record<string, unknown>), ...values } })
      .where(eq(dossierClocks.id, clock.id));
  }
}
