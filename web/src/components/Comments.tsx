/** Comments: the COMMENT events of the history, and a box to add one (kept in the history, no state change). */
import { useState, type FormEvent } from "react";
import { ApiError, post } from "../lib/api";
import { showDateTime } from "../lib/format";
import { useI18n } from "../lib/i18n";
import type { Dossier } from "../lib/types";
import { Notice } from "./Notice";

export function Comments({ dossier, onChanged, meId, meName }: { dossier: Dossier; onChanged(d: Dossier): void; meId?: string | undefined; meName?: string | undefined }) {
  const { t, lang } = useI18n();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const comments = dossier.history.filter((h) => h.type === "COMMENT");

  async function send(e: FormEvent) {
    e.preventDefault();
    if (!text.trim()) return;
    setBusy(true);
    setError(null);
    try {
      onChanged(await post<Dossier>(`/api/instances/${dossier.id}/events`, { type: "COMMENT", data: { text: text.trim() } }));
      setText("");
    } catch (err) {
      setError(err instanceof ApiError ? (lang === "en" && err.messageEn) || err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="comments-title">
      <h2 id="comments-title">
        {t("comments")} {comments.length > 0 && <span className="count">{comments.length}</span>}
      </h2>
      <ul className="comments">
        {comments.map((c) => (
          <li key={c.seq}>
            <div className="comment-meta">
              <strong>{c.actorName ?? (c.actorId === meId ? meName : "") ?? ""}</strong> <time>{showDateTime(c.at)}</time>
            </div>
            <p className="pre-line">{String(c.data?.text ?? "")}</p>
          </li>
        ))}
      </ul>
      <form onSubmit={send} className="comment-form">
        <label className="sr-only" htmlFor="comment-text">
          {t("commentPlaceholder")}
        </label>
        <textarea id="comment-text" className="input" rows={2} placeholder={t("commentPlaceholder")} value={text} onChange={(e) => setText(e.target.value)} />
        {error && <Notice kind="error">{error}</Notice>}
        <div className="form-actions">
          <button type="submit" className="btn btn-secondary btn-sm" disabled={busy || !text.trim()}>
            {t("addComment")}
          </button>
        </div>
      </form>
    </section>
  );
}
