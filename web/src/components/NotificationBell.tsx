/**
 * The bell in the top bar: a link to the notifications page with the unread count. Asked again on
 * every page change, so reading them (or a new step) shows without reloading the whole app.
 */
import { useEffect, useState } from "react";
import { NavLink, useLocation } from "react-router";
import { get } from "../lib/api";
import { useI18n } from "../lib/i18n";
import type { NotificationPage } from "../lib/types";

/** Another component (the notifications page) tells the bell that the count changed. */
export const UNREAD_CHANGED = "hoso:unread-changed";

export function NotificationBell() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const [unread, setUnread] = useState(0);

  useEffect(() => {
    let live = true;
    const load = () =>
      get<NotificationPage>("/api/notifications?unread=1&pageSize=1")
        .then((page) => live && setUnread(page.unread))
        // The bell is a convenience: if its count cannot be read, it just shows none.
        .catch(() => undefined);
    void load();
    window.addEventListener(UNREAD_CHANGED, load);
    return () => {
      live = false;
      window.removeEventListener(UNREAD_CHANGED, load);
    };
  }, [pathname]);

  const label = unread > 0 ? t("notificationsUnread", { n: unread }) : t("notifications");
  return (
    <NavLink to="/notifications" className={({ isActive }) => `bell${isActive ? " active" : ""}`} aria-label={label} title={label}>
      <svg className="bell-icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      {unread > 0 && (
        <span className="bell-count" aria-hidden="true">
          {unread > 99 ? "99+" : unread}
        </span>
      )}
    </NavLink>
  );
}
