/** Public: anyone with a dossier's code sees its procedure, step, dates and result number, nothing personal. */
import { useState, type FormEvent } from "react";
import { useNavigate, useParams } from "react-router";
import { ApiError, get } from "../lib/api";
import { showDate } from "../lib/format";
import { useI18n } from "../lib/i18n";
import type { PublicDossier } from "../lib/types";
import { DueBadge } from "../components/DueBadge";
import { Notice, PageHeader } from "../components/Notice";
import { useEffect } from "react";

export default function Lookup() {
  const { t, loc, lang } = useI18n();
  const params = useParams();
  const navigate = useNavigate();
  const [code, setCode] = useState(params.code ?? "");
  const [result, setResult] = useState<PublicDossier | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function find(value: string) {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await get<PublicDossier>(`/api/public/dossiers/${encodeURIComponent(value)}`));
    } catch (e) {
      setError(e instanceof ApiError && e.status === 404 ? t("lookupNotFound") : e instanceof ApiError ? (lang === "en" && e.messageEn) || e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    if (params.code) void find(params.code);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [params.code]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const value = code.trim().toUpperCase();
    if (value) navigate(`/lookup/${encodeURIComponent(value)}`);
  };
  const r = result;

  return (
    <div className="narrow">
      <PageHeader title={t("lookupTitle")} subtitle={t("lookupHint")} />
      <form className="card lookup-form" onSubmit={submit} role="search">
        <label className="field-label" htmlFor="code">{t("lookupCode")}</label>
        <div className="input-group">
          <input id="code" className="input input-mono" value={code} placeholder="KT-2026-XXXXXX" autoCapitalize="characters" onChange={(e) => setCode(e.target.value)} />
          <button type="submit" className="btn btn-primary" disabled={busy || !code.trim()}>
            {t("lookupGo")}
          </button>
        </div>
      </form>
      {error && <Notice kind="warning">{error}</Notice>}
      {r && (
        <section className="card result-card" aria-live="polite">
          <div className="result-head">
            <span className="code">{r.code}</span>
            {r.status === "done" ? <span className="pill pill-done">{t("done")}</span> : <span className="pill pill-active">{t("inProgress")}</span>}
          </div>
          <dl className="pairs">
            <div className="pair pair-wide"><dt>{t("procedure")}</dt><dd>{loc(r.procedure)}</dd></div>
            <div className="pair pair-wide"><dt>{t("currentStep")}</dt><dd><strong>{loc(r.step)}</strong></dd></div>
            <div className="pair"><dt>{t("receivedAt")}</dt><dd>{showDate(r.receivedAt) || "—"}</dd></div>
            <div className="pair"><dt>{t("dueAt")}</dt><dd>{r.due || r.paused ? <DueBadge info={r} /> : "—"}</dd></div>
            {r.resultNumber && (
              <div className="pair pair-wide"><dt>{t("resultNumber")}</dt><dd><strong>{r.resultNumber}</strong></dd></div>
            )}
          </dl>
        </section>
      )}
    </div>
  );
}
