/**
 * The actions a reader may take on a dossier now, each with its own form. Sending one passes the
 * version the page shows; if someone else acted first the server answers 409 `STALE_VERSION` and the
 * page reloads. Every other refusal shows the server's own message (already paid, fund insufficient…).
 * An action sent before on this dossier (a report sent back) reopens with what was sent last.
 */
import { useEffect, useMemo, useState, type ReactNode } from "react";
import { Link } from "react-router";
import { ApiError, post, type FieldProblem } from "../lib/api";
import { showDate } from "../lib/format";
import { useI18n } from "../lib/i18n";
import type { AvailableEvent, Dossier, HistoryEntry } from "../lib/types";
import { FormView } from "../forms/FormView";
import { withIndicatorRows } from "../forms/IndicatorRows";
import { useForm } from "../forms/use-form";
import { validateForm } from "../forms/validate";
import { Notice } from "./Notice";
import { ProblemList } from "./ProblemList";
import { PER_LINE_EVENTS } from "../pages/FundRequestPanel";

const HIDDEN = new Set(["COMMENT", "SAVE_DRAFT"]);
const tone = (type: string) => (/REJECT|WITHDRAW|CANCEL/.test(type) ? "btn-danger" : /APPROVE|SUBMIT|RESUBMIT|PROPOSE|ACCEPT|PAY/.test(type) ? "btn-primary" : "btn-secondary");

/** The last time this event was sent on the dossier with the same form and some data: its entry. */
export function lastSent(history: HistoryEntry[], event: AvailableEvent): HistoryEntry | null {
  if (!event.form) return null;
  for (let i = history.length - 1; i >= 0; i--) {
    const h = history[i]!;
    if (h.type === event.type && h.form?.key === event.form && h.data && Object.keys(h.data).length) return h;
  }
  return null;
}

/** The values of `sent` the form has fields for (engine bookkeeping and stale keys left out). */
function prefillFrom(sent: Record<string, unknown>, schema: { properties?: Record<string, unknown> } | undefined): Record<string, unknown> {
  const fields = new Set(Object.keys(schema?.properties ?? {}));
  return Object.fromEntries(Object.entries(sent).filter(([k]) => fields.has(k) && !k.startsWith("$")));
}

function ActionForm({ dossier, event, lead, onDone, onCancel, onStale }: { dossier: Dossier; event: AvailableEvent; lead?: ReactNode; onDone(d: Dossier): void; onCancel(): void; onStale(): void }) {
  const { t, loc, lang } = useI18n();
  const { form, loading, error } = useForm(event.form);
  const [data, setData] = useState<Record<string, unknown>>({});
  const previous = useMemo(() => lastSent(dossier.history, event), [dossier.history, event]);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The same object across renders: JSON Forms re-applies its data whenever a prop changes.
  const config = useMemo(() => ({ indicators: dossier.data.indicators }), [dossier.data.indicators]);
  // What was sent last time comes back (a report sent back keeps its figures); a report's actuals
  // start as one row per indicator of its plan.
  useEffect(() => {
    if (!form) return;
    const before = previous?.data ? prefillFrom(previous.data, form.schema) : {};
    setData((d) => withIndicatorRows(form.uischema, { ...before, ...d }, dossier.data.indicators));
  }, [form, previous, dossier.data.indicators]);

  async function send() {
    setMessage(null);
    if (form) {
      const local = validateForm(form, data);
      setProblems(local);
      if (local.length) return;
    }
    if (/WITHDRAW/.test(event.type) && !window.confirm(t("withdrawConfirm"))) return;
    setBusy(true);
    try {
      const next = await post<Dossier>(`/api/instances/${dossier.id}/events`, { type: event.type, data: form ? data : undefined, expectedVersion: dossier.version });
      onDone(next);
    } catch (e) {
      // Only a stale version reloads the page; every other refusal (already paid, fund insufficient…) says its own reason.
      if (e instanceof ApiError && e.code === "STALE_VERSION") return onStale();
      if (e instanceof ApiError) {
        // Field errors are the form's to show; any other refusal's fields name the dossier, not this form.
        setProblems(e.code === "VALIDATION_FAILED" ? e.fields : []);
        setMessage((lang === "en" && e.messageEn) || e.message);
      } else setMessage(String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="action-form" role="region" aria-label={loc(event.title) || event.type}>
      <h3>{loc(event.title) || event.type}</h3>
      {lead}
      {previous && form && <Notice kind="info">{t("prefilledReport", { date: showDate(previous.at) })}</Notice>}
      {loading && <p className="muted">{t("loading")}</p>}
      {error && <Notice kind="warning">{error.status === 404 ? t("formMissing") : error.message}</Notice>}
      {message && problems.length === 0 && <Notice kind="error">{message}</Notice>}
      <ProblemList problems={problems} schema={form?.schema} />
      {form && <FormView form={form} data={data} onChange={setData} problems={problems} config={config} />}
      <div className="form-actions">
        <button type="button" className="btn btn-ghost" onClick={onCancel} disabled={busy}>
          {t("cancel")}
        </button>
        <button type="button" className={`btn ${tone(event.type)}`} onClick={() => void send()} disabled={busy || (!!event.form && !form)}>
          {busy ? t("submitting") : t("confirm")}
        </button>
      </div>
    </div>
  );
}

export function ActionPanel({
  dossier,
  isStarter,
  onChanged,
  onStale,
  open: openAs,
  onOpen,
  leads = {},
  offeredElsewhere = [],
}: {
  dossier: Dossier;
  isStarter: boolean;
  onChanged(d: Dossier): void;
  onStale(): void;
  /** The open action, when the page controls it (the supplement card opens the answer). */
  open?: string | null;
  onOpen?(type: string | null): void;
  /** What a form shows above its fields, per event (the answer repeats what was asked). */
  leads?: Record<string, ReactNode>;
  /** Events whose button the page shows elsewhere (the supplement card's answer): no second button here. */
  offeredElsewhere?: string[];
}) {
  const { t, loc, lang } = useI18n();
  const [openHere, setOpenHere] = useState<string | null>(null);
  const open = openAs !== undefined ? openAs : openHere;
  const setOpen = (type: string | null) => (onOpen ? onOpen(type) : setOpenHere(type));
  // A fund request's per-line actions live on its fund screen, one button per beneficiary (no line id typed).
  const fundLines = dossier.workflow === "fund-disbursement";
  const perLine = fundLines && !isStarter && dossier.availableEvents.some((e) => PER_LINE_EVENTS.has(e.type));
  const all = dossier.availableEvents.filter((e) => !HIDDEN.has(e.type) && !(fundLines && PER_LINE_EVENTS.has(e.type)));
  const events = all.filter((e) => !offeredElsewhere.includes(e.type));
  const editable = isStarter && dossier.status !== "done" && dossier.state === "draft";
  const current = all.find((e) => e.type === open);
  return (
    <section className="card" aria-labelledby="actions-title" id="actions">
      <h2 id="actions-title">{t("availableActions")}</h2>
      {editable && (
        <p>
          <Link className="btn btn-secondary btn-block" to={`/dossiers/${dossier.id}/edit`}>
            ✎ {t("saveDraft")} / {t("submit")}
          </Link>
        </p>
      )}
      {perLine && (
        <p>
          <Link className="btn btn-primary btn-block" to={`/fund-desk?request=${dossier.id}`}>
            {lang === "en" ? "Check and pay each beneficiary" : "Đối chiếu, xác nhận và chi trả từng đối tượng"}
          </Link>
        </p>
      )}
      {all.length === 0 && !editable && !perLine && <p className="muted">{t("noActions")}</p>}
      {!current && (
        <div className="action-buttons">
          {events.map((e) => (
            <button key={e.type} type="button" className={`btn ${tone(e.type)} btn-block`} onClick={() => setOpen(e.type)}>
              {loc(e.title) || e.type}
            </button>
          ))}
        </div>
      )}
      {current && (
        <ActionForm
          key={current.type}
          dossier={dossier}
          event={current}
          lead={leads[current.type]}
          onCancel={() => setOpen(null)}
          onStale={() => {
            setOpen(null);
            onStale();
          }}
          onDone={(d) => {
            setOpen(null);
            onChanged(d);
          }}
        />
      )}
    </section>
  );
}
