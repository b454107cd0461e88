/** Applicant: my dossiers with their step and due date; drafts open in the editor. */
import { useState } from "react";
import { Link } from "react-router";
import { showDate } from "../lib/format";
import { useI18n } from "../lib/i18n";
import { query } from "../lib/api";
import { useApi } from "../lib/use-api";
import { useStateTitles } from "../lib/workflows";
import type { DossierSummary, Page } from "../lib/types";
import { DueBadge } from "../components/DueBadge";
import { Empty, ErrorNotice, Loading, PageHeader } from "../components/Notice";
import { Pager } from "../components/Pager";
import { StatusPill } from "../components/StatusPill";

export default function MyDossiers() {
  const { t, loc } = useI18n();
  const [page, setPage] = useState(1);
  const { data, error, loading } = useApi<Page<DossierSummary>>(`/api/instances${query({ page, pageSize: 20 })}`);
  const items = data?.items ?? [];
  const stateTitle = useStateTitles(items);
  return (
    <div>
      <PageHeader
        title={t("myDossiers")}
        actions={
          <Link to="/procedures" className="btn btn-primary">
            + {t("procedures")}
          </Link>
        }
      />
      <ErrorNotice error={error} />
      {loading && !data && <Loading />}
      {data && items.length === 0 && <Empty>{t("empty")}</Empty>}
      {items.length > 0 && (
        <div className="table-wrap card">
          <table className="table responsive">
            <thead>
              <tr>
                <th scope="col">{t("code")}</th>
                <th scope="col">{t("title")}</th>
                <th scope="col">{t("status")}</th>
                <th scope="col">{t("due")}</th>
                <th scope="col">{t("updatedAt")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => {
                const draft = d.status !== "done" && d.state === "draft";
                return (
                  <tr key={d.id}>
                    <td data-label={t("code")}>
                      <Link className="code" to={draft ? `/dossiers/${d.id}/edit` : `/dossiers/${d.id}`}>
                        {d.code}
                      </Link>
                    </td>
                    <td data-label={t("title")}>
                      <div className="cell-title">{d.title}</div>
                      <div className="muted small">{loc(d.workflowTitle)}</div>
                    </td>
                    <td data-label={t("status")}>
                      <StatusPill status={d.status} state={d.state} title={d.stateTitle ?? stateTitle(d.workflow, d.workflowVersion, d.state)} />
                    </td>
                    <td data-label={t("due")}>{d.deadline ? <DueBadge info={d.deadline} /> : <span className="muted">—</span>}</td>
                    <td data-label={t("updatedAt")}>{showDate(d.updatedAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {data && <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />}
    </div>
  );
}
