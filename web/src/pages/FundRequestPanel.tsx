/**
 * One fund request on one screen (issue 19, item 6): each beneficiary's line with name, place, amount,
 * what it matched (the earlier payment or list named), and the actions on that line — clear the flag
 * with a reason, take the line off, record its payment. The line id is never typed: each button sends
 * its own line's id with the dossier's version, as the action panel does.
 */
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { ErrorNotice, Notice } from "../components/Notice";
import { ApiError, post } from "../lib/api";
import { formatVnd, showDate } from "../lib/format";
import { useI18n } from "../lib/i18n";
import type { Dossier } from "../lib/types";
import { useApi } from "../lib/use-api";
import "./fund-request.css";

type Match = { source: string; dossierCode?: string; lineId?: string; amount?: number; programme?: string; period?: string; paidOn?: string | null; by: string };
type Line = { lineId: string; fullName: string; birthYear: number; unitName: string | null; category: string; amount: number; approvedAmount: number | null; payment: { paidOn: string; receiptNumber: string; method: string } | null };
type Entry = { id: string; lineId: string | null; delta: number; receiptNumber: string | null; entryDate: string };
export type FundRequest = { id: string; code: string; lines: Line[]; screening: { lineId: string; matches: Match[]; cleared: { reason: string } | null }[]; entries: Entry[] };

/** The per-line events: sent from this screen, never from a form where the line id is typed. */
export const PER_LINE_EVENTS = new Set(["CLEAR_FLAG", "REMOVE_LINE", "PAY"]);

type Open = { lineId: string; type: "CLEAR_FLAG" | "REMOVE_LINE" | "PAY" } | null;

export function FundRequestPanel({ id, onChange }: { id: string; onChange?(): void }) {
  const { lang } = useI18n();
  const L = (vi: string, en: string) => (lang === "en" ? en : vi);
  const request = useApi<FundRequest>(`/api/funds/requests/${id}`);
  const dossier = useApi<Dossier>(`/api/instances/${id}`);
  const [open, setOpen] = useState<Open>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const r = request.data;
  const d = dossier.data;
  const can = new Set(d?.availableEvents.map((e) => e.type) ?? []);
  const nameOf = (lineId: string | undefined) => r?.lines.find((l) => l.lineId === lineId)?.fullName ?? lineId ?? "";

  const describe = (m: Match) => {
    if (m.source === "programme") return `${L("Có trong danh sách", "On the list")} ${m.programme} (${m.period})`;
    if (m.source === "sameRequest") return `${L("Trùng người với", "Same person as")} ${nameOf(m.lineId)} ${L("trong đề nghị này", "in this request")}`;
    if (m.source === "split") return `${L("Chia nhỏ dưới ngưỡng hai lãnh đạo — đề nghị", "Split under the two-leader threshold — request")} ${m.dossierCode} (${formatVnd(m.amount ?? 0)})`;
    const what = m.source === "payout" ? L("Đã được chi", "Already paid") : L("Đã được duyệt, chưa chi", "Approved, not yet paid");
    return `${what} ${m.amount != null ? formatVnd(m.amount) : ""} — ${L("hồ sơ", "dossier")} ${m.dossierCode}${m.paidOn ? ` ${L("ngày", "on")} ${showDate(m.paidOn)}` : ""}`;
  };

  async function send(type: string, data: Record<string, unknown>) {
    if (!d || busy) return;
    setBusy(true);
    setError(null);
    try {
      await post(`/api/instances/${id}/events`, { type, data, expectedVersion: d.version });
      setOpen(null);
      onChange?.();
    } catch (e) {
      setError(e instanceof ApiError ? e : null);
    } finally {
      setBusy(false);
      await Promise.all([request.reload(), dossier.reload()]);
    }
  }

  const paidEntry = (lineId: string) => r?.entries.find((e) => e.lineId === lineId && e.delta < 0);
  return (
    <section className="card" aria-labelledby="fund-request-title">
      <h2 id="fund-request-title">
        {L("Đề nghị", "Request")} {r?.code}
      </h2>
      {r && <p className="muted">
        <Link to={`/dossiers/${id}`}>{L("Mở hồ sơ đề nghị", "Open the request's dossier")}</Link>
        {" · "}{L("Tổng đề nghị", "Total asked")}: <span className="nowrap">{formatVnd(r.lines.reduce((s, l) => s + l.amount, 0))}</span>
      </p>}
      <ErrorNotice error={request.error ?? dossier.error} />
      <ErrorNotice error={error} />
      {r && r.lines.length === 0 && <Notice>{L("Đề nghị chưa có đối tượng nào.", "The request has no beneficiary yet.")}</Notice>}
      {r && (
        <ol className="fund-lines" aria-label={L("Đối tượng đề nghị hỗ trợ", "Beneficiaries")}>
          {r.lines.map((line) => {
            const screen = r.screening.find((s) => s.lineId === line.lineId);
            const flagged = !!screen && screen.matches.length > 0 && !screen.cleared;
            const paid = line.payment ?? null;
            const entry = paidEntry(line.lineId);
            const payable = can.has("PAY") && !paid && (line.approvedAmount ?? 0) > 0;
            const here = open?.lineId === line.lineId ? open.type : null;
            return (
              <li key={line.lineId} className="fund-line" aria-label={line.fullName}>
                <div className="fund-line-head">
                  <span className="fund-line-name">{line.fullName}</span>
                  <span className="fund-line-amount">
                    {line.approvedAmount != null && line.approvedAmount !== line.amount ? (
                      <><s className="muted">{formatVnd(line.amount)}</s> {formatVnd(line.approvedAmount)}</>
                    ) : formatVnd(line.approvedAmount ?? line.amount)}
                  </span>
                </div>
                <div className="small muted">
                  {L("Sinh năm", "Born")} {line.birthYear}{line.unitName ? ` · ${line.unitName}` : ""} · {line.category}
                </div>
                {screen && screen.matches.length > 0 && (
                  <ul className="fund-line-flags" aria-label={L("Dấu hiệu hưởng trùng", "Double-benefit flags")}>
                    {screen.matches.map((m, i) => <li key={i}>{describe(m)}</li>)}
                  </ul>
                )}
                <p className="small">
                  {flagged && <span className="badge badge-overdue">{L("Nghi hưởng trùng — chưa xác nhận", "Flagged — not cleared")}</span>}
                  {screen?.cleared && <span className="badge badge-ok">{L("Đã xác nhận", "Cleared")}: {screen.cleared.reason}</span>}
                  {paid && <span className="badge badge-ok">{L("Đã chi", "Paid")} {showDate(paid.paidOn)} · {L("phiếu", "voucher")} {paid.receiptNumber}{entry ? ` · ${formatVnd(-entry.delta)}` : ""}</span>}
                  {!paid && line.approvedAmount === 0 && <span className="badge">{L("Không được duyệt", "Not approved")}</span>}
                </p>
                {!here && (
                  <div className="fund-line-actions">
                    {flagged && can.has("CLEAR_FLAG") && <button type="button" className="btn btn-secondary btn-sm" onClick={() => setOpen({ lineId: line.lineId, type: "CLEAR_FLAG" })}>{L("Xác nhận không hưởng trùng", "Clear the flag")}</button>}
                    {can.has("REMOVE_LINE") && <button type="button" className="btn btn-ghost btn-sm" onClick={() => setOpen({ lineId: line.lineId, type: "REMOVE_LINE" })}>{L("Loại đối tượng", "Remove")}</button>}
                    {payable && <button type="button" className="btn btn-primary btn-sm" onClick={() => setOpen({ lineId: line.lineId, type: "PAY" })}>{L("Chi trả", "Pay")}</button>}
                  </div>
                )}
                {(here === "CLEAR_FLAG" || here === "REMOVE_LINE") && (
                  <ReasonForm
                    title={here === "CLEAR_FLAG" ? L(`Xác nhận ${line.fullName} không hưởng trùng`, `Clear ${line.fullName}'s flag`) : L(`Loại ${line.fullName} khỏi đề nghị`, `Remove ${line.fullName}`)}
                    busy={busy}
                    onCancel={() => setOpen(null)}
                    onSend={(reason) => send(here, { lineId: line.lineId, reason })}
                  />
                )}
                {here === "PAY" && <PayForm name={line.fullName} amount={line.approvedAmount ?? line.amount} busy={busy} onCancel={() => setOpen(null)} onSend={(data) => send("PAY", { lineId: line.lineId, ...data })} />}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

function ReasonForm({ title, busy, onSend, onCancel }: { title: string; busy: boolean; onSend(reason: string): void; onCancel(): void }) {
  const { lang } = useI18n();
  const L = (vi: string, en: string) => (lang === "en" ? en : vi);
  const [reason, setReason] = useState("");
  const short = reason.trim().length < 10;
  return (
    <form className="fund-line-form" aria-label={title} onSubmit={(e: FormEvent) => { e.preventDefault(); if (!short) onSend(reason.trim()); }}>
      <strong>{title}</strong>
      <label>{L("Lý do (ít nhất 10 ký tự)", "Reason (10+ characters)")}
        <textarea className="input" required minLength={10} value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <div className="fund-line-actions">
        <button type="button" className="btn btn-ghost btn-sm" onClick={onCancel} disabled={busy}>{L("Hủy", "Cancel")}</button>
        <button type="submit" className="btn btn-primary btn-sm" disabled={busy || short}>{L("Xác nhận", "Confirm")}</button>
      </div>
    </form>
  );
}

function PayForm({ name, amount, busy, onSend, onCancel }: { name: string; amount: number; busy: boolean; onSend(data: Record<string, unknown>): void; onCancel(): void }) {
  const { lang } = useI18n();
  const L = (vi: string, en: string) => (lang === "en" ? en : vi);
  const [form, setForm] = useState({ method: "Chuyển khoản", receiptNumber: "", paidOn: "", backdateReason: "" });
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  function submit(e: FormEvent) {
    e.preventDefault();
    onSend({
      method: form.method,
      receiptNumber: form.receiptNumber.trim(),
      ...(form.paidOn ? { paidOn: form.paidOn } : {}),
      ...(form.paidOn && form.backdateReason.trim() ? { backdateReason: form.backdateReason.trim() } : {}),
    });
  }
  return (
    <form className="fund-line-form" aria-label={L(`Chi trả cho ${name}`, `Pay ${name}`)} onSubmit={submit}>
      <strong>{L("Chi trả cho", "Pay")} {name}: <span className="nowrap">{formatVnd(amount)}</span></strong>
      <label>{L("Hình thức chi", "Method")}
        <select className="input" value={form.method} onChange={set("method")}>
          <option value="Tiền mặt">{L("Tiền mặt", "Cash")}</option>
          <option value="Chuyển khoản">{L("Chuyển khoản", "Bank transfer")}</option>
        </select>
      </label>
      <label>{L("Số phiếu chi", "Voucher no.")}<input className="input" required maxLength={60} value={form.receiptNumber} onChange={set("receiptNumber")} /></label>
      <label>{L("Ngày chi (để trống: hôm nay)", "Paid on (empty: today)")}<input className="input" type="date" value={form.paidOn} onChange={set("paidOn")} /></label>
      {form.paidOn && <label>{L("Lý do ghi lùi ngày chi", "Why an earlier date")}<input className="input" minLength={10} value={form.backdateReason} onChange={set("backdateReason")} /></label>}
      <div className="fund-line-actions">
        <button type="button" className="btn btn-ghost btn-sm" onClick={onCancel} disabled={busy}>{L("Hủy", "Cancel")}</button>
        <button type="submit" className="btn btn-primary btn-sm" disabled={busy || !form.receiptNumber.trim()}>{L("Ghi nhận chi trả", "Record the payment")}</button>
      </div>
    </form>
  );
}
