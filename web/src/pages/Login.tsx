/** Sign-in: username and password; then on to the page the person's role needs. */
import { useState, type FormEvent } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { ApiError } from "../lib/api";
import { useI18n } from "../lib/i18n";
import { homeFor, useSession } from "../lib/session";
import { Notice } from "../components/Notice";

export default function Login() {
  const { t, lang } = useI18n();
  const { login } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = await login(username.trim(), password);
      const back = (location.state as { from?: string } | null)?.from;
      navigate(back ?? homeFor(me), { replace: true });
    } catch (err) {
      setError(err instanceof ApiError ? (lang === "en" && err.messageEn) || err.message : t("loginFailed"));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="auth-page">
      <form className="card auth-card" onSubmit={submit} noValidate>
        <h1>{t("loginTitle")}</h1>
        <p className="subtitle">{t("appTagline")}</p>
        {error && <Notice kind="error">{error}</Notice>}
        <div className="field">
          <label className="field-label" htmlFor="username">{t("username")}</label>
          <input id="username" name="username" className="input" autoComplete="username" autoCapitalize="none" value={username} onChange={(e) => setUsername(e.target.value)} required autoFocus />
        </div>
        <div className="field">
          <label className="field-label" htmlFor="password">{t("password")}</label>
          <input id="password" name="password" type="password" className="input" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </div>
        <button type="submit" className="btn btn-primary btn-block" disabled={busy || !username || !password}>
          {busy ? t("loading") : t("login")}
        </button>
        <p className="muted small">{t("loginHint")}</p>
        <p className="center">
          <Link to="/lookup">{t("publicLookupCta")} →</Link>
        </p>
      </form>
    </div>
  );
}
