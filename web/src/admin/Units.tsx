/** Admin: the organisation tree, adding a unit under another, and editing one (name, code, kind, parent). */
import { useRef, useState, type FormEvent } from "react";
import { api, ApiError, post } from "../lib/api";
import { useI18n } from "../lib/i18n";
import { useApi } from "../lib/use-api";
import type { Unit } from "../lib/types";
import { ErrorNotice, isMissing, Loading, Notice, PageHeader } from "../components/Notice";
import { treeOrder } from "../forms/units";

export const UNIT_KIND_NAMES: Record<string, string> = {
  province: "Tỉnh",
  district: "Huyện",
  commune: "Xã",
  department: "Sở, ban, ngành",
  office: "Phòng, ban",
  association: "Hội",
  front: "Mặt trận Tổ quốc",
  committee: "Ban",
  fund: "Quỹ",
};

const EMPTY = { id: "", name: "", code: "", kind: "office", parentId: "" };

export default function Units() {
  const { t, lang } = useI18n();
  const { data, error, loading, reload } = useApi<{ items: Unit[] }>("/api/admin/units");
  // `id` empty: a new unit; otherwise the unit being edited (the server checks the admin's scope either way).
  const [form, setForm] = useState(EMPTY);
  const { name, kind, parentId } = form;
  const formRef = useRef<HTMLFormElement>(null);
  function edit(u: Unit) {
    setMessage(null);
    setForm({ id: u.id, name: u.name, code: u.code ?? "", kind: u.kind, parentId: u.parentId ?? "" });
    // On a phone the form is below the whole tree: bring it to the reader and put him in its first field.
    formRef.current?.scrollIntoView({ block: "start" });
    formRef.current?.querySelector("input")?.focus({ preventScroll: true });
  }
  const set = (k: keyof typeof EMPTY) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const rows = treeOrder(data?.items ?? []);
  const kinds = [...new Set([...Object.keys(UNIT_KIND_NAMES), ...rows.map((r) => r.kind)])];

  async function add(e: FormEvent) {
    e.preventDefault();
    try {
      const body = { name: name.trim(), kind, parentId: parentId || null, code: form.code.trim() || null };
      if (form.id) await api("PATCH", `/api/admin/units/${form.id}`, body);
      else await post("/api/admin/units", body);
      setForm(EMPTY);
      setMessage({ kind: "success", text: t("saved") });
      await reload();
    } catch (err) {
      setMessage({ kind: "error", text: err instanceof ApiError ? (lang === "en" && err.messageEn) || err.message : String(err) });
    }
  }

  return (
    <div>
      <PageHeader title={t("unitsAdmin")} />
      {isMissing(error) ? <Notice kind="warning">{t("unavailable")}</Notice> : <ErrorNotice error={error} />}
      {loading && !data && <Loading />}
      {data && (
        <div className="two-col">
          <div className="card">
            <ul className="tree">
              {rows.map((u) => (
                <li key={u.id} style={{ paddingLeft: `${u.depth * 1.25}rem` }}>
                  <span className="tree-name">{u.name}</span> <span className="tag">{UNIT_KIND_NAMES[u.kind] ?? u.kind}</span>
                  {u.code && <code className="muted small"> {u.code}</code>}{" "}
                  <button type="button" className="btn btn-link btn-sm" aria-label={`${lang === "en" ? "Edit" : "Sửa"} ${u.name}`} onClick={() => edit(u)}>
                    {lang === "en" ? "Edit" : "Sửa"}
                  </button>
                </li>
              ))}
            </ul>
          </div>
          <form ref={formRef} className="card stack" onSubmit={add}>
            <h2>{form.id ? `${lang === "en" ? "Edit" : "Sửa đơn vị"}: ${rows.find((r) => r.id === form.id)?.name ?? ""}` : `+ ${t("unit")}`}</h2>
            {message && <Notice kind={message.kind}>{message.text}</Notice>}
            <div className="field">
              <label className="field-label" htmlFor="u-name">{lang === "en" ? "Unit name" : "Tên đơn vị"}</label>
              <input id="u-name" className="input" value={name} onChange={set("name")} required maxLength={200} />
            </div>
            <div className="field">
              <label className="field-label" htmlFor="u-code">{lang === "en" ? "Unit code" : "Mã đơn vị"}</label>
              <input id="u-code" className="input input-mono" value={form.code} onChange={set("code")} maxLength={30} aria-describedby="u-code-hint" />
              <span id="u-code-hint" className="field-hint">{lang === "en" ? "Optional, e.g. the administrative code" : "Không bắt buộc, ví dụ mã đơn vị hành chính"}</span>
            </div>
            <div className="field">
              <label className="field-label" htmlFor="u-kind">{t("kind")}</label>
              <select id="u-kind" className="input select" value={kind} onChange={set("kind")}>
                {kinds.map((k) => <option key={k} value={k}>{UNIT_KIND_NAMES[k] ?? k}</option>)}
              </select>
            </div>
            <div className="field">
              <label className="field-label" htmlFor="u-parent">{t("parentUnit")}</label>
              <select id="u-parent" className="input select" value={parentId} onChange={set("parentId")}>
                <option value="">—</option>
                {rows.filter((u) => u.id !== form.id).map((u) => <option key={u.id} value={u.id}>{"\u00a0\u00a0".repeat(u.depth)}{u.name}</option>)}
              </select>
            </div>
            <div className="form-actions">
              {form.id && <button type="button" className="btn btn-ghost" onClick={() => setForm(EMPTY)}>{t("cancel")}</button>}
              <button type="submit" className="btn btn-primary" disabled={!name.trim()}>{t("save")}</button>
            </div>
          </form>
        </div>
      )}
    </div>
  );
}
