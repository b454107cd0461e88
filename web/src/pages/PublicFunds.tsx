/**
 * Public, no sign-in: each fund's receipts and payouts month by month with totals and balance, and the
 * entries of a month. Donors appear as they agreed; beneficiaries shortened ("Nguyễn V. A. — xã Đăk Kan").
 */
import { Link, useParams, useSearchParams } from "react-router";
import { ErrorNotice, Loading, PageHeader } from "../components/Notice";
import { query } from "../lib/api";
import { formatVnd, showDate } from "../lib/format";
import { useI18n } from "../lib/i18n";
import { useApi } from "../lib/use-api";
import { PublicCampaigns } from "./PublicCampaigns";

type PublicFund = { id: string; name: string; unitName: string; balance: number; totals: { receipts: number; payouts: number } };
type Month = { month: string; receipts: number; payouts: number; closingBalance: number };
type Entry = { date: string; kind: "receipt" | "payout" | "reversal"; amount: number; earmark: string; receiptNumber: string | null; donor: string | null; beneficiary: string | null; dossierCode: string | null; reverses: string | null; note: string | null };
type Ledger = { fund: { id: string; name: string }; balance: number; totals: { receipts: number; payouts: number }; months: Month[]; entries: Entry[] };

const monthLabel = (m: string) => `${m.slice(5, 7)}/${m.slice(0, 4)}`;

export default function PublicFunds() {
  const { id } = useParams();
  return id ? <FundLedger id={id} /> : <FundList />;
}

function FundList() {
  const { lang } = useI18n();
  const funds = useApi<{ items: PublicFund[] }>("/api/public/funds");
  const L = (vi: string, en: string) => (lang === "en" ? en : vi);
  return (
    <div>
      <PageHeader title={L("Công khai thu, chi các Quỹ", "Funds: what they received and paid")} subtitle={L("Không cần đăng nhập. Không công bố số CCCD hay họ tên đầy đủ của người được hỗ trợ.", "No sign-in. No ID numbers or full names of the people helped.")} />
      <ErrorNotice error={funds.error} />
      {funds.loading && <Loading />}
      <div className="table-wrap card">
        <table className="table">
          <thead>
            <tr><th>{L("Quỹ", "Fund")}</th><th className="num">{L("Tổng thu", "Received")}</th><th className="num">{L("Tổng chi", "Paid out")}</th><th className="num">{L("Số dư", "Balance")}</th></tr>
          </thead>
          <tbody>
            {funds.data?.items.map((f) => (
              <tr key={f.id}>
                <td><Link to={`/funds/${f.id}`}>{f.name}</Link><br /><small>{f.unitName}</small></td>
                <td className="num">{formatVnd(f.totals.receipts)}</td>
                <td className="num">{formatVnd(f.totals.payouts)}</td>
                <td className="num"><strong>{formatVnd(f.balance)}</strong></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function FundLedger({ id }: { id: string }) {
  const { lang } = useI18n();
  const L = (vi: string, en: string) => (lang === "en" ? en : vi);
  const [params, setParams] = useSearchParams();
  const month = params.get("month") ?? undefined;
  const ledger = useApi<Ledger>(`/api/public/funds/${id}/ledger${query({ month })}`);
  const kind = (e: Entry) => (e.kind === "receipt" ? L("Thu", "Receipt") : e.kind === "payout" ? L("Chi", "Payout") : L("Điều chỉnh", "Correction"));
  const d = ledger.data;
  return (
    <div>
      <PageHeader
        title={d?.fund.name ?? L("Sổ quỹ công khai", "Public ledger")}
        subtitle={d ? `${L("Số dư hiện tại", "Current balance")}: ${formatVnd(d.balance)}` : undefined}
        actions={<a className="btn btn-ghost btn-sm" href={`/api/public/funds/${id}/ledger.csv${query({ month })}`}>{L("Tải CSV", "Download CSV")}</a>}
      />
      <ErrorNotice error={ledger.error} />
      {ledger.loading && <Loading />}
      {d && (
        <>
          <PublicCampaigns fundId={id} />
          <section className="card table-wrap">
            <h2>{L("Theo tháng", "Month by month")}</h2>
            <table className="table">
              <thead>
                <tr><th>{L("Tháng", "Month")}</th><th className="num">{L("Thu", "Received")}</th><th className="num">{L("Chi", "Paid out")}</th><th className="num">{L("Số dư cuối tháng", "Closing balance")}</th></tr>
              </thead>
              <tbody>
                {d.months.map((m) => (
                  <tr key={m.month} className={m.month === month ? "selected" : undefined}>
                    <td><button type="button" className="btn-link" onClick={() => setParams({ month: m.month })}>{monthLabel(m.month)}</button></td>
                    <td className="num">{formatVnd(m.receipts)}</td>
                    <td className="num">{formatVnd(m.payouts)}</td>
                    <td className="num">{formatVnd(m.closingBalance)}</td>
                  </tr>
                ))}
                <tr><th>{L("Cộng", "Total")}</th><th className="num">{formatVnd(d.totals.receipts)}</th><th className="num">{formatVnd(d.totals.payouts)}</th><th className="num">{formatVnd(d.balance)}</th></tr>
              </tbody>
            </table>
          </section>
          <section className="card table-wrap">
            <h2>
              {month ? `${L("Chi tiết tháng", "Entries of")} ${monthLabel(month)}` : L("Tất cả bút toán", "All entries")}{" "}
              {month && <button type="button" className="btn-link" onClick={() => setParams({})}>{L("(xem tất cả)", "(show all)")}</button>}
            </h2>
            <table className="table table-compact">
              <thead>
                <tr><th>{L("Ngày", "Date")}</th><th>{L("Loại", "Kind")}</th><th>{L("Chứng từ", "Voucher")}</th><th>{L("Nhà tài trợ / Đối tượng", "Donor / beneficiary")}</th><th>{L("Nguồn chỉ định", "Earmark")}</th><th className="num">{L("Số tiền", "Amount")}</th></tr>
              </thead>
              <tbody>
                {d.entries.map((e, i) => (
                  <tr key={i}>
                    <td>{showDate(e.date)}</td>
                    <td>{kind(e)}</td>
                    <td>{e.receiptNumber}{e.reverses && <small> ({L("đảo", "reverses")} {e.reverses})</small>}</td>
                    <td>{e.donor ?? e.beneficiary}{e.dossierCode && <small> · {e.dossierCode}</small>}</td>
                    <td>{e.earmark || "—"}</td>
                    <td className="num">{formatVnd(e.amount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </div>
  );
}
