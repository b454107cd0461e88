/** The dossier's history as a timeline: who did what and when, the step it led to, and the data filled. */
import { showDateTime } from "../lib/format";
import { useI18n } from "../lib/i18n";
import type { HistoryEntry, Localized, WorkflowDetail } from "../lib/types";
import { useForm } from "../forms/use-form";
import { DataView } from "./DataView";

const BUILT_IN: Record<string, Localized> = {
  START: { vi: "Tạo hồ sơ", en: "Created" },
  SAVE_DRAFT: { vi: "Lưu nháp", en: "Draft saved" },
  COMMENT: { vi: "Ý kiến", en: "Comment" },
  CHILD_UPDATE: { vi: "Cập nhật từ hồ sơ con", en: "Update from a child dossier" },
};

const names = (v: string[] | string | null | undefined): string[] => (v == null ? [] : Array.isArray(v) ? v : [v]);

/** The title of an event and the form its data filled, as the workflow defines them. */
export function eventInfo(workflow: WorkflowDetail | undefined, type: string, from: string[]) {
  const states = workflow?.states ?? [];
  const candidates = states.flatMap((s) => s.transitions.filter((t) => t.event === type).map((t) => ({ s, t })));
  const chosen = candidates.find((c) => from.includes(c.s.name)) ?? candidates[0];
  return { title: chosen?.t.title ?? BUILT_IN[type] ?? null, form: type === "COMMENT" ? null : (chosen?.t.form ?? null) };
}

function Item({ entry, workflow, meId, meName }: { entry: HistoryEntry; workflow: WorkflowDetail | undefined; meId?: string | undefined; meName?: string | undefined }) {
  const { loc, t } = useI18n();
  const info = eventInfo(workflow, entry.type, names(entry.from));
  const { form, loading } = useForm(info.form);
  const to = names(entry.to).filter((s) => !names(entry.from).includes(s));
  const stateTitle = (name: string) => loc(workflow?.states.find((s) => s.name === name)?.title) || name;
  const actor = entry.actorName ?? (entry.actorId && entry.actorId === meId ? meName : null) ?? (entry.actorId ? null : t("system"));
  // What the engine itself sends (timers, child updates) carries bookkeeping, not something to read; so
  // does an event without a form, whose data can only be what the server computed for it.
  const data = entry.actorId && info.form && entry.data && Object.keys(entry.data).length ? entry.data : null;
  const kind = entry.type === "COMMENT" ? "comment" : /REJECT|WITHDRAW/.test(entry.type) ? "stop" : /APPROVE/.test(entry.type) ? "ok" : /SUPPLEMENT/.test(entry.type) ? "warn" : "step";
  return (
    <li className={`tl-item tl-${kind}`}>
      <span className="tl-dot" aria-hidden="true" />
      <div className="tl-body">
        <div className="tl-head">
          <strong>{loc(info.title) || entry.type}</strong>
          {to.length > 0 && <span className="tl-to">→ {to.map(stateTitle).join(", ")}</span>}
        </div>
        <div className="tl-meta">
          <time dateTime={entry.at}>{showDateTime(entry.at)}</time>
          {actor && (
            <>
              {" · "}
              {actor}
            </>
          )}
        </div>
        {entry.type === "COMMENT" && typeof entry.data?.text === "string" ? (
          <blockquote className="tl-comment">{entry.data.text}</blockquote>
        ) : (
          data && !loading && entry.type !== "START" && entry.type !== "SAVE_DRAFT" && (
            <div className="tl-data">
              <DataView form={form} data={data} />
            </div>
          )
        )}
      </div>
    </li>
  );
}

export function Timeline({ history, workflow, meId, meName }: { history: HistoryEntry[]; workflow: WorkflowDetail | undefined; meId?: string | undefined; meName?: string | undefined }) {
  return (
    <ol className="timeline">
      {[...history].reverse().map((h) => (
        <Item key={h.seq} entry={h} workflow={workflow} meId={meId} meName={meName} />
      ))}
    </ol>
  );
}
