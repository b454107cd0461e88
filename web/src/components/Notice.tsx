/** Small shared pieces: a message box, a spinner line, an empty state, a page header. */
import type { ReactNode } from "react";
import type { ApiError } from "../lib/api";
import { useI18n } from "../lib/i18n";

export function Notice({ kind = "info", children }: { kind?: "info" | "error" | "success" | "warning"; children: ReactNode }) {
  return (
    <div className={`notice notice-${kind}`} role={kind === "error" ? "alert" : "status"}>
      {children}
    </div>
  );
}

export function ErrorNotice({ error }: { error: ApiError | undefined | null }) {
  const { lang } = useI18n();
  if (!error) return null;
  return <Notice kind="error">{(lang === "en" && error.messageEn) || error.message}</Notice>;
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" /> {t("loading")}
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

export function PageHeader({ title, subtitle, actions }: { title: ReactNode; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="page-header">
      <div>
        <h1>{title}</h1>
        {subtitle && <p className="subtitle">{subtitle}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </div>
  );
}

/** True when the server answered that the feature does not exist (yet). */
export function isMissing(error: ApiError | undefined): boolean {
  return !!error && (error.status === 404 || error.status === 405 || error.status === 501) && !error.code.endsWith("_NOT_FOUND");
}
