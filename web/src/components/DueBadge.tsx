/** A due date with its urgency: on time (green), due soon (amber, ≤ 3 days), overdue (red), paused (grey). */
import { showDate } from "../lib/format";
import { useI18n } from "../lib/i18n";

const SOON_DAYS = 3;

export type DueInfo = { due: string | null | undefined; daysLeft?: number | null; overdue?: boolean; paused?: boolean };

export function dueLevel(info: DueInfo): "overdue" | "soon" | "ok" | "paused" | null {
  // A paused clock has no date (it depends on when the supplement comes): it still shows, as paused.
  if (info.paused) return "paused";
  if (!info.due) return null;
  if (info.overdue || (info.daysLeft ?? 0) < 0) return "overdue";
  if (info.daysLeft != null && info.daysLeft <= SOON_DAYS) return "soon";
  return "ok";
}

export function DueBadge({ info, withDate = true }: { info: DueInfo; withDate?: boolean }) {
  const { t } = useI18n();
  const level = dueLevel(info);
  if (!level) return <span className="muted">—</span>;
  const days = info.daysLeft ?? null;
  const text =
    level === "paused"
      ? t("paused")
      : level === "overdue"
        ? days != null && days < 0
          ? t("daysOver", { n: -days })
          : t("overdue")
        : days === 0
          ? t("dueToday")
          : days != null
            ? t("daysLeft", { n: days })
            : t(level === "soon" ? "dueSoon" : "onTime");
  return (
    <span className="due">
      <span className={`badge badge-${level}`}>{text}</span>
      {withDate && info.due && <span className="due-date">{showDate(info.due)}</span>}
    </span>
  );
}
