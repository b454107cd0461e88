/** The documents a dossier has issued (decisions, refusals…), each with its number and a print view. */
import { showDate } from "../lib/format";
import { useI18n } from "../lib/i18n";
import { useApi } from "../lib/use-api";
import type { Dossier, Localized } from "../lib/types";

type Doc = { id: string; number?: string | null; type?: string; kind?: string; title?: string | Localized | null; issuedOn?: string | null; issuedAt?: string | null; printUrl?: string; signer?: { name?: string | null; title?: string | null } };

export function Documents({ dossier }: { dossier: Dossier }) {
  const { t, loc, lang } = useI18n();
  const listed = useApi<{ items: Doc[] }>(dossier.documents ? null : `/api/documents?instance=${dossier.id}&v=${dossier.version}`);
  const docs: Doc[] = (dossier.documents as Doc[] | undefined) ?? listed.data?.items ?? [];
  if (docs.length === 0) return null;
  return (
    <section className="card" aria-labelledby="docs-title">
      <h2 id="docs-title">{t("documents")}</h2>
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
