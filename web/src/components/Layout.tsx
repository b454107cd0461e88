/** The frame of every page: a top bar with the links the signed-in person needs, language and sign-out. */
import { NavLink, Outlet, useNavigate } from "react-router";
import { useI18n } from "../lib/i18n";
import { isOfficial, useSession } from "../lib/session";
import { NotificationBell } from "./NotificationBell";

export function Layout() {
  const { me, has, logout } = useSession();
  const { t, lang, setLang } = useI18n();
  const navigate = useNavigate();
  const official = isOfficial(me);
  const link = ({ isActive }: { isActive: boolean }) => (isActive ? "nav-link active" : "nav-link");

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {lang === "en" ? "Skip to content" : "Bỏ qua tới nội dung"}
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <NavLink to="/" className="brand">
            <span className="brand-mark" aria-hidden="true">H</span>
            <span className="brand-text">
              <strong>Hoso</strong>
              <small>{t("appTagline")}</small>
            </span>
          </NavLink>
          <nav className="nav" aria-label={lang === "en" ? "Main" : "Điều hướng chính"}>
            {me && has("applicant") && (
              <>
                <NavLink to="/procedures" className={link}>{t("procedures")}</NavLink>
                <NavLink to="/my" className={link}>{t("myDossiers")}</NavLink>
              </>
            )}
            {official && <NavLink to="/inbox" className={link}>{t("inbox")}</NavLink>}
            {(official || has("admin")) && <NavLink to="/dashboard" className={link}>{t("dashboard")}</NavLink>}
            {has("admin") && <NavLink to="/admin" className={link}>{t("admin")}</NavLink>}
            {(has("accountant") || has("specialist") || has("leader")) && <NavLink to="/fund-desk" className={link}>{t("fundDesk")}</NavLink>}
            <NavLink to="/lookup" className={link}>{t("lookup")}</NavLink>
            <NavLink to="/funds" className={link}>{t("publicFunds")}</NavLink>
          </nav>
          <div className="topbar-tools">
            <button type="button" className="btn-link lang" onClick={() => setLang(lang === "vi" ? "en" : "vi")} lang={lang === "vi" ? "en" : "vi"}>
              {t("language")}
            </button>
            {me && <NotificationBell />}
            {me ? (
              <div className="user">
                <span className="user-name" title={`${me.displayName} (${me.username})`}>{me.displayName}</span>
                <button
                  type="button"
                  className="btn btn-ghost btn-sm"
                  onClick={async () => {
                    await logout();
                    navigate("/login");
                  }}
                >
                  {t("logout")}
                </button>
              </div>
            ) : (
              <NavLink to="/login" className="btn btn-primary btn-sm">{t("login")}</NavLink>
            )}
          </div>
        </div>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="footer">Hoso · {lang === "en" ? "open-source workflow and approval engine" : "phần mềm nguồn mở quản lý hồ sơ và phê duyệt"}</footer>
    </div>
  );
}
