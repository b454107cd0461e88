/**
 * The documents a dossier has issued (decisions, refusals…), each with its number and a print view; the
 * one-stop slips (receipt with its return date, supplement request, apology) in a list of their own.
 */
import { showDate } from "../lib/format";
import { useI18n } from "../lib/i18n";
import { useApi } from "../lib/use-api";
import type { Dossier, Localized } from "../lib/types";

type Doc = { id: string; number?: string | null; type?: string; kind?: string; title?: string | Localized | null; issuedOn?: string | null; issuedAt?: string | null; printUrl?: string; signer?: { name?: string | null; title?: string | null } };

export function Documents({ dossier }: { dossier: Dossier }) {
  const { t } = useI18n();
  const listed = useApi<{ items: Doc[]; oneStopPapers?: Doc[] }>(dossier.documents ? null : `/api/documents?instance=${dossier.id}&v=${dossier.version}`);
  const docs: Doc[] = (dossier.documents as Doc[] | undefined) ?? listed.data?.items ?? [];
  const papers: Doc[] = (dossier.oneStopPapers as Doc[] | undefined) ?? listed.data?.oneStopPapers ?? [];
  return (
    <>
      {docs.length > 0 && <DocList id="docs-title" heading={t("documents")} docs={docs} />}
      {papers.length > 0 && <DocList id="papers-title" heading={t("oneStopPapers")} docs={papers} />}
    </>
  );
}

function DocList({ id, heading, docs }: { id: string; heading: string; docs: Doc[] }) {
  const { t, loc, lang } = useI18n();
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      <ul className="doc-list">
        {docs.map((d) => (
          <li key={d.id} className="doc">
            <div className="doc-icon" aria-hidden="true">
              {d.type ?? "VB"}
            </div>
            <div className="doc-body">
              <strong>{loc(d.title ?? null) || (lang === "en" ? "Document" : "Văn bản")}</strong>
              <div className="muted small">
                {d.number && <span className="doc-number">Số {d.number}</span>}
                {(d.issuedOn ?? d.issuedAt) && <> · {showDate(d.issuedOn ?? d.issuedAt)}</>}
                {d.signer?.name && <> · {d.signer.name}</>}
              </div>
            </div>
            <a className="btn btn-secondary btn-sm" href={d.printUrl ?? `/api/documents/${d.id}/print`} target="_blank" rel="noreferrer">
              🖨 {t("print")}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
