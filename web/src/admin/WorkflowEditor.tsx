/**
 * Admin: a workflow definition as JSON, with the diagram redrawn as it is typed. Saving first shows what
 * changes against the running version and asks to confirm; it then stores a new version, refused if
 * another was published meanwhile. The server lists every problem with a JSON pointer, shown on its line.
 * The versions panel makes an earlier version current again, after the same confirmation.
 */
import { useEffect, useMemo, useState } from "react";
import { useParams } from "react-router";
import { ApiError, get, post } from "../lib/api";
import { showDateTime } from "../lib/format";
import { useI18n } from "../lib/i18n";
import { useApi } from "../lib/use-api";
import { forgetWorkflow } from "../lib/workflows";
import type { WorkflowDetail } from "../lib/types";
import { ErrorNotice, Notice, PageHeader } from "../components/Notice";
import { WorkflowDiagram } from "../components/WorkflowDiagram";
import { diagramStates } from "./diagram-from-definition";
import { JsonEditor, parseJson, type EditorProblem } from "./JsonEditor";
import { PublishDialog, type DefinitionChange } from "./DefinitionChanges";

type Versions = { current: number; items: { version: number; createdAt: string; running: number }[] };
/** What the confirmation shows: the changes, against which version, and what confirming does. */
type Pending = { current: number; changes: DefinitionChange[]; restore?: number };

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
  const [pending, setPending] = useState<Pending | null>(null);
  const [pendingError, setPendingError] = useState<string | null>(null);
  const versions = useApi<Versions>(isNew ? null : `/api/workflows/${encodeURIComponent(key)}/versions`);
  const en = lang === "en";
  const errorText = (e: unknown) => (e instanceof ApiError ? (en && e.messageEn) || e.message : String(e));

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

  /** Step one: what would change against the running version. */
  async function review() {
    if (parsed.value === undefined) return;
    const wfKey = (parsed.value as { key?: unknown }).key;
    setBusy(true);
    setMessage(null);
    try {
      if (typeof wfKey !== "string" || !wfKey) throw new ApiError(422, "VALIDATION_FAILED", "Định nghĩa chưa có mã quy trình (key)", "the definition has no key");
      const diff = await post<{ current: number; changes: DefinitionChange[] }>(`/api/workflows/${encodeURIComponent(wfKey)}/diff`, parsed.value);
      setServerProblems([]);
      setPendingError(null);
      setPending(diff);
    } catch (e) {
      if (e instanceof ApiError) setServerProblems(e.fields);
      setMessage({ kind: "error", text: errorText(e) });
    } finally {
      setBusy(false);
    }
  }

  /** Step two, confirmed: publish (or make the earlier version current) against the version compared. */
  async function confirm(p: Pending) {
    setBusy(true);
    try {
      const saved =
        p.restore !== undefined
          ? await post<{ key: string; version: number }>(`/api/workflows/${encodeURIComponent(key!)}/versions/${p.restore}/restore`, { expectedCurrent: p.current })
          : await post<{ key: string; version: number }>(`/api/workflows?expectedCurrent=${p.current}`, parsed.value);
      forgetWorkflow(saved.key);
      setPending(null);
      setServerProblems([]);
      setMessage({
        kind: "success",
        text: p.restore !== undefined ? (en ? `Version ${p.restore} is current again, as version ${saved.version}.` : `Đã áp dụng lại phiên bản ${p.restore}, thành phiên bản ${saved.version}.`) : t("publishedVersion", { v: saved.version }),
      });
      if (!isNew) {
        await loaded.reload();
        await versions.reload();
      }
    } catch (e) {
      if (e instanceof ApiError && e.code === "STALE_VERSION") {
        // Someone published meanwhile: the changes shown are no longer the ones that would apply.
        setPendingError(errorText(e));
        try {
          const again =
            p.restore !== undefined
              ? await get<{ current: number; changes: DefinitionChange[] }>(`/api/workflows/${encodeURIComponent(key!)}/versions/${p.restore}/diff`)
              : await post<{ current: number; changes: DefinitionChange[] }>(`/api/workflows/${encodeURIComponent(String((parsed.value as { key?: unknown }).key))}/diff`, parsed.value);
          setPending({ ...p, current: again.current, changes: again.changes });
        } catch {
          /* the refusal above is shown */
        }
      } else {
        setPendingError(errorText(e));
      }
    } finally {
      setBusy(false);
    }
  }

  async function reviewRestore(version: number) {
    setMessage(null);
    try {
      const diff = await get<{ current: number; changes: DefinitionChange[] }>(`/api/workflows/${encodeURIComponent(key!)}/versions/${version}/diff`);
      setPendingError(null);
      setPending({ current: diff.current, changes: diff.changes, restore: version });
    } catch (e) {
      setMessage({ kind: "error", text: errorText(e) });
    }
  }

  const initial = (lastGood as { initial?: string } | null)?.initial;
  return (
    <div>
      <PageHeader
        title={isNew ? t("newWorkflow") : `${t("editWorkflow")}: ${key}`}
        subtitle={loaded.data ? `${t("version")} ${loaded.data.version}` : undefined}
        actions={
          <button type="button" className="btn btn-primary" disabled={busy || parsed.value === undefined} onClick={() => void review()}>
            {t("saveNewVersion")}
          </button>
        }
      />
      <ErrorNotice error={loaded.error} />
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {pending && (
        <PublishDialog
          heading={
            pending.restore !== undefined
              ? en ? `Make version ${pending.restore} current again?` : `Áp dụng lại phiên bản ${pending.restore}?`
              : en ? `Publish version ${pending.current + 1}?` : `Xuất bản phiên bản ${pending.current + 1}?`
          }
          intro={
            pending.current === 0
              ? en ? "A new procedure: every step below is new." : "Quy trình mới: mọi bước dưới đây đều là mới."
              : en ? `Changes against version ${pending.current}, the one running now:` : `Những thay đổi so với phiên bản ${pending.current} đang áp dụng:`
          }
          current={pending.current}
          changes={pending.changes}
          error={pendingError}
          busy={busy}
          confirmLabel={pending.restore !== undefined ? (en ? "Make current" : "Áp dụng lại") : en ? "Publish" : "Xuất bản"}
          onConfirm={() => void confirm(pending)}
          onClose={() => setPending(null)}
        />
      )}
      <div className="editor-grid">
        <div className="card">
          <JsonEditor id="definition" label="Định nghĩa quy trình (JSON)" value={text} onChange={(v) => { setText(v); setServerProblems([]); }} problems={problems} rows={30} />
        </div>
        <div className="card">
          <h2>{t("diagram")}</h2>
          {states.length > 0 ? <WorkflowDiagram states={states} active={initial ? [initial] : []} initial={initial} natural /> : <p className="muted">—</p>}
        </div>
        {versions.data && (
          <section className="card" aria-labelledby="versions-title">
            <h2 id="versions-title">{en ? "Versions" : "Các phiên bản"}</h2>
            <ul className="version-list">
              {versions.data.items.map((v) => (
                <li key={v.version}>
                  <strong>{t("version")} {v.version}</strong>
                  <span className="muted small">{showDateTime(v.createdAt)}</span>
                  <span className="muted small">{en ? `${v.running} dossier(s) running` : `${v.running} hồ sơ đang xử lý`}</span>
                  {v.version === versions.data!.current ? (
                    <span className="tag">{en ? "current" : "đang áp dụng"}</span>
                  ) : (
                    <button type="button" className="btn btn-secondary btn-sm" onClick={() => void reviewRestore(v.version)}>
                      {en ? `Make version ${v.version} current again…` : `Áp dụng lại phiên bản ${v.version}…`}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </div>
  );
}
