/**
 * A unit's report as its readers want it: the plan and the assignment, the due date (and whether it is
 * late), each indicator's target next to what the unit reported, the money spent, the narrative and the
 * files. The report's data also holds the engine's bookkeeping (`$…`, ids), which is not shown.
 */
import { formatVnd, showDate } from "../lib/format";
import { useI18n } from "../lib/i18n";
import { AttachmentLink } from "../forms/AttachmentControl";

type Indicator = { code: string; name: string; unitOfMeasure?: string; target?: number };
type Actual = { code: string; value: number };

const text = (v: unknown) => (typeof v === "string" && v.trim() ? v : null);
const list = <T,>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

export function ReportData({ data }: { data: Record<string, unknown> }) {
  const { t } = useI18n();
  const round = data.round && typeof data.round === "object" ? (data.round as { title?: string }) : null;
  const indicators = list<Indicator>(data.indicators);
  const actuals = list<Actual>(data.actuals);
  const files = list<string>(data.attachments).filter((f) => typeof f === "string");
  const reminders = list<string>(data.$reminders);
  const n = (v: number | undefined) => (v === undefined ? "—" : v.toLocaleString("vi-VN"));
  return (
    <div className="data-view">
      <dl className="pairs">
        <div className="pair pair-wide">
          <dt>{t("planLabel")}</dt>
          <dd>{text(data.planTitle) ?? "—"}</dd>
        </div>
        <div className="pair">
          <dt>{t("unit")}</dt>
          <dd>{text(data.unitName) ?? "—"}</dd>
        </div>
        {round?.title && (
          <div className="pair">
            <dt>{t("round")}</dt>
            <dd>{round.title}</dd>
          </div>
        )}
        <div className="pair">
          <dt>{t("reportDue")}</dt>
          <dd>
            {showDate(text(data.dueDate)) || "—"}
            {data.$late === true && (
              <>
                {" "}
                <span className="status-badge st-late">{t("lateSince", { date: showDate(text(data.$lateSince)) })}</span>
              </>
            )}
          </dd>
        </div>
        {reminders.length > 0 && (
          <div className="pair">
            <dt>{t("reminders")}</dt>
            <dd>{reminders.map(showDate).join(", ")}</dd>
          </div>
        )}
        {text(data.assignment) && (
          <div className="pair pair-wide">
            <dt>{t("assignment")}</dt>
            <dd>{text(data.assignment)}</dd>
          </div>
        )}
      </dl>
      {indicators.length > 0 && (
        <div className="table-wrap" tabIndex={0}>
          <table className="table table-compact">
            <thead>
              <tr>
                <th scope="col">{t("indicatorCode")}</th>
                <th scope="col">{t("indicator")}</th>
                <th scope="col">{t("unitOfMeasure")}</th>
                <th scope="col" className="num">{t("target")}</th>
                <th scope="col" className="num">{t("actual")}</th>
              </tr>
            </thead>
            <tbody>
              {indicators.map((i) => (
                <tr key={i.code}>
                  <td className="code">{i.code}</td>
                  <td>{i.name}</td>
                  <td>{i.unitOfMeasure ?? ""}</td>
                  <td className="num">{n(i.target)}</td>
                  <td className="num">{n(actuals.find((a) => a.code === i.code)?.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <dl className="pairs">
        <div className="pair">
          <dt>{t("spent")}</dt>
          <dd>{typeof data.spent === "number" ? formatVnd(data.spent) : "—"}</dd>
        </div>
        {text(data.narrative) && (
          <div className="pair pair-wide">
            <dt>{t("narrative")}</dt>
            <dd className="pre-line">{text(data.narrative)}</dd>
          </div>
        )}
        {files.length > 0 && (
          <div className="pair pair-wide">
            <dt>{t("reportFiles")}</dt>
            <dd>
              <ul className="value-list">
                {files.map((f) => (
                  <li key={f}>
                    <AttachmentLink id={f} />
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
      </dl>
    </div>
  );
}
