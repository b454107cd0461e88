/**
 * Admin: edit a form's JSON Schema and UI schema side by side with a live JSON Forms preview; add
 * fields from a palette and set their properties in a panel beside the preview (label, required, help
 * text, bounds, options) without touching the JSON; save as a new version (the server checks it and
 * points at each problem).
 */
import { Component, useEffect, useMemo, useState, type ReactNode } from "react";
import { useParams } from "react-router";
import { ApiError, post } from "../lib/api";
import { useI18n } from "../lib/i18n";
import type { FormDef } from "../lib/types";
import { ErrorNotice, Notice, PageHeader } from "../components/Notice";
import { FormView } from "../forms/FormView";
import { loadForm } from "../forms/use-form";
import { validateForm } from "../forms/validate";
import { JsonEditor, parseJson, type EditorProblem } from "./JsonEditor";
import { addField, FIELD_KINDS, type FieldKind } from "./palette";
import { PropertyPanel } from "./PropertyPanel";

const pretty = (v: unknown) => JSON.stringify(v, null, 2);
const EMPTY_SCHEMA = { $schema: "https://json-schema.org/draft/2020-12/schema", type: "object", properties: {}, required: [] };
const EMPTY_UI = { type: "VerticalLayout", elements: [] };

export default function FormBuilder() {
  const { key: routeKey } = useParams();
  const { t, lang } = useI18n();
  const isNew = !routeKey || routeKey === "new";
  const [key, setKey] = useState(isNew ? "" : routeKey);
  const [titleVi, setTitleVi] = useState("");
  const [version, setVersion] = useState<number | null>(null);
  const [schemaText, setSchemaText] = useState(pretty(EMPTY_SCHEMA));
  const [uiText, setUiText] = useState(pretty(EMPTY_UI));
  const [tab, setTab] = useState<"schema" | "ui">("schema");
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [serverProblems, setServerProblems] = useState<EditorProblem[]>([]);
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const [preview, setPreview] = useState<Record<string, unknown>>({});
  const [previewProblems, setPreviewProblems] = useState<ReturnType<typeof validateForm>>([]);

  useEffect(() => {
    if (isNew) return;
    loadForm(routeKey!).then(
      (f: FormDef) => {
        setTitleVi(typeof f.title === "string" ? f.title : f.title.vi);
        setVersion(f.version);
        setSchemaText(pretty(f.schema));
        setUiText(pretty(f.uischema));
      },
      (e: unknown) => setLoadError(e instanceof ApiError ? e : new ApiError(0, "ERROR", String(e))),
    );
  }, [isNew, routeKey]);

  const schema = useMemo(() => parseJson(schemaText), [schemaText]);
  const ui = useMemo(() => parseJson(uiText), [uiText]);
  const [good, setGood] = useState<{ schema: Record<string, unknown>; uischema: Record<string, unknown> }>({ schema: EMPTY_SCHEMA, uischema: EMPTY_UI });
  useEffect(() => {
    if (schema.value && ui.value && typeof schema.value === "object" && typeof ui.value === "object") {
      setGood({ schema: schema.value as Record<string, unknown>, uischema: ui.value as Record<string, unknown> });
    }
  }, [schema.value, ui.value]);

  // The panel reads the text as it is now (not the last good copy, one render behind), so its inputs keep their caret.
  const current =
    schema.value && ui.value && typeof schema.value === "object" && typeof ui.value === "object"
      ? { schema: schema.value as Record<string, unknown>, uischema: ui.value as Record<string, unknown> }
      : good;
  const problemsFor = (which: "schema" | "uischema"): EditorProblem[] => {
    const parsed = which === "schema" ? schema : ui;
    if (parsed.error) return [{ path: "", message: t("jsonInvalid", { msg: parsed.error.message }), line: parsed.error.line }];
    const prefix = `/${which}`;
    return serverProblems.filter((p) => p.path === prefix || p.path.startsWith(prefix + "/")).map((p) => ({ ...p, path: p.path.slice(prefix.length) }));
  };
  const otherProblems = serverProblems.filter((p) => !p.path.startsWith("/schema") && !p.path.startsWith("/uischema"));

  function add(kind: FieldKind) {
    const label = FIELD_KINDS.find((k) => k.kind === kind)!;
    const next = addField(good.schema, good.uischema, kind, `${label.vi} mới`);
    setSchemaText(pretty(next.schema));
    setUiText(pretty(next.uischema));
  }

  async function save() {
    if (!schema.value || !ui.value) return;
    setMessage(null);
    try {
      const saved = await post<FormDef>("/api/forms", { key, title: { vi: titleVi }, schema: schema.value, uischema: ui.value });
      setVersion(saved.version);
      setServerProblems([]);
      setMessage({ kind: "success", text: t("publishedVersion", { v: saved.version }) });
    } catch (e) {
      if (e instanceof ApiError) {
        setServerProblems(e.fields);
        setMessage({ kind: "error", text: (lang === "en" && e.messageEn) || e.message });
      } else setMessage({ kind: "error", text: String(e) });
    }
  }

  const previewForm = { key: key || "preview", version: 1, title: titleVi, schema: good.schema, uischema: good.uischema } as unknown as FormDef;
  return (
    <div>
      <PageHeader
        title={isNew ? t("newForm") : `${t("formsAdmin")}: ${routeKey}`}
        subtitle={version ? `${t("version")} ${version}` : undefined}
        actions={<button type="button" className="btn btn-primary" disabled={!schema.value || !ui.value || !key || !titleVi} onClick={() => void save()}>{t("saveNewVersion")}</button>}
      />
      {loadError && <ErrorNotice error={loadError} />}
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {otherProblems.length > 0 && (
        <Notice kind="error">
          <ul className="problem-list">{otherProblems.map((p, i) => <li key={i}><code>{p.path}</code> {(lang === "en" && p.messageEn) || p.message}</li>)}</ul>
        </Notice>
      )}
      <div className="card builder-meta">
        <div className="field">
          <label className="field-label" htmlFor="form-key">Key</label>
          <input id="form-key" className="input input-mono" value={key} disabled={!isNew} onChange={(e) => setKey(e.target.value)} placeholder="my-form" />
        </div>
        <div className="field">
          <label className="field-label" htmlFor="form-title">{lang === "en" ? "Form title" : "Tên biểu mẫu"}</label>
          <input id="form-title" className="input" value={titleVi} onChange={(e) => setTitleVi(e.target.value)} />
        </div>
      </div>
      <div className="editor-grid">
        <div className="card">
          <div className="palette" role="group" aria-label={t("palette")}>
            <span className="palette-label">{t("palette")}:</span>
            {FIELD_KINDS.map((k) => (
              <button key={k.kind} type="button" className="chip" onClick={() => add(k.kind)}>
                + {lang === "en" ? k.en : k.vi}
              </button>
            ))}
          </div>
          <div className="tabs" role="tablist">
            <button type="button" role="tab" aria-selected={tab === "schema"} className={`tab${tab === "schema" ? " active" : ""}`} onClick={() => setTab("schema")}>{t("schema")}</button>
            <button type="button" role="tab" aria-selected={tab === "ui"} className={`tab${tab === "ui" ? " active" : ""}`} onClick={() => setTab("ui")}>{t("uischema")}</button>
          </div>
          {tab === "schema" ? (
            <JsonEditor id="schema" label={t("schema")} value={schemaText} onChange={(v) => { setSchemaText(v); setServerProblems([]); }} problems={problemsFor("schema")} />
          ) : (
            <JsonEditor id="uischema" label={t("uischema")} value={uiText} onChange={(v) => { setUiText(v); setServerProblems([]); }} problems={problemsFor("uischema")} />
          )}
        </div>
        <div className="builder-side">
        <div className="card">
          <PropertyPanel
            schema={current.schema}
            uischema={current.uischema}
            onChange={(next) => {
              setSchemaText(pretty(next.schema));
              setUiText(pretty(next.uischema));
              setServerProblems([]);
            }}
          />
        </div>
        <div className="card">
          <h2>{t("preview")}</h2>
          <PreviewBoundary key={schemaText.length + uiText.length}>
            <FormView form={previewForm} data={preview} onChange={(d) => { setPreview(d); setPreviewProblems(validateForm(previewForm, d)); }} problems={previewProblems} />
          </PreviewBoundary>
        </div>
        </div>
      </div>
    </div>
  );
}

/** Keeps a half-typed schema that JSON Forms cannot render from taking the page down. */
class PreviewBoundary extends Component<{ children: ReactNode }, { failed: string | null }> {
  override state = { failed: null as string | null };
  static getDerivedStateFromError(e: unknown) {
    return { failed: e instanceof Error ? e.message : String(e) };
  }
  override render() {
    return this.state.failed ? <p className="muted">{this.state.failed}</p> : this.props.children;
  }
}
