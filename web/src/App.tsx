/**
 * Routes. The shell (sign-in, public look-up) loads first; each area is its own lazily loaded chunk,
 * so an applicant never downloads the inbox and nobody but an admin downloads the editors.
 */
import { lazy, Suspense, type ReactNode } from "react";
import { createBrowserRouter, Navigate, RouterProvider, useLocation } from "react-router";
import { Layout } from "./components/Layout";
import { Loading } from "./components/Notice";
import { PageTitle, titled } from "./components/PageTitle";
import { homeFor, useSession } from "./lib/session";
import { useI18n } from "./lib/i18n";
import Login from "./pages/Login";
import Lookup from "./pages/Lookup";

const PublicFunds = lazy(() => import("./pages/PublicFunds"));
const FundDesk = lazy(() => import("./pages/FundDesk"));

const Procedures = lazy(() => import("./pages/Procedures"));
const MyDossiers = lazy(() => import("./pages/MyDossiers"));
const DossierEditor = lazy(() => import("./pages/DossierEditor"));
const DossierPage = lazy(() => import("./pages/DossierPage"));
const Inbox = lazy(() => import("./pages/Inbox"));
const Notifications = lazy(() => import("./pages/Notifications"));
const Dashboard = lazy(() => import("./pages/Dashboard"));
const PlanTracking = lazy(() => import("./pages/PlanTracking"));
const PlanSummary = lazy(() => import("./pages/PlanSummary"));
const AdminLayout = lazy(() => import("./admin/AdminLayout"));
const WorkflowList = lazy(() => import("./admin/WorkflowList"));
const WorkflowEditor = lazy(() => import("./admin/WorkflowEditor"));
const FormList = lazy(() => import("./admin/FormList"));
const FormBuilder = lazy(() => import("./admin/FormBuilder"));
const Units = lazy(() => import("./admin/Units"));
const Users = lazy(() => import("./admin/Users"));

/** A page for signed-in people only; others go to sign-in and come back. */
function Private({ children }: { children: ReactNode }) {
  const { me, ready } = useSession();
  const location = useLocation();
  if (!ready) return <Loading />;
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

function Home() {
  const { me, ready } = useSession();
  if (!ready) return <Loading />;
  return <Navigate to={me ? homeFor(me) : "/login"} replace />;
}

function NotFound() {
  const { t } = useI18n();
  return (
    <div className="empty">
      <h1>404</h1>
      <p>{t("notFound")}</p>
    </div>
  );
}

const p = (el: ReactNode) => <Private>{el}</Private>;

const router = createBrowserRouter([
  {
    element: (
      <>
        <PageTitle />
        <Layout />
      </>
    ),
    children: [
      { path: "/", element: <Home /> },
      { path: "/login", element: <Login />, handle: titled("Đăng nhập", "Sign in") },
      { path: "/lookup", element: <Lookup />, handle: titled("Tra cứu hồ sơ", "Look up a dossier") },
      { path: "/lookup/:code", element: <Lookup />, handle: titled("Tra cứu hồ sơ", "Look up a dossier") },
      { path: "/funds", element: <Suspense fallback={<Loading />}><PublicFunds /></Suspense>, handle: titled("Công khai Quỹ", "Public funds") },
      { path: "/funds/:id", element: <Suspense fallback={<Loading />}><PublicFunds /></Suspense>, handle: titled("Công khai Quỹ", "Public funds") },
      { path: "/fund-desk", element: p(<FundDesk />), handle: titled("Sổ Quỹ", "Fund desk") },
      { path: "/procedures", element: p(<Procedures />), handle: titled("Chọn thủ tục", "Choose a procedure") },
      { path: "/procedures/:key/new", element: p(<DossierEditor />), handle: titled("Nộp hồ sơ mới", "New dossier") },
      { path: "/my", element: p(<MyDossiers />), handle: titled("Hồ sơ của tôi", "My dossiers") },
      { path: "/dossiers/:id", element: p(<DossierPage />), handle: titled("Chi tiết hồ sơ", "Dossier") },
      { path: "/dossiers/:id/edit", element: p(<DossierEditor />), handle: titled("Sửa hồ sơ nháp", "Edit draft") },
      { path: "/inbox", element: p(<Inbox />), handle: titled("Hộp công việc", "Inbox") },
      { path: "/notifications", element: p(<Notifications />), handle: titled("Thông báo", "Notifications") },
      { path: "/dashboard", element: p(<Dashboard />), handle: titled("Thống kê", "Dashboard") },
      { path: "/plans/:id/tracking", element: p(<PlanTracking />), handle: titled("Theo dõi báo cáo", "Report tracking") },
      { path: "/plans/:id/summary", element: p(<PlanSummary />), handle: titled("Báo cáo tổng hợp", "Compiled report") },
      {
        path: "/admin",
        element: p(<AdminLayout />),
        handle: titled("Quản trị", "Administration"),
        children: [
          { index: true, element: <Navigate to="/admin/workflows" replace /> },
          { path: "workflows", element: p(<WorkflowList />), handle: titled("Quản trị quy trình", "Workflows") },
          { path: "workflows/:key", element: p(<WorkflowEditor />), handle: titled("Sửa quy trình", "Edit workflow") },
          { path: "forms", element: p(<FormList />), handle: titled("Quản trị biểu mẫu", "Forms") },
          { path: "forms/:key", element: p(<FormBuilder />), handle: titled("Thiết kế biểu mẫu", "Form builder") },
          { path: "units", element: p(<Units />), handle: titled("Quản trị đơn vị", "Units") },
          { path: "users", element: p(<Users />), handle: titled("Quản trị người dùng", "Users") },
        ],
      },
      { path: "*", element: <NotFound />, handle: titled("Không tìm thấy trang", "Page not found") },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
