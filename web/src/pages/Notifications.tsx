/**
 * The signed-in person's notifications (new tasks, reminders, escalations, finished dossiers): unread
 * first, newest first; each opens its dossier and can be marked read, or all at once.
 */
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { ApiError, post, query } from "../lib/api";
import { showDateTime } from "../lib/format";
import { useI18n } from "../lib/i18n";
import { useApi } from "../lib/use-api";
import type { AppNotification, NotificationPage } from "../lib/types";
import { UNREAD_CHANGED } from "../components/NotificationBell";
import { ErrorNotice, Loading, Notice, PageHeader } from "../components/Notice";
import { Pager } from "../components/Pager";

export default function Notifications() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get("unread") === "1";
  const page = Number(params.get("page") ?? 1);
  const list = useApi<NotificationPage>(`/api/notifications${query({ unread: unreadOnly ? "1" : undefined, page, pageSize: 20 })}`);
  const [error, setError] = useState<string | null>(null);

  const changed = async () => {
    await list.reload();
    window.dispatchEvent(new Event(UNREAD_CHANGED));
  };
  const send = async (path: string) => {
    setError(null);
    try {
      await post(path);
    } catch (e) {
      setError(e instanceof ApiError ? (lang === "en" && e.messageEn) || e.message : String(e));
    }
    await changed();
  };
  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) (v ? next.set(k, v) : next.delete(k));
    if (!("page" in changes)) next.delete("page");
    setParams(next);
  };

  const items = list.data?.items ?? [];
  const unread = list.data?.unread ?? 0;
  return (
    <div className="notifications-page">
      <PageHeader
        title={t("notificationsTitle")}
        subtitle={list.data ? t("unreadLine", { n: unread }) : undefined}
        actions={
          unread > 0 ? (
            <button type="button" className="btn btn-secondary" onClick={() => void send("/api/notifications/read-all")}>
              {t("markAllRead")}
            </button>
          ) : undefined
        }
      />
      <label className="check notifications-filter">
        <input type="checkbox" checked={unreadOnly} onChange={(e) => set({ unread: e.target.checked ? "1" : null })} /> {t("unreadOnly")}
      </label>
      {error && <Notice kind="error">{error}</Notice>}
      <ErrorNotice error={list.error} />
      {list.loading && !list.data && <Loading />}
      {list.data && items.length === 0 && (
        <div className="empty">
          <p className="empty-title">{t("notificationsEmpty")}</p>
          <p className="muted">{t("notificationsEmptyHint")}</p>
        </div>
      )}
      {items.length > 0 && (
        <ul className="notification-list card">
          {items.map((n) => (
            <NotificationItem key={n.id} n={n} onRead={() => void send(`/api/notifications/${n.id}/read`)} />
          ))}
        </ul>
      )}
      {list.data && <Pager page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={(p) => set({ page: String(p) })} />}
    </div>
  );
}

function NotificationItem({ n, onRead }: { n: AppNotification; onRead(): void }) {
  const { t } = useI18n();
  const unread = n.readAt === null;
  return (
    <li className={`notification${unread ? " is-unread" : ""}`}>
      <div className="notification-main">
        <p className="notification-title">
          {unread && <span className="badge badge-unread">{t("unreadLabel")}</span>} <strong>{n.title}</strong>
        </p>
        <p className="notification-body">{n.body}</p>
        <p className="muted small">
          <time dateTime={n.createdAt}>{showDateTime(n.createdAt)}</time>
        </p>
      </div>
      <div className="notification-actions">
        {n.instanceId && (
          <Link className="btn btn-secondary btn-sm" to={`/dossiers/${n.instanceId}`} onClick={() => unread && onRead()}>
            {t("openDossier")}
          </Link>
        )}
        {unread && (
          <button type="button" className="btn btn-ghost btn-sm" onClick={onRead}>
            {t("markRead")}
          </button>
        )}
      </div>
    </li>
  );
}
