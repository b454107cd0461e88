/**
 * Admin: confirming that a user is disabled. It lists the open tasks only he can act on (the server
 * refuses to disable him unless the admin confirmed exactly those), and says that his sessions and API
 * keys end.
 */
import { useState } from "react";
import { Link } from "react-router";
import { ApiError, api } from "../lib/api";
import { useI18n } from "../lib/i18n";
import { useApi } from "../lib/use-api";
import { roleNames } from "../lib/words";
import { Dialog } from "../components/Dialog";
import { ErrorNotice, Loading, Notice } from "../components/Notice";

type SoleTask = { id: string; dossierId: string; dossierCode: string; dossierTitle: string; state: string; role: string; unitName: string | null; claimed: boolean };

export function DisableUserDialog({ user, onClose, onDone }: { user: { id: string; displayName: string }; onClose(): void; onDone(): void }) {
  const { lang, loc } = useI18n();
  const en = lang === "en";
  const sole = useApi<{ items: SoleTask[] }>(`/api/admin/users/${user.id}/sole-tasks`);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const tasks = sole.data?.items ?? [];

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await api("PATCH", `/api/admin/users/${user.id}`, { disabled: true, acknowledgedTasks: tasks.map((t) => t.id) });
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? (en && e.messageEn) || e.message : String(e));
      // New work may have arrived since the list was shown: show the list the server now sees.
      if (e instanceof ApiError && e.code === "USER_HAS_OPEN_TASKS") await sole.reload();
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog labelledBy="disable-title" onClose={onClose} className="dialog">
      <h2 id="disable-title">{en ? "Disable" : "Vô hiệu hóa"} {user.displayName}?</h2>
      <p>{en ? "The user is signed out everywhere and his API keys are revoked." : "Người dùng bị đăng xuất trên mọi thiết bị và các khóa API của người này bị thu hồi."}</p>
      <ErrorNotice error={sole.error} />
      {sole.loading && !sole.data && <Loading />}
      {sole.data && tasks.length > 0 && (
        <div className="notice notice-warning" role="note">
          <p>
            <strong>
              {en
                ? `He is the only official able to act on ${tasks.length} open task(s):`
                : `Người này là cán bộ duy nhất xử lý được ${tasks.length} công việc đang mở:`}
            </strong>
          </p>
          <ul className="sole-tasks">
            {tasks.map((t) => (
              <li key={t.id}>
                <Link to={`/dossiers/${t.dossierId}`}>{t.dossierCode}</Link> · {t.dossierTitle} — {loc(roleNames[t.role] ?? t.role)}
                {t.unitName ? `, ${t.unitName}` : ""}
                {t.claimed ? (en ? " (claimed by him)" : " (đang do người này nhận xử lý)") : ""}
              </li>
            ))}
          </ul>
          <p>{en ? "Give the role to someone else first, or confirm to leave these tasks waiting." : "Hãy giao vai trò cho người khác trước, hoặc xác nhận để các công việc này chờ người mới."}</p>
        </div>
      )}
      {error && <Notice kind="error">{error}</Notice>}
      <div className="form-actions">
        <button type="button" className="btn btn-ghost" onClick={onClose}>
          {en ? "Cancel" : "Hủy"}
        </button>
        <button type="button" className="btn btn-danger" disabled={busy || !sole.data} onClick={() => void confirm()}>
          {en ? "Disable" : "Vô hiệu hóa"}
        </button>
      </div>
    </Dialog>
  );
}
