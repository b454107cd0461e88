/** Admin: the organisation tree, and adding a unit under another. */
import { useState, type FormEvent } from "react";
import { ApiError, post } from "../lib/api";
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
};

export default function Units() {
  const { t, lang } = useI18n();
  const { data, error, loading, reload } = useApi<{ items: Unit[] }>("/api/admin/units");
  const [name, setName] = useState("");
  const [kind, setKind] = useState("office");
  const [parentId, setParentId] = useState("");
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const rows = treeOrder(data?.items ?? []);
  const kinds = [...new Set([...Object.keys(UNIT_KIND_NAMES), ...rows.map((r) => r.kind)])];

  async function add(e: FormEvent) {
    e.preventDefault();
    try {
      await post("/api/admin/units", { name: name.trim(), kind, parentId: parentId || null });
      setName("");
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
                  {u.code && <code className="muted small"> {u.code}</code>}
                </li>
              ))}
            </ul>
          </div>
          <form className="card stack" onSubmit={add}>
            <h2>+ {t("unit")}</h2>
            {message && <Notice kind={message.kind}>{message.text}</Notice>}
            <div className="field">
              <label className="field-label" htmlFor="u-name">{t("title")}</label>
              <input id="u-name" className="input" value={name} onChange={(e) => setName(e.target.value)} required />
            </div>
            <div className="field">
              <label className="field-label" htmlFor="u-kind">{t("kind")}</label>
              <select id="u-kind" className="input select" value={kind} onChange={(e) => setKind(e.target.value)}>
                {kinds.map((k) => <option key={k} value={k}>{UNIT_KIND_NAMES[k] ?? k}</option>)}
              </select>
            </div>
            <div className="field">
              <label className="field-label" htmlFor="u-parent">{t("parentUnit")}</label>
              <select id="u-parent" className="input select" value={parentId} onChange={(e) => setParentId(e.target.value)}>
                <option value="">—</option>
                {rows.map((u) => <option key={u.id} value={u.id}>{"\u00a0\u00a0".repeat(u.depth)}{u.name}</option>)}
              </select>
            </div>
            <button type="submit" className="btn btn-primary" disabled={!name.trim()}>{t("save")}</button>
          </form>
        </div>
      )}
    </div>
  );
}
