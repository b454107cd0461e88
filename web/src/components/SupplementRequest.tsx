/**
 * What the authority asks now, when the step that brought the dossier to its current state filled the
 * supplement-request form: the items, the official's note, when it was asked and the reply deadline.
 * Found from the dossier's history as the API gives it; the answer is the event that leads back to the
 * step the request came from (e.g. "Nộp bổ sung" back to the review).
 */
import type { ReactNode } from "react";
import { showDate } from "../lib/format";
import { useI18n } from "../lib/i18n";
import type { AvailableEvent, Deadline, Dossier, HistoryEntry } from "../lib/types";
import { DueBadge } from "./DueBadge";

const REQUEST_FORM = "supplement-request";
const names = (v: string[] | string | null | undefined): string[] => (v == null ? [] : Array.isArray(v) ? v : [v]);

export type Asked = { entry: HistoryEntry; items: string[]; note: string | null; replyBy: string | null; answer: AvailableEvent | null };

/** The supplement asked of the dossier now, if the current state was entered by such a request. */
export function askedNow(dossier: Dossier): Asked | null {
  const active = new Set(dossier.activeStates);
  for (let i = dossier.history.length - 1; i >= 0; i--) {
    const h = dossier.history[i]!;
    const from = names(h.from);
    const entered = names(h.to).filter((s) => !from.includes(s));
    if (entered.length === 0) continue; // comments, reminders: no step
    if (!entered.some((s) => active.has(s)) || h.form?.key !== REQUEST_FORM || !h.data) return null;
    const items = Array.isArray(h.data.items) ? h.data.items.filter((x): x is string => typeof x === "string" && x.trim() !== "") : [];
    const note = typeof h.data.note === "string" && h.data.note.trim() ? h.data.note : null;
    const answer = dossier.availableEvents.find((e) => from.includes(e.target)) ?? null;
    const replyBy = typeof h.data.replyBy === "string" && /^\d{4}-\d{2}-\d{2}$/.test(h.data.replyBy) ? h.data.replyBy : null;
    return { entry: h, items, note, replyBy, answer };
  }
  return null;
}

/**
 * The reply deadline: the date the official set on the request, else a running clock's date; a paused
 * legal clock has none (the days still left once answered are told). Without a clock (a unit report)
 * and no date set, nothing is said here.
 */
function ReplyDeadline({ deadline, replyBy }: { deadline: Deadline | undefined; replyBy: string | null }) {
  const { t } = useI18n();
  if (replyBy) {
    return (
      <>
        <strong>{showDate(replyBy)}</strong>
        {deadline && (
          <>
            {" "}
            <DueBadge info={deadline} />
          </>
        )}
        {deadline?.paused && deadline.remaining != null && deadline.unit === "workingDays" && <p className="muted small">{t("clockRemaining", { n: deadline.remaining })}</p>}
      </>
    );
  }
  if (!deadline) return null;
  if (!deadline.paused && deadline.due) return <DueBadge info={deadline} />;
  return (
    <>
      <DueBadge info={deadline} /> <span>{t("replyNoDate")}</span>
      {deadline.remaining != null && deadline.unit === "workingDays" && <p className="muted small">{t("clockRemaining", { n: deadline.remaining })}</p>}
    </>
  );
}

/** The list of items and the deadline, as the card shows them and the answer form repeats them. */
export function AskedSummary({ asked, deadline, headingLevel = 3 }: { asked: Asked; deadline: Deadline | undefined; headingLevel?: 3 | 4 }) {
  const { t } = useI18n();
  const H = headingLevel === 3 ? "h3" : "h4";
  return (
    <div className="asked-summary">
      <H className="asked-label">{t("supplementItems")}</H>
      <ol className="asked-items">
        {asked.items.map((item, i) => (
          <li key={i}>{item}</li>
        ))}
      </ol>
      {asked.note && (
        <p className="asked-note">
          <span className="asked-label">{t("supplementNote")}:</span> {asked.note}
        </p>
      )}
      {(deadline || asked.replyBy) && (
        <div className="asked-deadline">
          <span className="asked-label">{t("replyDeadline")}:</span> <ReplyDeadline deadline={deadline} replyBy={asked.replyBy} />
        </div>
      )}
    </div>
  );
}

export function SupplementRequest({ asked, deadline, onAnswer, children }: { asked: Asked; deadline: Deadline | undefined; onAnswer?: () => void; children?: ReactNode }) {
  const { t, loc } = useI18n();
  const by = asked.entry.actorName ? ` · ${asked.entry.actorName}` : "";
  return (
    <section className="card supplement-request" aria-labelledby="asked-title">
      <h2 id="asked-title">{t("supplementAsked")}</h2>
      <p className="muted small">{t("supplementAskedBy", { date: showDate(asked.entry.at), by })}</p>
      <AskedSummary asked={asked} deadline={deadline} />
      {asked.answer && onAnswer && (
        <p>
          <button type="button" className="btn btn-primary" onClick={onAnswer}>
            {loc(asked.answer.title) || t("answerSupplement")}
          </button>
        </p>
      )}
      {children}
    </section>
  );
}
