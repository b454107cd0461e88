/**
 * Applicant: fill a procedure's start form. Save it as a draft (checked only for what it holds), or
 * hand it in: checked in full in the browser first, then by the server, whose field errors land on the
 * fields. A new dossier is started and then submitted; a saved draft is updated and then submitted.
 */
import { useEffect, useState } from "react";
import { useNavigate, useParams } from "react-router";
import { ApiError, api, post, type FieldProblem } from "../lib/api";
import { useI18n } from "../lib/i18n";
import { useApi } from "../lib/use-api";
import type { Dossier, WorkflowDetail } from "../lib/types";
import { ErrorNotice, Loading, Notice, PageHeader } from "../components/Notice";
import { ProblemList } from "../components/ProblemList";
import { FormView } from "../forms/FormView";
import { useForm } from "../forms/use-form";
import { validateForm } from "../forms/validate";

export default function DossierEditor() {
  const params = useParams();
  const navigate = useNavigate();
  const { t, loc, lang } = useI18n();
  const [draftId, setDraftId] = useState<string | null>(params.id ?? null);
  const existing = useApi<Dossier>(params.id ? `/api/instances/${params.id}` : null);
  const workflowKey = params.key ?? existing.data?.workflow ?? null;
  const workflow = useApi<WorkflowDetail>(workflowKey ? `/api/workflows/${encodeURIComponent(workflowKey)}` : null);
  const { form, error: formError, loading: formLoading } = useForm(workflow.data?.startForm);
  const [data, setData] = useState<Record<string, unknown>>({});
  const [version, setVersion] = useState<number | undefined>(undefined);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [showProblems, setShowProblems] = useState(false);
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState<"draft" | "submit" | null>(null);
  const [mode, setMode] = useState<"draft" | "full">("full");

  useEffect(() => {
    if (existing.data) {
      setData(existing.data.data ?? {});
      setVersion(existing.data.version);
    }
  }, [existing.data]);

  // Once the person has tried to send, keep the messages in step with what they type.
  useEffect(() => {
    if (showProblems && form) setProblems(validateForm(form, data, mode === "draft"));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data]);

  const say = (e: unknown) => {
    if (e instanceof ApiError) {
      if (e.fields.length) {
        setProblems(e.fields);
        setShowProblems(true);
      }
      setMessage({ kind: "error", text: (lang === "en" && e.messageEn) || e.message });
    } else setMessage({ kind: "error", text: String(e) });
  };

  async function saveDraft() {
    if (!form || !workflowKey) return;
    setBusy("draft");
    setMode("draft");
    setMessage(null);
    const local = validateForm(form, data, true);
    if (local.length) {
      setProblems(local);
      setShowProblems(true);
      setBusy(null);
      return;
    }
    try {
      let saved: Dossier;
      if (draftId) saved = await api<Dossier>("PUT", `/api/instances/${draftId}/draft`, { data, expectedVersion: version });
      else saved = await post<Dossier>("/api/instances", { workflow: workflowKey, data, draft: true });
      setDraftId(saved.id);
      setVersion(saved.version);
      setProblems([]);
      setShowProblems(false);
      setMessage({ kind: "success", text: t("draftSaved", { code: saved.code }) });
      if (!params.id) navigate(`/dossiers/${saved.id}/edit`, { replace: true });
    } catch (e) {
      say(e);
    } finally {
      setBusy(null);
    }
  }

  async function submit() {
    if (!form || !workflowKey) return;
    setBusy("submit");
    setMode("full");
    setMessage(null);
    const local = validateForm(form, data);
    if (local.length) {
      setProblems(local);
      setShowProblems(true);
      setMessage({ kind: "error", text: t("fixErrors") });
      setBusy(null);
      window.scrollTo({ top: 0, behavior: "smooth" });
      return;
    }
    try {
      let id = draftId;
      let current = version;
      if (id) {
        const saved = await api<Dossier>("PUT", `/api/instances/${id}/draft`, { data, expectedVersion: current });
        current = saved.version;
      } else {
        const started = await post<Dossier>("/api/instances", { workflow: workflowKey, data });
        id = started.id;
        current = started.version;
        setDraftId(id);
        setVersion(current);
      }
      const done = await post<Dossier>(`/api/instances/${id}/events`, { type: "SUBMIT", expectedVersion: current });
      navigate(`/dossiers/${done.id}`, { state: { flash: t("submitted", { code: done.code }) } });
    } catch (e) {
      say(e);
      window.scrollTo({ top: 0, behavior: "smooth" });
    } finally {
      setBusy(null);
    }
  }

  const title = workflow.data ? loc(workflow.data.title) : "";
  const loadError = existing.error ?? workflow.error;
  return (
    <div className="editor-page">
      <PageHeader title={title || t("loading")} subtitle={form ? loc(form.title) : undefined} />
      <ErrorNotice error={loadError} />
      {(formLoading || workflow.loading) && !form && <Loading />}
      {formError && <Notice kind="warning">{formError.status === 404 ? t("formMissing") : formError.message}</Notice>}
      {showProblems && <ProblemList problems={problems} schema={form?.schema} title={message?.kind === "error" ? message.text : undefined} />}
      {!showProblems && message?.kind === "error" && <Notice kind="error">{message.text}</Notice>}
      {form && (
        <form
          className="card form-card"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <FormView form={form} data={data} onChange={setData} problems={showProblems ? problems : []} />
          <div className="form-actions sticky-actions">
            {/* Beside the button just pressed, and in a live region present from the start, so that it is both seen and heard. */}
            <p className="save-status" role="status">
              {message?.kind === "success" && (
                <>
                  <span aria-hidden="true">✓ </span>
                  {message.text}
                </>
              )}
            </p>
            <button type="button" className="btn btn-secondary" disabled={!!busy} onClick={() => void saveDraft()}>
              {busy === "draft" ? t("submitting") : t("saveDraft")}
            </button>
            <button type="submit" className="btn btn-primary" disabled={!!busy}>
              {busy === "submit" ? t("submitting") : t("submit")}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
