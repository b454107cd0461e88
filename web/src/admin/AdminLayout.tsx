/** Admin area: units, users and roles, workflow definitions, forms. Loaded only when an admin opens it. */
import { NavLink, Outlet } from "react-router";
import { useI18n } from "../lib/i18n";

export default function AdminLayout() {
  const { t } = useI18n();
  const link = ({ isActive }: { isActive: boolean }) => (isActive ? "subnav-link active" : "subnav-link");
  return (
    <div className="admin">
      <nav className="subnav" aria-label={t("admin")}>
        <NavLink to="/admin/workflows" className={link}>{t("workflowsAdmin")}</NavLink>
        <NavLink to="/admin/forms" className={link}>{t("formsAdmin")}</NavLink>
        <NavLink to="/admin/units" className={link}>{t("unitsAdmin")}</NavLink>
        <NavLink to="/admin/users" className={link}>{t("usersAdmin")}</NavLink>
      </nav>
      <Outlet />
    </div>
  );
}
