/** Admin: accounts (create, rename, disable and enable), and the roles each holds in which unit (grant and revoke). */
import { useState, type FormEvent } from "react";
import { ApiError, api, post } from "../lib/api";
import { useI18n } from "../lib/i18n";
import { useApi } from "../lib/use-api";
import type { Unit } from "../lib/types";
import { roleNames } from "../lib/words";
import { ErrorNotice, isMissing, Loading, Notice, PageHeader } from "../components/Notice";
import { treeOrder } from "../forms/units";
import { DisableUserDialog } from "./DisableUserDialog";

type User = { id: string; username: string; displayName: string; disabled?: boolean };
type GrantRow = { id: string; userId: string; role: string; unitId: string; unitName?: string; position?: string | null };

/** One user's panel: his name, whether he may sign in, and his roles. */
function UserPanel({ user, units, onChanged }: { user: User; units: Unit[]; onChanged(): Promise<void> }) {
  const { lang, t } = useI18n();
  const en = lang === "en";
  const [name, setName] = useState(user.displayName);
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const [disabling, setDisabling] = useState(false);
  const fail = (e: unknown) => setMessage({ kind: "error", text: e instanceof ApiError ? (en && e.messageEn) || e.message : String(e) });

  async function rename(e: FormEvent) {
    e.preventDefault();
    try {
      await api("PATCH", `/api/admin/users/${user.id}`, { displayName: name.trim() });
      setMessage({ kind: "success", text: t("saved") });
      await onChanged();
    } catch (err) {
      fail(err);
    }
  }
  async function enable() {
    try {
      await api("PATCH", `/api/admin/users/${user.id}`, { disabled: false });
      setMessage({ kind: "success", text: en ? "Enabled" : "Đã cho hoạt động lại" });
      await onChanged();
    } catch (err) {
      fail(err);
    }
  }
  return (
    <div className="user-panel">
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      <form className="inline-form" onSubmit={rename}>
        <label className="field-label" htmlFor={`name-${user.id}`}>{t("displayName")}</label>
        <input id={`name-${user.id}`} className="input" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
        <button type="submit" className="btn btn-secondary btn-sm" disabled={!name.trim() || name.trim() === user.displayName}>{t("save")}</button>
      </form>
      <p className="user-status">
        {user.disabled ? (en ? "Disabled: cannot sign in." : "Đã vô hiệu hóa: không đăng nhập được.") : en ? "Active." : "Đang hoạt động."}{" "}
        {user.disabled ? (
          <button type="button" className="btn btn-secondary btn-sm" onClick={() => void enable()}>{en ? "Enable again" : "Cho hoạt động lại"}</button>
        ) : (
          <button type="button" className="btn btn-ghost btn-sm danger" onClick={() => setDisabling(true)}>{en ? "Disable…" : "Vô hiệu hóa…"}</button>
        )}
      </p>
      {disabling && (
        <DisableUserDialog
          user={user}
          onClose={() => setDisabling(false)}
          onDone={() => {
            setDisabling(false);
            setMessage({ kind: "success", text: en ? "Disabled" : "Đã vô hiệu hóa" });
            void onChanged();
          }}
        />
      )}
      <h3 className="field-label">{en ? "Roles" : "Vai trò"}</h3>
      <UserGrants user={user} units={units} />
    </div>
  );
}

function UserGrants({ user, units }: { user: User; units: Unit[] }) {
  const { t, loc, lang } = useI18n();
  const grants = useApi<{ items: GrantRow[] }>(`/api/admin/grants?userId=${user.id}`);
  const [role, setRole] = useState("specialist");
  const [unitId, setUnitId] = useState("");
  // His title in the unit ("Giám đốc", "Phó Chủ tịch"): printed in the signature block of what he signs.
  const [position, setPosition] = useState("");
  const [error, setError] = useState<string | null>(null);
  const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? id;
  const tree = treeOrder(units);
  const fail = (e: unknown) => setError(e instanceof ApiError ? (lang === "en" && e.messageEn) || e.message : String(e));

  async function grant(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await post("/api/admin/grants", { userId: user.id, role, unitId, ...(position.trim() ? { position: position.trim() } : {}) });
      setPosition("");
      await grants.reload();
    } catch (err) {
      fail(err);
    }
  }
  return (
    <div className="grants">
      {error && <Notice kind="error">{error}</Notice>}
      <ul className="grant-list">
        {(grants.data?.items ?? []).map((g) => (
          <li key={g.id}>
            <span className="tag">{loc(roleNames[g.role] ?? g.role)}</span> {g.position ? `${g.position}, ` : ""}{g.unitName ?? unitName(g.unitId)}
            <button
              type="button"
              className="btn btn-ghost btn-sm danger"
              aria-label={`${t("remove")} ${g.role}`}
              onClick={async () => {
                try {
                  await api("DELETE", `/api/admin/grants/${g.id}`);
                  await grants.reload();
                } catch (err) {
                  fail(err);
                }
              }}
            >
              {t("remove")}
            </button>
          </li>
        ))}
      </ul>
      <form className="inline-form" onSubmit={grant}>
        <label className="sr-only" htmlFor={`role-${user.id}`}>{t("role")}</label>
        <select id={`role-${user.id}`} className="input select" value={role} onChange={(e) => setRole(e.target.value)}>
          {Object.keys(roleNames).map((r) => <option key={r} value={r}>{loc(roleNames[r]!)}</option>)}
        </select>
        <label className="sr-only" htmlFor={`unit-${user.id}`}>{t("unit")}</label>
        <select id={`unit-${user.id}`} className="input select" value={unitId} onChange={(e) => setUnitId(e.target.value)}>
          <option value="">{t("choose")}</option>
          {tree.map((u) => <option key={u.id} value={u.id}>{"\u00a0\u00a0".repeat(u.depth)}{u.name}</option>)}
        </select>
        <label className="sr-only" htmlFor={`position-${user.id}`}>{lang === "en" ? "Position (printed where he signs)" : "Chức vụ (in ở phần ký văn bản)"}</label>
        <input id={`position-${user.id}`} className="input" value={position} onChange={(e) => setPosition(e.target.value)} maxLength={100} placeholder={lang === "en" ? "Position, e.g. Giám đốc" : "Chức vụ, ví dụ Giám đốc"} />
        <button type="submit" className="btn btn-secondary btn-sm" disabled={!unitId}>{t("addGrant")}</button>
      </form>
    </div>
  );
}

export default function Users() {
  const { t, lang } = useI18n();
  const [q, setQ] = useState("");
  const users = useApi<{ items: User[] }>(`/api/admin/users${q ? `?q=${encodeURIComponent(q)}` : ""}`);
  const units = useApi<{ items: Unit[] }>("/api/admin/units");
  const [open, setOpen] = useState<string | null>(null);
  const [form, setForm] = useState({ username: "", displayName: "", password: "" });
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string } | null>(null);

  async function create(e: FormEvent) {
    e.preventDefault();
    try {
      await post("/api/admin/users", form);
      setForm({ username: "", displayName: "", password: "" });
      setMessage({ kind: "success", text: t("saved") });
      await users.reload();
    } catch (err) {
      setMessage({ kind: "error", text: err instanceof ApiError ? (lang === "en" && err.messageEn) || err.message : String(err) });
    }
  }

  return (
    <div>
      <PageHeader title={t("usersAdmin")} />
      {isMissing(users.error) ? <Notice kind="warning">{t("unavailable")}</Notice> : <ErrorNotice error={users.error} />}
      {users.loading && !users.data && <Loading />}
      {users.data && (
        <div className="two-col">
          <div className="card">
            <input className="input" aria-label={t("search")} placeholder={t("search")} value={q} onChange={(e) => setQ(e.target.value)} />
            <ul className="user-list">
              {users.data.items.map((u) => (
                <li key={u.id}>
                  <button type="button" className="user-row" aria-expanded={open === u.id} onClick={() => setOpen(open === u.id ? null : u.id)}>
                    <strong>{u.displayName}</strong> <code className="muted">{u.username}</code>
                    {u.disabled && <span className="tag">{lang === "en" ? "disabled" : "đã vô hiệu hóa"}</span>}
                  </button>
                  {open === u.id && <UserPanel key={u.id} user={u} units={(units.data?.items ?? []).filter((x) => !x.retiredAt)} onChanged={users.reload} />}
                </li>
              ))}
            </ul>
          </div>
          <form className="card stack" onSubmit={create}>
            <h2>+ {t("usersAdmin")}</h2>
            {message && <Notice kind={message.kind}>{message.text}</Notice>}
            <div className="field">
              <label className="field-label" htmlFor="n-user">{t("username")}</label>
              <input id="n-user" className="input" autoComplete="off" value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} />
            </div>
            <div className="field">
              <label className="field-label" htmlFor="n-name">{t("displayName")}</label>
              <input id="n-name" className="input" value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} />
            </div>
            <div className="field">
              <label className="field-label" htmlFor="n-pass">{t("password")}</label>
              <input id="n-pass" type="password" className="input" autoComplete="new-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />
            </div>
            <button type="submit" className="btn btn-primary" disabled={!form.username || !form.displayName || form.password.length < 8}>{t("save")}</button>
          </form>
        </div>
      )}
    </div>
  );
}
