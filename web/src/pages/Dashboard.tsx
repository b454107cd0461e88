/**
 * Dashboard: how many dossiers are at which step of which procedure, how punctual each unit is on the
 * tasks it holds, and the overdue list. The server counts (`GET /api/dashboard`) over what the caller
 * may see; this page only draws.
 */
import { Link } from "react-router";
import { showDate, showPercent } from "../lib/format";
import { useI18n } from "../lib/i18n";
import { useApi } from "../lib/use-api";
import type { DashboardFigures } from "../lib/types";
import { Bars, Legend, Ring, StackedBar, type Tone } from "../components/Charts";
import { DueBadge } from "../components/DueBadge";
import { Empty, ErrorNotice, Loading, PageHeader } from "../components/Notice";

function stateTone(state: string, final: boolean): Tone {
  if (/reject|withdraw|expire|cancel/i.test(state)) return "grey";
  if (/supplement|sentBack|return/i.test(state)) return "amber";
  return final ? "green" : "blue";
}

export default function Dashboard() {
  const { t, loc } = useI18n();
  const { data, error, loading } = useApi<DashboardFigures>("/api/dashboard");
  if (error) return <ErrorNotice error={error} />;
  if (loading && !data) return <Loading />;
  if (!data) return null;
  const n = (v: number) => v.toLocaleString("vi-VN");
  const parts = [
    { key: "doneOnTime", tone: "green" as const, label: t("doneOnTime") },
    { key: "doneLate", tone: "amber" as const, label: t("doneLate") },
    { key: "openOverdue", tone: "red" as const, label: t("openOverdue") },
    { key: "openOnTime", tone: "blue" as const, label: t("openOnTime") },
  ] as const;

  return (
    <div>
      <PageHeader title={t("dashboard")} subtitle={showDate(data.today)} />
      <div className="kpis">
        <div className="kpi card"><span className="kpi-value">{n(data.totals.dossiers)}</span><span className="kpi-label">{t("total")}</span></div>
        <div className="kpi card"><span className="kpi-value">{n(data.totals.active)}</span><span className="kpi-label">{t("inProgress")}</span></div>
        <div className="kpi card"><span className="kpi-value">{n(data.totals.done)}</span><span className="kpi-label">{t("done")}</span></div>
        <div className="kpi card kpi-alert"><span className="kpi-value">{n(data.totals.overdueTasks)}</span><span className="kpi-label">{t("overdue")}</span></div>
        <div className="kpi card kpi-ring">
          <Ring rate={data.totals.onTimeRate} label={t("overallOnTime")} size={76} />
          <span className="kpi-label">{t("overallOnTime")}</span>
        </div>
      </div>
      <div className="dash-grid">
        <section className="card" aria-labelledby="by-wf">
          <h2 id="by-wf">{t("byWorkflow")}</h2>
          {data.byWorkflow.length === 0 && <Empty>{t("empty")}</Empty>}
          {data.byWorkflow.map((w) => (
            <div key={w.workflow} className="chart-block">
              <h3>
                {loc(w.title)} <span className="muted">· {n(w.total)}</span>
              </h3>
              <Bars label={loc(w.title)} rows={w.states.map((s) => ({ key: s.state, label: loc(s.title) || s.state, value: s.count, tone: stateTone(s.state, s.final) }))} />
            </div>
          ))}
        </section>
        <section className="card" aria-labelledby="on-time">
          <h2 id="on-time">{t("onTimeRate")}</h2>
          {data.units.length === 0 ? (
            <Empty>{t("noDueTasks")}</Empty>
          ) : (
            <>
              <Legend items={parts.map((p) => ({ key: p.key, tone: p.tone, label: p.label }))} />
              <table className="table table-compact">
                <thead>
                  <tr>
                    <th scope="col">{t("unit")}</th>
                    <th scope="col">{t("tasksDecided")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.units.map((u) => (
                    <tr key={u.unitId}>
                      <td>{u.unitName}</td>
                      <td>
                        <div className="rate-cell">
                          <StackedBar label={u.unitName} parts={parts.map((p) => ({ key: p.key, tone: p.tone, label: p.label, value: u[p.key] }))} />
                          <span className="num">{u.onTimeRate === null ? "—" : showPercent(u.onTimeRate)}</span>
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </section>
      </div>
      <section className="card" aria-labelledby="by-procedure">
        <h2 id="by-procedure">
          {t("procedurePunctuality")} <span className="muted">· {data.year}</span>
        </h2>
        {data.procedures.length === 0 ? (
          <Empty>{t("noFinishedDossiers")}</Empty>
        ) : (
          <table className="table responsive">
            <thead>
              <tr>
                <th scope="col">{t("procedure")}</th>
                <th scope="col">{t("unit")}</th>
                <th scope="col" className="num">{t("finishedCount")}</th>
                <th scope="col" className="num">{t("finishedLateCount")}</th>
                <th scope="col" className="num">{t("openOverdueCount")}</th>
                <th scope="col" className="num">{t("finishedOnTimeRate")}</th>
                <th scope="col" className="num">{t("satisfaction")}</th>
              </tr>
            </thead>
            <tbody>
              {data.procedures.map((p) => (
                <tr key={`${p.workflow}/${p.unitId ?? ""}`}>
                  <td data-label={t("procedure")}>{loc(p.workflowTitle)}</td>
                  <td data-label={t("unit")}>{p.unitName ?? "—"}</td>
                  <td data-label={t("finishedCount")} className="num">{n(p.finished)}</td>
                  <td data-label={t("finishedLateCount")} className="num">{n(p.finishedLate)}</td>
                  <td data-label={t("openOverdueCount")} className="num">{n(p.openOverdue)}</td>
                  <td data-label={t("finishedOnTimeRate")} className="num">{p.onTimeRate === null ? "—" : showPercent(p.onTimeRate)}</td>
                  <td data-label={t("satisfaction")} className="num">{p.satisfactionRate === null ? "—" : showPercent(p.satisfactionRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card" aria-labelledby="overdue-list">
        <h2 id="overdue-list">{t("overdueList")}</h2>
        {data.overdue.length === 0 ? (
          <Empty>{t("none")}</Empty>
        ) : (
          <table className="table responsive">
            <thead>
              <tr>
                <th scope="col">{t("code")}</th>
                <th scope="col">{t("title")}</th>
                <th scope="col">{t("unit")}</th>
                <th scope="col">{t("due")}</th>
              </tr>
            </thead>
            <tbody>
              {data.overdue.map((x) => (
                <tr key={x.taskId}>
                  <td data-label={t("code")}><Link className="code" to={`/dossiers/${x.dossierId}`}>{x.code}</Link></td>
                  <td data-label={t("title")}>{x.title}<div className="muted small">{loc(x.stateTitle)}</div></td>
                  <td data-label={t("unit")}>{x.unitName}</td>
                  <td data-label={t("due")}><DueBadge info={{ due: x.due, daysLeft: x.daysLeft, overdue: true }} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
