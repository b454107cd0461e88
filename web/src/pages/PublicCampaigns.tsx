/**
 * Public, no sign-in: a fund's relief campaigns (Nghị định 93/2021/NĐ-CP) — what each is for, its own
 * account, its receiving period and distribution deadline, what it received and paid, and when its
 * receipts and distribution were published.
 */
import { ErrorNotice } from "../components/Notice";
import { formatVnd, showDate } from "../lib/format";
import { useI18n } from "../lib/i18n";
import { useApi } from "../lib/use-api";

type Published = { publishedOn: string; channel: string; link: string | null; dueBy: string | null; late: boolean } | null;
type Campaign = {
  id: string;
  code: string;
  name: string;
  disaster: string;
  earmark: string;
  bankAccount: { bankName?: string; accountNumber?: string; accountName?: string } | null;
  receivingStart: string | null;
  receivingEnd: string | null;
  distributionDue: string | null;
  distributionFinishedOn: string | null;
  published: { receipts: Published; distribution: Published };
  totals: { receipts: number; payouts: number };
  balance: number;
};

export function PublicCampaigns({ fundId }: { fundId: string }) {
  const { lang } = useI18n();
  const L = (vi: string, en: string) => (lang === "en" ? en : vi);
  const campaigns = useApi<{ items: Campaign[] }>(`/api/public/funds/${fundId}/campaigns`);
  const items = campaigns.data?.items ?? [];
  const published = (p: Published) =>
    p ? (
      <>
        {showDate(p.publishedOn)} — {p.channel}
        {p.link && <> (<a href={p.link} rel="noopener noreferrer">{L("xem", "open")}</a>)</>}
        {p.late && <strong> · {L("công khai trễ hạn", "published late")}</strong>}
      </>
    ) : (
      L("Chưa công khai", "Not yet published")
    );
  if (!campaigns.error && items.length === 0) return null;
  return (
    <section className="card">
      <h2>{L("Các cuộc vận động cứu trợ", "Relief campaigns")}</h2>
      <ErrorNotice error={campaigns.error} />
      {items.map((c) => (
        <article key={c.id}>
          <h3>{c.name} <small>· {c.code}</small></h3>
          <p>{c.disaster}</p>
          <dl className="pairs">
            <dt>{L("Tài khoản tiếp nhận", "Receiving account")}</dt>
            <dd>{[c.bankAccount?.accountNumber, c.bankAccount?.accountName, c.bankAccount?.bankName].filter(Boolean).join(" — ")}</dd>
            <dt>{L("Thời gian tiếp nhận", "Receiving period")}</dt>
            <dd>{showDate(c.receivingStart)} – {showDate(c.receivingEnd)}</dd>
            <dt>{L("Hạn phân phối", "Distribution deadline")}</dt>
            <dd>{showDate(c.distributionDue)}{c.distributionFinishedOn && <> · {L("hoàn thành", "completed")} {showDate(c.distributionFinishedOn)}</>}</dd>
            <dt>{L("Đã tiếp nhận / đã chi / còn lại", "Received / paid / left")}</dt>
            <dd>{formatVnd(c.totals.receipts)} / {formatVnd(c.totals.payouts)} / <strong>{formatVnd(c.balance)}</strong></dd>
            <dt>{L("Công khai kết quả tiếp nhận", "Receipts published")}</dt>
            <dd>{published(c.published.receipts)}</dd>
            <dt>{L("Công khai kết quả phân phối", "Distribution published")}</dt>
            <dd>{published(c.published.distribution)}</dd>
          </dl>
          <p><small>{L("Các bút toán của cuộc vận động có nguồn chỉ định", "The campaign's entries carry the earmark")} “{c.earmark}”.</small></p>
        </article>
      ))}
    </section>
  );
}
