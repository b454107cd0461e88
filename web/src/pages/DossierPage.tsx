/**
 * One dossier, for its applicant and for officials: what is asked now (a supplement: its items, reply
 * deadline and the answer), a plain progress line, its data and files, the actions open now, issued
 * documents, the history and comments, and where it stands on the workflow diagram.
 */
import { useEffect, useState } from "react";
import { Link, useLocation, useParams } from "react-router";
import { useI18n } from "../lib/i18n";
import { useSession } from "../lib/session";
import { useApi } from "../lib/use-api";
import { loadWorkflow } from "../lib/workflows";
import type { Dossier, WorkflowDetail } from "../lib/types";
import { ActionPanel } from "../components/ActionPanel";
import { Comments } from "../components/Comments";
import { DataView } from "../components/DataView";
import { RequiredDocuments } from "../components/RequiredDocuments";
import { RatingBox } from "../components/RatingBox";
import { ReportData } from "../components/ReportData";
import { Documents } from "../components/Documents";
import { DueBadge } from "../components/DueBadge";
import { ErrorNotice, Loading, Notice } from "../components/Notice";
import { StatusPill } from "../components/StatusPill";
import { Timeline } from "../components/Timeline";
import { WorkflowDiagram } from "../components/WorkflowDiagram";
import { useForm } from "../forms/use-form";
import { ProgressLine } from "../components/ProgressLine";
import { askedNow, AskedSummary, SupplementRequest } from "../components/SupplementRequest";

export default function DossierPage() {
  const { id } = useParams();
  const location = useLocation();
  const { t, loc } = useI18n();
  const { me } = useSession();
  const { data: dossier, error, loading, reload, setData } = useApi<Dossier>(`/api/instances/${id}`);
  const [workflow, setWorkflow] = useState<WorkflowDetail | undefined>(undefined);
  const [flash, setFlash] = useState<{ kind: "success" | "warning"; text: string } | null>(
    (location.state as { flash?: string } | null)?.flash ? { kind: "success", text: (location.state as { flash: string }).flash } : null,
  );
  const { form, loading: formLoading } = useForm(workflow?.startForm);
  const [openAction, setOpenAction] = useState<string | null>(null);

  useEffect(() => {
    if (!dossier) return;
    let live = true;
    void loadWorkflow(dossier.workflow, dossier.workflowVersion).then((wf) => live && setWorkflow(wf ?? undefined));
    return () => {
      live = false;
    };
  }, [dossier?.workflow, dossier?.workflowVersion]);

  if (error) return <ErrorNotice error={error} />;
  if (loading && !dossier) return <Loading />;
  if (!dossier) return null;

  const visited = [...new Set(dossier.history.flatMap((h) => (Array.isArray(h.from) ? h.from : h.from ? [h.from] : [])))];
  const isStarter = (dossier as Dossier & { starterId?: string }).starterId === me?.id;
  const stateTitle = dossier.stateTitle ?? workflow?.states.find((s) => s.name === dossier.state)?.title ?? null;
  const asked = askedNow(dossier);
  const answer = asked?.answer ?? null;
  const leads = answer && asked ? { [answer.type]: <AskedSummary asked={asked} deadline={dossier.deadline} headingLevel={4} /> } : {};
  const changed = (d: Dossier) => {
    setData(d);
    setFlash({ kind: "success", text: `${t("saved")}: ${loc(d.stateTitle ?? null) || d.state}` });
  };

  return (
    <div className="dossier-page">
      <nav className="crumbs" aria-label="breadcrumb">
        {isStarter && dossier.workflow === "unit-report" && dossier.parentId ? (
          // The plan's drafter started the reports through the plan: back to its tracking.
          <Link to={`/plans/${dossier.parentId}/tracking`}>← {t("planTracking")}</Link>
        ) : (
          <Link to={isStarter ? "/my" : "/inbox"}>← {isStarter ? t("myDossiers") : t("inbox")}</Link>
        )}
      </nav>
      <header className="dossier-head card">
        <div className="dossier-head-main">
          <div className="dossier-code">
            <span className="code">{dossier.code}</span>
            <StatusPill status={dossier.status} state={dossier.state} title={stateTitle} />
          </div>
          <h1>{dossier.title}</h1>
          <p className="muted">{loc(dossier.workflowTitle)}</p>
          {dossier.workflow === "fund-disbursement" && !isStarter && (
            <p><Link to={`/fund-desk?request=${dossier.id}`}>{t("fundCheck")}</Link></p>
          )}
          {dossier.workflow === "plan" && (
            <div className="plan-links">
              <Link className="btn btn-secondary btn-sm" to={`/plans/${dossier.id}/tracking`}>
                {t("openTracking")}
              </Link>
              <Link className="btn btn-ghost btn-sm" to={`/plans/${dossier.id}/summary`}>
                {t("openSummary")}
              </Link>
            </div>
          )}
        </div>
        <dl className="head-facts">
          <div>
            <dt>{t("currentStep")}</dt>
            <dd>{loc(stateTitle) || dossier.state}</dd>
          </div>
          <div>
            <dt>{t("deadlineLabel")}</dt>
            <dd>{dossier.deadline ? <DueBadge info={dossier.deadline} /> : <span className="muted">—</span>}</dd>
          </div>
        </dl>
      </header>
      {flash && <Notice kind={flash.kind}>{flash.text}</Notice>}
      {asked && (
        <SupplementRequest
          asked={asked}
          deadline={dossier.deadline}
          onAnswer={
            answer
              ? () => {
                  setOpenAction(answer.type);
                  // The answer form opens in the actions panel: bring it into view (below the card on a phone).
                  requestAnimationFrame(() => document.getElementById("actions")?.scrollIntoView({ block: "start" }));
                }
              : undefined
          }
        />
      )}
      <ProgressLine dossier={dossier} workflow={workflow} />
      <div className="dossier-grid">
        <div className="dossier-side">
          <ActionPanel
            dossier={dossier}
            isStarter={isStarter}
            open={openAction}
            onOpen={setOpenAction}
            leads={leads}
            offeredElsewhere={answer ? [answer.type] : []}
            onChanged={changed}
            onStale={() => {
              setFlash({ kind: "warning", text: t("stale") });
              void reload();
            }}
          />
        </div>
        <div className="dossier-main">
          <Documents dossier={dossier} />
          <RatingBox dossier={dossier} isStarter={isStarter} />
          {dossier.workflow !== "unit-report" && workflow && !formLoading && <RequiredDocuments form={form} data={dossier.data} />}
          <section className="card" aria-labelledby="data-title">
            <h2 id="data-title">{t("dossierData")}</h2>
            {dossier.workflow === "unit-report" ? (
              <ReportData data={dossier.data} />
            ) : !workflow || formLoading ? (
              // Laid out by its form only: never the raw keys while the form is on its way.
              <Loading />
            ) : (
              <DataView form={form} data={dossier.data} />
            )}
          </section>
          {workflow && (
            <section className="card" aria-labelledby="diagram-title">
              <h2 id="diagram-title">{t("diagram")}</h2>
              <WorkflowDiagram states={workflow.states} active={dossier.activeStates} visited={visited} initial={workflow.initial} showEvents={false} />
            </section>
          )}
          <section className="card" aria-labelledby="history-title">
            <h2 id="history-title">{t("history")}</h2>
            <Timeline history={dossier.history.filter((h) => h.type !== "COMMENT" && h.type !== "CHILD_UPDATE")} workflow={workflow} meId={me?.id} meName={me?.displayName} />
          </section>
          <Comments dossier={dossier} onChanged={setData} meId={me?.id} meName={me?.displayName} />
        </div>
      </div>
    </div>
  );
}
