/**
 * Dashboard: how many dossiers are at which step of which procedure, how punctual each unit is on the
 * tasks it holds, and the overdue list. Counted in the browser from the lists the caller may see.
 */
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { get, query } from "../lib/api";
import { showDate, showPercent } from "../lib/format";
import { useI18n } from "../lib/i18n";
import { loadWorkflow } from "../lib/workflows";
import type { DossierSummary, Localized, Page, Task } from "../lib/types";
import { Bars, ShareBar } from "../components/Charts";
import { DueBadge } from "../components/DueBadge";
import { Empty, Loading, PageHeader } from "../components/Notice";

const MAX_PAGES = 10;

async function all<T>(path: string, params: Record<string, string | undefined> = {}): Promise<T[] | null> {
  const out: T[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    let answer: Page<T>;
    try {
      answer = await get<Page<T>>(`${path}${query({ ...params, page, pageSize: 100 })}`);
    } catch {
      return page === 1 ? null : out;
    }
    out.push(...answer.items);
    if (out.length >= answer.total || answer.items.length === 0) break;
  }
  return out;
}

type Data = { dossiers: DossierSummary[] | null; tasks: Task[] | null; titles: Map<string, Localized | null> };

export default function Dashboard() {
  const { t, loc, lang } = useI18n();
  const [data, setData] = useState<Data | null>(null);

  useEffect(() => {
    let live = true;
    void (async () => {
      const [dossiers, tasks] = await Promise.all([all<DossierSummary>("/api/instances"), all<Task>("/api/tasks")]);
      const titles = new Map<string, Localized | null>();
      for (const ref of new Set((dossiers ?? []).map((d) => `${d.workflow}@${d.workflowVersion}`))) {
        const [key, v] = ref.split("@");
        const wf = await loadWorkflow(key!, Number(v));
        for (const s of wf?.states ?? []) titles.set(`${ref}#${s.name}`, s.title);
      }
      if (live) setData({ dossiers, tasks, titles });
    })();
    return () => {
      live = false;
    };
  }, []);

  if (!data) return <Loading />;
  const dossiers = data.dossiers ?? [];
  const tasks = data.tasks ?? [];
  const byWorkflow = new Map<string, { title: Localized; states: Map<string, { title: Localized | null; n: number }> }>();
  for (const d of dossiers) {
    const w = byWorkflow.get(d.workflow) ?? { title: d.workflowTitle, states: new Map() };
    const s = w.states.get(d.state) ?? { title: data.titles.get(`${d.workflow}@${d.workflowVersion}#${d.state}`) ?? null, n: 0 };
    s.n++;
    w.states.set(d.state, s);
    byWorkflow.set(d.workflow, w);
  }
  const units = new Map<string, { name: string; ok: number; late: number }>();
  for (const task of tasks) {
    const u = units.get(task.unitId) ?? { name: task.unitName ?? task.unitId, ok: 0, late: 0 };
    if (task.overdue) u.late++;
    else u.ok++;
    units.set(task.unitId, u);
  }
  const overdue = tasks.filter((x) => x.overdue).sort((a, b) => (a.daysLeft ?? 0) - (b.daysLeft ?? 0));
  const done = dossiers.filter((d) => d.status === "done").length;
  const onTime = tasks.length ? tasks.filter((x) => !x.overdue).length / tasks.length : 1;

  return (
    <div>
      <PageHeader title={t("dashboard")} />
      <div className="kpis">
        <div className="kpi card"><span className="kpi-value">{dossiers.length.toLocaleString("vi-VN")}</span><span className="kpi-label">{t("total")}</span></div>
        <div className="kpi card"><span className="kpi-value">{(dossiers.length - done).toLocaleString("vi-VN")}</span><span className="kpi-label">{t("inProgress")}</span></div>
        <div className="kpi card"><span className="kpi-value">{done.toLocaleString("vi-VN")}</span><span className="kpi-label">{t("done")}</span></div>
        <div className="kpi card kpi-alert"><span className="kpi-value">{overdue.length.toLocaleString("vi-VN")}</span><span className="kpi-label">{t("overdue")}</span></div>
        <div className="kpi card"><span className="kpi-value">{showPercent(onTime)}</span><span className="kpi-label">{t("onTime")}</span></div>
      </div>
      <div className="dash-grid">
        <section className="card" aria-labelledby="by-wf">
          <h2 id="by-wf">{t("byWorkflow")}</h2>
          {byWorkflow.size === 0 && <Empty>{t("empty")}</Empty>}
          {[...byWorkflow.entries()].map(([key, w]) => (
            <div key={key} className="chart-block">
              <h3>{loc(w.title)}</h3>
              <Bars
                label={loc(w.title)}
                rows={[...w.states.entries()].sort((a, b) => b[1].n - a[1].n).map(([state, s]) => ({ key: state, label: loc(s.title) || state, value: s.n, tone: /reject|withdraw/i.test(state) ? "tone-stop" : /supplement/i.test(state) ? "tone-warn" : "" }))}
              />
            </div>
          ))}
        </section>
        <section className="card" aria-labelledby="on-time">
          <h2 id="on-time">{t("onTimeRate")}</h2>
          {units.size === 0 && <Empty>{t("emptyInbox")}</Empty>}
          <table className="table table-compact">
            <thead>
              <tr>
                <th scope="col">{t("unit")}</th>
                <th scope="col" className="num">{t("onTime")}</th>
                <th scope="col" className="num">{t("overdue")}</th>
                <th scope="col">{lang === "en" ? "Rate" : "Tỉ lệ"}</th>
              </tr>
            </thead>
            <tbody>
              {[...units.entries()].map(([id, u]) => (
                <tr key={id}>
                  <td>{u.name}</td>
                  <td className="num">{u.ok}</td>
                  <td className="num">{u.late}</td>
                  <td>
                    <div className="share-cell">
                      <ShareBar ok={u.ok} late={u.late} labelOk={t("onTime")} labelLate={t("overdue")} />
                      <span>{showPercent(u.ok / Math.max(1, u.ok + u.late))}</span>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      <section className="card" aria-labelledby="overdue-list">
        <h2 id="overdue-list">{t("overdueList")}</h2>
        {overdue.length === 0 ? (
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
              {overdue.map((x) => (
                <tr key={x.id}>
                  <td data-label={t("code")}><Link className="code" to={`/dossiers/${x.dossierId}`}>{x.code}</Link></td>
                  <td data-label={t("title")}>{x.title}<div className="muted small">{loc(x.stateTitle)}</div></td>
                  <td data-label={t("unit")}>{x.unitName}</td>
                  <td data-label={t("due")}><DueBadge info={{ due: x.due, daysLeft: x.daysLeft, overdue: true }} /> <span className="sr-only">{showDate(x.due)}</span></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
