/** Where a unit's report stands, as a coloured badge, with a red "late" badge next to it when late. */
import { useI18n } from "../lib/i18n";
import type { PlanTracking } from "../lib/types";
import type { Words } from "../lib/words";

/** The words and colour of a report's status. */
const REPORT_STATUS: Record<PlanTracking["units"][number]["status"] | "missing", keyof Words> = {
  accepted: "accepted",
  review: "underReview",
  sentBack: "sentBack",
  pending: "notReported",
  notStarted: "notReported",
  missing: "notReported",
};

export function ReportStatus({ status, late }: { status: keyof typeof REPORT_STATUS; late: boolean }) {
  const { t } = useI18n();
  return (
    <span className="nowrap">
      <span className={`status-badge st-${status}`}>{t(REPORT_STATUS[status])}</span>
      {late && <span className="status-badge st-late">{t("late")}</span>}
    </span>
  );
}
