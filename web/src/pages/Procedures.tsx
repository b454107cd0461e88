/** Applicant: the procedures one can start, as cards. */
import { Link } from "react-router";
import { useI18n } from "../lib/i18n";
import { useApi } from "../lib/use-api";
import type { WorkflowSummary } from "../lib/types";
import { Empty, ErrorNotice, Loading, PageHeader } from "../components/Notice";

export default function Procedures() {
  const { t, loc } = useI18n();
  const { data, error, loading } = useApi<{ items: WorkflowSummary[] }>("/api/workflows");
  const startable = (data?.items ?? []).filter((w) => w.startForm);
  return (
    <div>
      <PageHeader title={t("proceduresTitle")} subtitle={t("proceduresHint")} />
      <ErrorNotice error={error} />
      {loading && !data && <Loading />}
      {data && startable.length === 0 && <Empty>{t("none")}</Empty>}
      <ul className="card-grid">
        {startable.map((w) => (
          <li key={w.key} className="card procedure-card">
            <h2>{loc(w.title)}</h2>
            {w.description && <p>{loc(w.description)}</p>}
            {w.source && w.source.length > 0 && <p className="muted small">{w.source[0]}</p>}
            <Link className="btn btn-primary" to={`/procedures/${encodeURIComponent(w.key)}/new`}>
              {t("start")} →
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
