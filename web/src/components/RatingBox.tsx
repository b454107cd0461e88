/**
 * The applicant's rating of a finished dossier (mức độ hài lòng, Quyết định 766/QĐ-TTg): three levels and
 * an optional comment, sent once; afterwards, and for officials, what was rated.
 */
import { useState, type FormEvent } from "react";
import { ApiError, post } from "../lib/api";
import { showDateTime } from "../lib/format";
import { useI18n } from "../lib/i18n";
import { useApi } from "../lib/use-api";
import type { Dossier, DossierRating, SatisfactionLevel } from "../lib/types";
import { Notice } from "./Notice";

export const SATISFACTION: readonly SatisfactionLevel[] = ["very_satisfied", "satisfied", "unsatisfied"];

export function RatingBox({ dossier, isStarter }: { dossier: Dossier; isStarter: boolean }) {
  const { t, lang } = useI18n();
  const { data, setData } = useApi<{ rating: DossierRating | null }>(`/api/instances/${dossier.id}/rating`);
  const [level, setLevel] = useState<SatisfactionLevel | null>(null);
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (dossier.status !== "done" || !data) return null;
  const rating = data.rating;
  if (!rating && !isStarter) return null;

  async function send(e: FormEvent) {
    e.preventDefault();
    if (!level) return setError(t("ratingPick"));
    setBusy(true);
    setError(null);
    try {
      setData(await post<{ rating: DossierRating }>(`/api/instances/${dossier.id}/rating`, { level, ...(comment.trim() ? { comment: comment.trim() } : {}) }));
    } catch (err) {
      setError(err instanceof ApiError ? (lang === "en" && err.messageEn) || err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="rating-title">
      <h2 id="rating-title">{t("ratingTitle")}</h2>
      {rating ? (
        <p>
          <strong>{t(`rating_${rating.level}`)}</strong> <span className="muted small">· {showDateTime(rating.createdAt)}</span>
          {rating.comment && <><br />“{rating.comment}”</>}
        </p>
      ) : (
        <form onSubmit={send} className="stack">
          <fieldset className="group">
            <legend>{t("ratingQuestion")}</legend>
            <div className="radio-row">
              {SATISFACTION.map((l) => (
                <label key={l} className="radio check">
                  <input type="radio" name="satisfaction" value={l} checked={level === l} onChange={() => setLevel(l)} />
                  {t(`rating_${l}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <label className="field">
            <span>{t("ratingComment")}</span>
            <textarea value={comment} maxLength={1000} rows={2} onChange={(e) => setComment(e.target.value)} />
          </label>
          {error && <Notice kind="error">{error}</Notice>}
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t("ratingSend")}
          </button>
        </form>
      )}
    </section>
  );
}
