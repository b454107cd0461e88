/** A dossier's step as a coloured pill: done (green), waiting for the applicant (amber), in progress (blue). */
import { useI18n } from "../lib/i18n";
import type { Localized } from "../lib/types";

export function StatusPill({ status, state, title }: { status: string; state: string; title: Localized | null | undefined }) {
  const { loc, t } = useI18n();
  const text = loc(title) || state;
  const kind =
    status === "done"
      ? /reject|withdraw|expire|cancel/i.test(state)
        ? "pill-stopped"
        : "pill-done"
      : /supplement|draft/i.test(state)
        ? "pill-waiting"
        : "pill-active";
  return (
    <span className={`pill ${kind}`} title={status === "done" ? t("done") : t("inProgress")}>
      {text}
    </span>
  );
}
