/**
 * Admin: the organisation tree, adding a unit under another, editing one (name, code, kind, parent), and
 * retiring one (after a confirmation; the server says what still hangs on it) or bringing it back.
 */
import { useRef, useState, type FormEvent } from "react";
import { api, ApiError, post } from "../lib/api";
import { formatDateVi, parseDateVi } from "../lib/format";
import { useI18n } from "../lib/i18n";
import { useApi } from "../lib/use-api";
import type { Unit } from "../lib/types";
import { ErrorNotice, isMissing, Loading, Notice, PageHeader } from "../components/Notice";
import { treeOrder } from "../forms/units";
import { Dialog } from "../components/Dialog";

/** Confirms retiring a unit; a refusal (work still on it) is shown in the dialog, which stays open. */
function RetireDialog({ unit, onClose, onDone }: { unit: Unit; onClose(): void; onDone(): void }) {
  const { lang } = useI18n();
  const en = lang === "en";
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function retire() {
    setBusy(true);
    try {
      await post(`/api/admin/units/${unit.id}/retire`, {});
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? (en && e.messageEn) || e.message : String(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Dialog labelledBy="retire-title" onClose={onClose} className="dialog">
      <h2 id="retire-title">{en ? `Retire ${unit.name}?` : `Cho ${unit.name} ngừng hoạt động?`}</h2>
      <p>
        {en
          ? "The unit stays in the history but is no longer offered for new dossiers or roles. It must have no active sub-unit, dossier in progress, open task or active user's role."
          : "Đơn vị vẫn được lưu trong lịch sử nhưng không còn được chọn cho hồ sơ hay vai trò mới. Đơn vị không được còn đơn vị trực thuộc đang hoạt động, hồ sơ đang xử lý, công việc đang mở hay vai trò của người dùng đang hoạt động."}
      </p>
      {error && <Notice kind="error">{error}</Notice>}
      <div className="form-actions">
        <button type="button" className="btn btn-ghost" onClick={onClose}>{en ? "Cancel" : "Hủy"}</button>
        <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void retire()}>{en ? "Retire" : "Ngừng hoạt động"}</button>
      </div>
    </Dialog>
  );
}

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
  party: "Tổ chức Đảng",
};

const EMPTY = { id: "", name: "", code: "", kind: "office", parentId: "", termFrom: "" };

export default function Units() {
  const { t, lang } = useI18n();
  const { data, error, loading, reload } = useApi<{ items: Unit[] }>("/api/admin/units");
  // `id` empty: a new unit; otherwise the unit being edited (the server checks the admin's scope either way).
  const [form, setForm] = useState(EMPTY);
  const { name, kind, parentId } = form;
  const formRef = useRef<HTMLFormElement>(null);
  function edit(u: Unit) {
    setMessage(null);
    setForm({ id: u.id, name: u.name, code: u.code ?? "", kind: u.kind, parentId: u.parentId ?? "", termFrom: u.termFrom ? formatDateVi(u.termFrom) : "" });
    // On a phone the form is below the whole tree: bring it to the reader and put him in its first field.
    formRef.current?.scrollIntoView({ block: "start" });
    formRef.current?.querySelector("input")?.focus({ preventScroll: true });
  }
  const set = (k: keyof typeof EMPTY) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const [retiring, setRetiring] = useState<Unit | null>(null);
  async function reinstate(u: Unit) {
    try {
      await post(`/api/admin/units/${u.id}/reinstate`, {});
      setMessage({ kind: "success", text: lang === "en" ? `${u.name} is active again` : `${u.name} đã hoạt động lại` });
      await reload();
    } catch (err) {
      setMessage({ kind: "error", text: err instanceof ApiError ? (lang === "en" && err.messageEn) || err.message : String(err) });
    }
  }
  const rows = treeOrder(data?.items ?? []);
  const kinds = [...new Set([...Object.keys(UNIT_KIND_NAMES), ...rows.map((r) => r.kind)])];

  async function add(e: FormEvent) {
    e.preventDefault();
    try {
      // A Party body's term start, typed dd/mm/yyyy; text that is not a date goes as typed and the server names it.
      const termFrom = kind === "party" && form.termFrom.trim() ? (parseDateVi(form.termFrom.trim()) ?? form.termFrom.trim()) : null;
      const body = { name: name.trim(), kind, parentId: parentId || null, code: form.code.trim() || null, termFrom };
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
                <li key={u.id} style={{ paddingLeft: `${u.depth * 1.25}rem` }} className={u.retiredAt ? "tree-retired" : undefined}>
                  <span className="tree-name">{u.name}</span> <span className="tag">{UNIT_KIND_NAMES[u.kind] ?? u.kind}</span>
                  {u.code && <code className="muted small"> {u.code}</code>}{" "}
                  {u.retiredAt ? (
                    <>
                      <span className="tag">{lang === "en" ? "retired" : "đã ngừng hoạt động"}</span>{" "}
                      <button type="button" className="btn btn-link btn-sm" aria-label={`${lang === "en" ? "Reinstate" : "Cho hoạt động lại"} ${u.name}`} onClick={() => void reinstate(u)}>
                        {lang === "en" ? "Reinstate" : "Cho hoạt động lại"}
                      </button>
                    </>
                  ) : (
                    <span className="tree-actions">
                      <button type="button" className="btn btn-link btn-sm" aria-label={`${lang === "en" ? "Edit" : "Sửa"} ${u.name}`} onClick={() => edit(u)}>
                        {lang === "en" ? "Edit" : "Sửa"}
                      </button>
                      <button type="button" className="btn btn-link btn-sm" aria-label={`${lang === "en" ? "Retire" : "Ngừng hoạt động"} ${u.name}`} onClick={() => { setMessage(null); setRetiring(u); }}>
                        {lang === "en" ? "Retire" : "Ngừng hoạt động"}
                      </button>
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </div>
          {retiring && (
            <RetireDialog
              unit={retiring}
              onClose={() => setRetiring(null)}
              onDone={() => {
                setMessage({ kind: "success", text: lang === "en" ? `${retiring.name} is retired` : `${retiring.name} đã ngừng hoạt động` });
                setRetiring(null);
                void reload();
              }}
            />
          )}
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
            {kind === "party" && (
              <div className="field">
                <label className="field-label" htmlFor="u-term">{lang === "en" ? "Current term began on" : "Nhiệm kỳ hiện tại bắt đầu từ ngày"}</label>
                <input id="u-term" className="input" value={form.termFrom} onChange={set("termFrom")} placeholder="dd/mm/yyyy" inputMode="numeric" aria-describedby="u-term-hint" />
                <span id="u-term-hint" className="field-hint">{lang === "en" ? "Party documents are numbered per term" : "Văn bản của Đảng được đánh số theo nhiệm kỳ"}</span>
              </div>
            )}
            <div className="field">
              <label className="field-label" htmlFor="u-parent">{t("parentUnit")}</label>
              <select id="u-parent" className="input select" value={parentId} onChange={set("parentId")}>
                <option value="">—</option>
                {rows.filter((u) => u.id !== form.id && !u.retiredAt).map((u) => <option key={u.id} value={u.id}>{"\u00a0\u00a0".repeat(u.depth)}{u.name}</option>)}
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
