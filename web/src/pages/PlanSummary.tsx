/**
 * A plan's compiled report: per indicator the target, the sum of the accepted actuals and the
 * achievement (`157,3%`, as the server formats it), the per-unit breakdown, late and missing units, the
 * budget planned against spent; with CSV, XLSX and print exports.
 */
import { Link, useParams } from "react-router";
import { formatVnd, showDate } from "../lib/format";
import { useI18n } from "../lib/i18n";
import { useApi } from "../lib/use-api";
import type { PlanSummaryView, PlanTracking } from "../lib/types";
import { StackedBar } from "../components/Charts";
import { ReportStatus } from "../components/ReportStatus";
import { Empty, ErrorNotice, Loading, Notice, PageHeader } from "../components/Notice";

function AchievementBar({ ratio }: { ratio: number | null }) {
  if (ratio === null) return null;
  // Bars fill to 100%; beyond the target the excess shows in a second colour.
  const done = Math.min(ratio, 1);
  const over = Math.max(0, Math.min(ratio, 2) - 1);
  return (
    <StackedBar
      label=""
      parts={[
        { key: "done", value: done, tone: ratio >= 1 ? "green" : "blue", label: "" },
        { key: "over", value: over, tone: "green", label: "" },
        { key: "rest", value: Math.max(0, 1 - done), tone: "grey", label: "" },
      ]}
    />
  );
}

export default function PlanSummary() {
  const { id } = useParams();
  const { t } = useI18n();
  const view = useApi<PlanSummaryView>(`/api/plans/${id}/summary`);
  const plan = useApi<PlanTracking>(`/api/plans/${id}/tracking`);
  if (view.error) return <ErrorNotice error={view.error} />;
  if (!view.data) return <Loading />;
  const { frozen, summary } = view.data;
  const n = (v: number | null | undefined) => (v == null ? "—" : v.toLocaleString("vi-VN"));
  const round = summary.round ? `?round=${encodeURIComponent(summary.round.key)}` : "";
  const exportPath = (suffix: string) => `/api/plans/${id}/${suffix}${round}`;
  const spentShare = summary.budget.planned ? Math.min(1, summary.budget.spent / summary.budget.planned) : 0;

  return (
    <div>
      <nav className="crumbs" aria-label="breadcrumb">
        <Link to={`/plans/${id}/tracking`}>← {t("planTracking")}</Link>
      </nav>
      <PageHeader
        title={t("planSummary")}
        subtitle={
          plan.data ? (
            <>
              <span className="code">{plan.data.plan.code}</span> · {plan.data.plan.title}
            </>
          ) : undefined
        }
        actions={
          <div className="export-links">
            <a className="btn btn-secondary" href={exportPath("summary.csv")} download>
              {t("exportCsv")}
            </a>
            <a className="btn btn-secondary" href={exportPath("summary.xlsx")} download>
              {t("exportXlsx")}
            </a>
            <a className="btn btn-primary" href={exportPath("summary/print")} target="_blank" rel="noreferrer">
              {t("printReport")}
            </a>
          </div>
        }
      />
      <Notice kind={frozen ? "success" : "info"}>
        {summary.round && (
          <>
            <strong>{summary.round.title}</strong> · {t("reportDue")} {showDate(summary.round.dueDate)} ·{" "}
          </>
        )}
        {frozen ? t("frozenSummary") : t("liveSummary", { date: showDate(summary.compiledOn) })}
      </Notice>

      <section className="card table-wrap" aria-labelledby="ind-title">
        <h2 id="ind-title">{t("indicators")}</h2>
        {summary.indicators.length === 0 ? (
          <Empty>{t("none")}</Empty>
        ) : (
          <table className="table responsive">
            <thead>
              <tr>
                <th scope="col">{t("indicator")}</th>
                <th scope="col">{t("unitOfMeasure")}</th>
                <th scope="col" className="num">{t("target")}</th>
                <th scope="col" className="num">{t("actual")}</th>
                <th scope="col" className="num">{t("achievement")}</th>
              </tr>
            </thead>
            <tbody>
              {summary.indicators.map((i) => (
                <tr key={i.code}>
                  <td data-label={t("indicator")}>{i.name}</td>
                  <td data-label={t("unitOfMeasure")}>{i.unitOfMeasure}</td>
                  <td data-label={t("target")} className="num">{n(i.target)}</td>
                  <td data-label={t("actual")} className="num">{n(i.actual)}</td>
                  <td data-label={t("achievement")}>
                    <div className="achievement-cell">
                      <strong>{i.achievementText}</strong>
                      <AchievementBar ratio={i.achievement} />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="card table-wrap" aria-labelledby="unit-title">
        <h2 id="unit-title">{t("byUnit")}</h2>
        <table className="table responsive">
          <thead>
            <tr>
              <th scope="col">{t("unit")}</th>
              <th scope="col">{t("status")}</th>
              {summary.indicators.map((i) => (
                <th key={i.code} scope="col" className="num th-wrap">
                  {i.name} <span className="muted small">({i.unitOfMeasure})</span>
                </th>
              ))}
              <th scope="col" className="num">{t("planned")}</th>
              <th scope="col" className="num">{t("spent")}</th>
            </tr>
          </thead>
          <tbody>
            {summary.units.map((u) => (
              <tr key={u.unitId}>
                <td data-label={t("unit")} className="nowrap">{u.unitName}</td>
                <td data-label={t("status")}>
                  <ReportStatus status={u.status as Parameters<typeof ReportStatus>[0]["status"]} late={u.late} />
                </td>
                {summary.indicators.map((i) => (
                  <td key={i.code} data-label={i.name} className="num">
                    {n(i.byUnit.find((b) => b.unitId === u.unitId)?.actual)}
                  </td>
                ))}
                <td data-label={t("planned")} className="num nowrap">{formatVnd(u.planned)}</td>
                <td data-label={t("spent")} className="num nowrap">{u.spent == null ? "—" : formatVnd(u.spent)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <div className="summary-grid">
        <section className="card" aria-labelledby="budget-title">
          <h2 id="budget-title">{t("budget")}</h2>
          <table className="table table-compact">
            <tbody>
              <tr><th scope="row">{t("planned")}</th><td className="num">{formatVnd(summary.budget.planned)}</td></tr>
              <tr><th scope="row">{t("spent")}</th><td className="num">{formatVnd(summary.budget.spent)}</td></tr>
              <tr><th scope="row">{t("remaining")}</th><td className="num">{formatVnd(summary.budget.remaining)}</td></tr>
            </tbody>
          </table>
          <StackedBar
            label={t("budget")}
            parts={[
              { key: "spent", value: spentShare, tone: "blue", label: t("spent") },
              { key: "rest", value: 1 - spentShare, tone: "grey", label: t("remaining") },
            ]}
          />
        </section>
        <section className="card" aria-labelledby="late-title">
          <h2 id="late-title">{t("lateUnits")}</h2>
          {summary.late.length === 0 ? (
            <p className="muted">{t("none")}</p>
          ) : (
            <ul className="unit-list" aria-labelledby="late-title">
              {summary.late.map((u) => (
                <li key={u.unitId}>
                  {u.unitName}
                  {u.submittedOn && <span className="muted small"> · {t("submittedOn").toLowerCase()} {showDate(u.submittedOn)}</span>}
                </li>
              ))}
            </ul>
          )}
          <h2 id="missing-title" className="h2-gap">{t("missingUnits")}</h2>
          {summary.missing.length === 0 ? (
            <p className="muted">{t("none")}</p>
          ) : (
            <ul className="unit-list" aria-labelledby="missing-title">
              {summary.missing.map((u) => (
                <li key={u.unitId}>{u.unitName}</li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}
