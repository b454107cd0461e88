/** Admin: the workflow definitions, each opening its editor. */
import { Link } from "react-router";
import { useI18n } from "../lib/i18n";
import { useApi } from "../lib/use-api";
import type { WorkflowSummary } from "../lib/types";
import { ErrorNotice, Loading, PageHeader } from "../components/Notice";

export default function WorkflowList() {
  const { t, loc } = useI18n();
  const { data, error, loading } = useApi<{ items: WorkflowSummary[] }>("/api/workflows");
  return (
    <div>
      <PageHeader title={t("workflowsAdmin")} actions={<Link className="btn btn-primary" to="/admin/workflows/new">+ {t("newWorkflow")}</Link>} />
      <ErrorNotice error={error} />
      {loading && !data && <Loading />}
      <ul className="card-grid">
        {(data?.items ?? []).map((w) => (
          <li key={w.key} className="card procedure-card">
            <h2>{loc(w.title)}</h2>
            <p className="muted small">
              <code>{w.key}</code> · {t("version")} {w.version}
            </p>
            {w.description && <p>{loc(w.description)}</p>}
            <Link className="btn btn-secondary" to={`/admin/workflows/${encodeURIComponent(w.key)}`}>{t("editWorkflow")}</Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
