/**
 * Admin: a workflow definition as JSON, with the diagram redrawn as it is typed. Saving stores a new
 * version; the server lists every problem with a JSON pointer, shown on its line.
 */
import { useEffect, useMemo, useState } from "react";
import { useParams } from "react-router";
import { ApiError, post } from "../lib/api";
import { useI18n } from "../lib/i18n";
import { useApi } from "../lib/use-api";
import { forgetWorkflow } from "../lib/workflows";
import type { WorkflowDetail } from "../lib/types";
import { ErrorNotice, Notice, PageHeader } from "../components/Notice";
import { WorkflowDiagram } from "../components/WorkflowDiagram";
import { diagramStates } from "./diagram-from-definition";
import { JsonEditor, parseJson, type EditorProblem } from "./JsonEditor";

const TEMPLATE = {
  key: "my-procedure",
  title: { vi: "Thủ tục mới", en: "New procedure" },
  initial: "draft",
  states: {
    draft: { title: { vi: "Đang soạn", en: "Drafting" }, assignee: { role: "applicant", unit: "$starter.unit" }, on: { SUBMIT: { target: "review", title: { vi: "Nộp hồ sơ" } } } },
    review: { title: { vi: "Thẩm định", en: "Review" }, assignee: { role: "specialist", unit: "$starter.unit" }, on: { APPROVE: { target: "approved", title: { vi: "Phê duyệt" } } } },
    approved: { type: "final", title: { vi: "Đã phê duyệt", en: "Approved" } },
  },
};

export default function WorkflowEditor() {
  const { key } = useParams();
  const { t, lang } = useI18n();
  const isNew = !key || key === "new";
  const loaded = useApi<WorkflowDetail>(isNew ? null : `/api/workflows/${encodeURIComponent(key)}`);
  const [text, setText] = useState(isNew ? JSON.stringify(TEMPLATE, null, 2) : "");
  const [serverProblems, setServerProblems] = useState<EditorProblem[]>([]);
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (loaded.data) {
      const { version: _v, ...definition } = loaded.data.definition as Record<string, unknown>;
      setText(JSON.stringify(definition, null, 2));
    }
  }, [loaded.data]);

  const parsed = useMemo(() => parseJson(text), [text]);
  const [lastGood, setLastGood] = useState<unknown>(null);
  useEffect(() => {
    if (parsed.value !== undefined) setLastGood(parsed.value);
  }, [parsed.value]);
  const states = useMemo(() => diagramStates(lastGood), [lastGood]);
  const problems: EditorProblem[] = parsed.error ? [{ path: "", message: t("jsonInvalid", { msg: parsed.error.message }), line: parsed.error.line }] : serverProblems;

  async function save() {
    if (parsed.value === undefined) return;
    setBusy(true);
    setMessage(null);
    try {
      const saved = await post<{ key: string; version: number }>("/api/workflows", parsed.value);
      forgetWorkflow(saved.key);
      setServerProblems([]);
      setMessage({ kind: "success", text: t("publishedVersion", { v: saved.version }) });
    } catch (e) {
      if (e instanceof ApiError) {
        setServerProblems(e.fields);
        setMessage({ kind: "error", text: (lang === "en" && e.messageEn) || e.message });
      } else setMessage({ kind: "error", text: String(e) });
    } finally {
      setBusy(false);
    }
  }

  const initial = (lastGood as { initial?: string } | null)?.initial;
  return (
    <div>
      <PageHeader
        title={isNew ? t("newWorkflow") : `${t("editWorkflow")}: ${key}`}
        subtitle={loaded.data ? `${t("version")} ${loaded.data.version}` : undefined}
        actions={
          <button type="button" className="btn btn-primary" disabled={busy || parsed.value === undefined} onClick={() => void save()}>
            {t("saveNewVersion")}
          </button>
        }
      />
      <ErrorNotice error={loaded.error} />
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      <div className="editor-grid">
        <div className="card">
          <JsonEditor id="definition" label="Định nghĩa quy trình (JSON)" value={text} onChange={(v) => { setText(v); setServerProblems([]); }} problems={problems} rows={30} />
        </div>
        <div className="card">
          <h2>{t("diagram")}</h2>
          {states.length > 0 ? <WorkflowDiagram states={states} active={initial ? [initial] : []} initial={initial} natural /> : <p className="muted">—</p>}
        </div>
      </div>
    </div>
  );
}
