import { and, eq } from "drizzle-orm";
import { APOLOGIZE, EngineError, isInInitialState, permittedTransitions, type DossierEvent, type DossierSnapshot } from "../../workflows";
import { instanceEvents } from "../db/schema";
import type { Tx } from "../db/client";
import { DomainError, type FieldError } from "../errors";
import type { InstanceRow } from "./dossier-locks";
import { orClaimRefusal } from "./dossier-rules";
import type { FilledForm } from "./form-checks";
import type { FormRegistry, FormVersion } from "./form-registry";
import { formatVietnamDateTime } from "./vietnam-time";
import type { WorkflowVersion } from "./workflow-registry";

/**
 * Events that only add to the history and never move the statechart, with the form their data fills: a
 * comment, and a one-stop apology for an overdue dossier (its slip and new date are the step's effects).
 */
const HISTORY_ONLY_EVENTS = new Map([
  ["COMMENT", "comment"],
  [APOLOGIZE, "apology-notice"],
]);

/** The event that hands a draft in: from the initial state, the start form must then be complete. */
const SUBMIT = "SUBMIT";

/**
 * The forms an event's data must fill before the engine steps: the transition's own (kept with the
 * history entry), and for a draft handed in, the complete start form. Who may send the event is settled
 * first (409/403), so that field errors go only to those who may act. A history-only event (a comment)
 * fills its own form and never moves the statechart.
 */
export async function formsOfEvent(
  forms: FormRegistry,
  tx: Tx,
  workflow: WorkflowVersion,
  row: InstanceRow,
  event: DossierEvent,
  blockedBy: string[],
): Promise<{ form: FormVersion | null; filled: FilledForm[]; historyOnly: boolean }> {
  const historyOnly = HISTORY_ONLY_EVENTS.get(event.type);
  const filled: FilledForm[] = [];
  let form: FormVersion | null;
  if (historyOnly !== undefined) {
    form = await forms.latestOrNull(historyOnly, tx);
  } else {
    const stored = row.snapshot as DossierSnapshot;
    const options = orClaimRefusal(() => permittedTransitions(workflow, stored, event), blockedBy);
    const formKey = options.find((o) => o.transition.form)?.transition.form;
    form = formKey ? await forms.latest(formKey, tx) : null;
    if (event.type === SUBMIT && isInInitialState(workflow, stored)) {
      const start = await startFormOf(forms, row, tx);
      if (start) filled.push({ form: start, data: stored.context.data, mode: "full" });
    }
  }
  if (form) filled.unshift({ form, data: event.data ?? {}, mode: "full" });
  return { form, filled, historyOnly: historyOnly !== undefined };
}

/** The start form version the dossier was filled with, if its workflow has one. */
export async function startFormOf(forms: FormRegistry, row: InstanceRow, tx: Tx): Promise<FormVersion | null> {
  return row.formKey && row.formVersion ? forms.get(row.formKey, row.formVersion, tx) : null;
}

/** The longest note an event without a form may carry. */
export const MAX_EVENT_NOTE = 2000;

/**
 * A person's event whose transition has no form carries no data but a short `note`: anything else would
 * be stored in the history and shown to officials without any form ever having judged it.
 */
export function refuseDataWithoutForm(data: Record<string, unknown>): void {
  const fields: FieldError[] = Object.entries(data).flatMap(([key, value]): FieldError[] => {
    if (key !== "note") return [{ path: `/${key}`, code: "not_allowed", message: "Bước này không nhận trường dữ liệu này", messageEn: "this step takes no such field" }];
    if (typeof value !== "string") return [{ path: "/note", code: "type", message: "Ghi chú phải là văn bản", messageEn: "the note must be text" }];
    if (value.length > MAX_EVENT_NOTE) return [{ path: "/note", code: "maxLength", message: `Ghi chú tối đa ${MAX_EVENT_NOTE} ký tự`, messageEn: `at most ${MAX_EVENT_NOTE} characters` }];
    return [];
  });
  if (fields.length === 0) return;
  throw new DomainError("VALIDATION_FAILED", "Bước này chỉ nhận một ghi chú ngắn, không nhận dữ liệu khác", { messageEn: "this step takes no data but a short note", fields });
}

/**
 * Runs the check of who may send what; an event refused because the same person's same event was the
 * dossier's last step (a double click, a retried request) says it was already done, and when.
 */
export async function orAlreadyDone<T>(tx: Tx, row: InstanceRow, userId: string | null, type: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!userId || !(error instanceof EngineError) || (error.code !== "EVENT_NOT_ALLOWED" && error.code !== "DOSSIER_CLOSED")) throw error;
    const [last] = await tx
      .select({ type: instanceEvents.type, actorId: instanceEvents.actorId, at: instanceEvents.at })
      .from(instanceEvents)
      .where(and(eq(instanceEvents.instanceId, row.id), eq(instanceEvents.seq, row.version)));
    if (!last || last.type !== type || last.actorId !== userId) throw error;
    const when = formatVietnamDateTime(last.at);
    throw new DomainError("ALREADY_DONE", `Bạn đã thực hiện bước này lúc ${when}; hồ sơ đã chuyển sang bước tiếp theo`, {
      messageEn: `you already did "${type}" at ${last.at.toISOString()}`,
      doneAt: last.at.toISOString(),
    });
  }
}
