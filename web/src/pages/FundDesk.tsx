/** The fund's staff: balances per earmark, receipt entry (accountant), the ledger with corrections, and a request's flags and payouts. */
import { useState, type FormEvent } from "react";
import { useSearchParams } from "react-router";
import { ErrorNotice, Loading, Notice, PageHeader } from "../components/Notice";
import { ApiError, post } from "../lib/api";
import { formatVnd, parseVnd, showDate } from "../lib/format";
import { useI18n } from "../lib/i18n";
import { useSession } from "../lib/session";
import { useApi } from "../lib/use-api";
import { FundRequestPanel } from "./FundRequestPanel";

type Fund = { id: string; name: string; balances: { total: number; byEarmark: { earmark: string; balance: number }[] } };
type Entry = { id: string; kind: string; delta: number; lineId: string | null; earmark: string; entryDate: string; receiptNumber: string | null; donorName: string | null; donorPublic: string | null; publicBeneficiary: string | null; dossierCode: string | null; reversesId: string | null; note: string | null; backdateReason: string | null };

export default function FundDesk() {
  const { lang } = useI18n();
  const L = (vi: string, en: string) => (lang === "en" ? en : vi);
  const funds = useApi<{ items: Fund[] }>("/api/funds");
  const [params] = useSearchParams();
  const requestId = params.get("request");
  const fund = funds.data?.items[0];
  const [ledgerKey, setLedgerKey] = useState(0);
  return (
    <div>
      <PageHeader title={L("Sổ Quỹ", "Fund ledger")} subtitle={fund?.name} />
      <ErrorNotice error={funds.error} />
      {funds.loading && <Loading />}
      {funds.data && funds.data.items.length === 0 && <Notice>{L("Bạn không làm việc cho Quỹ nào.", "You work for no fund.")}</Notice>}
      {requestId && <FundRequestPanel key={requestId} id={requestId} onChange={() => { setLedgerKey((k) => k + 1); void funds.reload(); }} />}
      {/* A payment recorded on a request's line shows in the ledger and the balance at once. */}
      {fund && <FundPanel key={ledgerKey} fund={fund} onChange={funds.reload} />}
    </div>
  );
}

function FundPanel({ fund, onChange }: { fund: Fund; onChange: () => Promise<void> }) {
  const { lang } = useI18n();
  const L = (vi: string, en: string) => (lang === "en" ? en : vi);
  const entries = useApi<{ items: Entry[] }>(`/api/funds/${fund.id}/entries`);
  // Only the fund's accountant writes to the ledger; the others read it.
  const accountant = useSession().has("accountant");
  const [error, setError] = useState<ApiError | null>(null);
  // No date: the server dates the receipt today. An earlier day needs a reason (the server checks the bounds).
  const [form, setForm] = useState({ donorName: "", donorPublic: "named", amount: "", date: "", backdateReason: "", earmark: "", receiptNumber: "" });
  const [busy, setBusy] = useState(false);
  const amount = parseVnd(form.amount);
  const amountProblem = form.amount.trim() === "" || amount.ok ? null : lang === "en" ? amount.messageEn : amount.message;
  const reversed = new Set(entries.data?.items.map((e) => e.reversesId).filter(Boolean));

  async function record(e: FormEvent) {
    e.preventDefault();
    if (!amount.ok || busy) return;
    setError(null);
    setBusy(true);
    try {
      await post(`/api/funds/${fund.id}/receipts`, {
        donorName: form.donorName,
        donorPublic: form.donorPublic,
        amount: amount.value,
        date: form.date || undefined,
        backdateReason: form.backdateReason.trim() || undefined,
        earmark: form.earmark || undefined,
        receiptNumber: form.receiptNumber,
      });
      setForm({ ...form, donorName: "", amount: "", date: "", backdateReason: "", receiptNumber: "" });
      await Promise.all([onChange(), entries.reload()]);
    } catch (err) {
      setError(err instanceof ApiError ? err : null);
    } finally {
      setBusy(false);
    }
  }
  async function reverse(entry: Entry) {
    const reason = window.prompt(L("Lý do đảo bút toán (ít nhất 10 ký tự)", "Why reverse this entry (10+ characters)"));
    if (!reason) return;
    try {
      await post(`/api/funds/${fund.id}/entries/${entry.id}/reverse`, { reason });
      await Promise.all([onChange(), entries.reload()]);
    } catch (err) {
      setError(err instanceof ApiError ? err : null);
    }
  }
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  return (
    <>
      <section className="card">
        <h2>{L("Số dư", "Balance")}: {formatVnd(fund.balances.total)}</h2>
        <ul>{fund.balances.byEarmark.map((b) => <li key={b.earmark}>{b.earmark || L("Nguồn chung", "General")}: {formatVnd(b.balance)}</li>)}</ul>
      </section>
      {accountant && <section className="card">
        <h2>{L("Ghi nhận khoản thu", "Record a receipt")}</h2>
        <ErrorNotice error={error} />
        <form className="form-grid" onSubmit={record}>
          <label>{L("Nhà tài trợ", "Donor")}<input className="input" required value={form.donorName} onChange={set("donorName")} /></label>
          <label>{L("Công khai tên", "Show the name")}
            <select className="input" value={form.donorPublic} onChange={set("donorPublic")}>
              <option value="named">{L("Công khai tên", "Named")}</option>
              <option value="anonymous">{L("Ẩn danh", "Anonymous")}</option>
            </select>
          </label>
          <label>{L("Số tiền (₫)", "Amount (₫)")}
            <input className="input" required inputMode="numeric" placeholder="2.000.000" aria-invalid={amountProblem ? true : undefined} value={form.amount} onChange={set("amount")} />
            {amountProblem && <span className="field-error" role="alert">{amountProblem}</span>}
          </label>
          <label>{L("Ngày thu (để trống: hôm nay)", "Date (empty: today)")}<input className="input" type="date" value={form.date} onChange={set("date")} /></label>
          {form.date && <label>{L("Lý do ghi lùi ngày", "Why an earlier date")}<input className="input" minLength={10} value={form.backdateReason} onChange={set("backdateReason")} /></label>}
          <label>{L("Nguồn chỉ định", "Earmark")}<input className="input" value={form.earmark} onChange={set("earmark")} /></label>
          <label>{L("Số phiếu thu", "Receipt no.")}<input className="input" required value={form.receiptNumber} onChange={set("receiptNumber")} /></label>
          <button type="submit" className="btn btn-primary" disabled={busy || !!amountProblem}>{L("Ghi sổ", "Record")}</button>
        </form>
      </section>}
      <section className="card table-wrap" aria-labelledby="ledger-title">
        <h2 id="ledger-title">{L("Sổ thu chi", "Ledger")}</h2>
        {entries.loading && <Loading />}
        <table className="table table-compact">
          <thead><tr><th>{L("Ngày · chứng từ", "Date · voucher")}</th><th>{L("Nội dung", "Details")}</th><th className="num">{L("Số tiền", "Amount")}</th><th /></tr></thead>
          <tbody>
            {entries.data?.items.map((e) => (
              <tr key={e.id}>
                {/* Date and voucher share a column so that the amount stays in view on a phone. */}
                <td className="nowrap">{showDate(e.entryDate)}<br /><small className="muted">{e.receiptNumber}</small></td>
                <td>
                  {e.kind === "reversal" ? `${L("Đảo", "Reversal")}: ${e.note}` : (e.donorName ?? e.publicBeneficiary)}
                  {e.donorPublic === "anonymous" && <small> ({L("ẩn danh", "anonymous")})</small>}
                  {e.dossierCode && <small> · {e.dossierCode}</small>}
                  {e.earmark && <small> · {e.earmark}</small>}
                  {e.backdateReason && <small> · {L("Ghi lùi ngày", "Backdated")}: {e.backdateReason}</small>}
                </td>
                <td className="num nowrap">{formatVnd(e.delta)}</td>
                <td>{accountant && e.kind !== "reversal" && !reversed.has(e.id) && <button type="button" className="btn btn-ghost btn-sm" onClick={() => reverse(e)}>{L("Đảo", "Reverse")}</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
