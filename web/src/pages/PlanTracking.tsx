/**
 * The drafter's live view of a plan's round: which units have reported, which are late, which were
 * sent back, and when each was reminded. Refreshes itself while open.
 */
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { showDate, showDateTime } from "../lib/format";
import { useI18n } from "../lib/i18n";
import { useApi } from "../lib/use-api";
import type { PlanTracking as Tracking } from "../lib/types";
import { Legend, StackedBar } from "../components/Charts";
import { ReportStatus } from "../components/ReportStatus";
import { Empty, ErrorNotice, Loading, Notice, PageHeader } from "../components/Notice";

const REFRESH_MS = 30_000;

export default function PlanTracking() {
  const { id } = useParams();
  const { t } = useI18n();
  const tracking = useApi<Tracking>(`/api/plans/${id}/tracking`);
  const [loadedAt, setLoadedAt] = useState(() => new Date().toISOString());

  useEffect(() => {
    const timer = setInterval(() => {
      void tracking.reload().then(() => setLoadedAt(new Date().toISOString()));
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [tracking.reload]);

  if (tracking.error) return <ErrorNotice error={tracking.error} />;
  if (!tracking.data) return <Loading />;
  const { plan, round, counts, units } = tracking.data;
  const parts = [
    { key: "accepted", tone: "green" as const, label: t("accepted"), value: counts.accepted },
    { key: "review", tone: "blue" as const, label: t("underReview"), value: counts.review },
    { key: "sentBack", tone: "amber" as const, label: t("sentBack"), value: counts.sentBack },
    { key: "pending", tone: "grey" as const, label: t("notReported"), value: counts.pending },
  ];

  return (
    <div>
      <nav className="crumbs" aria-label="breadcrumb">
        <Link to={`/dossiers/${plan.id}`}>← {t("backToPlan")}</Link>
      </nav>
      <PageHeader
        title={t("planTracking")}
        subtitle={
          <>
            <span className="code">{plan.code}</span> · {plan.title}
          </>
        }
        actions={
          <Link className="btn btn-secondary" to={`/plans/${plan.id}/summary`}>
            {t("openSummary")}
          </Link>
        }
      />
      {!round ? (
        <Notice kind="info">{t("noRound")}</Notice>
      ) : (
        <>
          <div className="kpis">
            <div className="kpi card"><span className="kpi-value">{counts.reported}/{counts.units}</span><span className="kpi-label">{t("reported")}</span></div>
            <div className="kpi card"><span className="kpi-value">{counts.accepted}</span><span className="kpi-label">{t("accepted")}</span></div>
            <div className="kpi card"><span className="kpi-value">{counts.sentBack}</span><span className="kpi-label">{t("sentBack")}</span></div>
            <div className="kpi card kpi-alert"><span className="kpi-value">{counts.late}</span><span className="kpi-label">{t("late")}</span></div>
          </div>
          <section className="card progress-block" aria-labelledby="round-title">
            <h2 id="round-title">
              {round.title} · {t("reportDue")} {showDate(round.dueDate)}
            </h2>
            <StackedBar label={round.title} parts={parts} />
            <Legend items={parts.map((p) => ({ key: p.key, tone: p.tone, label: `${p.label}: ${p.value}` }))} />
          </section>
          <section className="card table-wrap" aria-labelledby="units-title">
            <h2 id="units-title" className="sr-only">{t("unit")}</h2>
            {units.length === 0 ? (
              <Empty>{t("none")}</Empty>
            ) : (
              <table className="table responsive">
                <thead>
                  <tr>
                    <th scope="col">{t("unit")}</th>
                    <th scope="col">{t("status")}</th>
                    <th scope="col">{t("submittedOn")}</th>
                    <th scope="col">{t("reminders")}</th>
                    <th scope="col">{t("report")}</th>
                  </tr>
                </thead>
                <tbody>
                  {units.map((u) => (
                    <tr key={u.unitId} className={u.late ? "row-overdue" : undefined}>
                      <td data-label={t("unit")}>
                        <strong>{u.unitName}</strong>
                        {u.assignment && <div className="muted small">{u.assignment}</div>}
                      </td>
                      <td data-label={t("status")}>
                        <ReportStatus status={u.status} late={u.late} />
                        {u.sentBackCount > 0 && <div className="muted small">{t("sentBackTimes", { n: u.sentBackCount })}</div>}
                      </td>
                      <td data-label={t("submittedOn")}>{u.submittedOn ? showDate(u.submittedOn) : <span className="muted">—</span>}</td>
                      <td data-label={t("reminders")}>{u.reminders.length ? u.reminders.map(showDate).join(", ") : <span className="muted">—</span>}</td>
                      <td data-label={t("report")}>
                        {u.reportId ? (
                          <Link className="code" to={`/dossiers/${u.reportId}`}>
                            {u.reportCode}
                          </Link>
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <p className="muted small">{t("liveUpdated", { time: showDateTime(loadedAt) })}</p>
        </>
      )}
    </div>
  );
}
