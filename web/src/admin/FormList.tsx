/** Admin: the forms, each opening the form builder. */
import { Link } from "react-router";
import { useI18n } from "../lib/i18n";
import { useApi } from "../lib/use-api";
import type { Localized } from "../lib/types";
import { ErrorNotice, isMissing, Loading, Notice, PageHeader } from "../components/Notice";

type FormSummary = { key: string; version: number; title: Localized | string; description?: Localized | null };

export default function FormList() {
  const { t, loc } = useI18n();
  const { data, error, loading } = useApi<{ items: FormSummary[] }>("/api/forms");
  return (
    <div>
      <PageHeader title={t("formsAdmin")} actions={<Link className="btn btn-primary" to="/admin/forms/new">+ {t("newForm")}</Link>} />
      {isMissing(error) ? <Notice kind="warning">{t("unavailable")}</Notice> : <ErrorNotice error={error} />}
      {loading && !data && <Loading />}
      <div className="table-wrap card">
        <table className="table responsive">
          <thead>
            <tr>
              <th scope="col">{t("title")}</th>
              <th scope="col">Key</th>
              <th scope="col">{t("version")}</th>
              <th scope="col"><span className="sr-only">{t("actions")}</span></th>
            </tr>
          </thead>
          <tbody>
            {(data?.items ?? []).map((f) => (
              <tr key={f.key}>
                <td data-label={t("title")}>
                  <div className="cell-title">{loc(f.title)}</div>
                  {f.description && <div className="muted small">{loc(f.description)}</div>}
                </td>
                <td data-label="Key"><code>{f.key}</code></td>
                <td data-label={t("version")}>{f.version}</td>
                <td><Link className="btn btn-secondary btn-sm" to={`/admin/forms/${encodeURIComponent(f.key)}`}>{t("open")}</Link></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
