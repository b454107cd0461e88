/**
 * Routes. The shell (sign-in, public look-up) loads first; each area is its own lazily loaded chunk,
 * so an applicant never downloads the inbox and nobody but an admin downloads the editors.
 */
import { lazy, Suspense, type ReactNode } from "react";
import { createBrowserRouter, Navigate, RouterProvider, useLocation } from "react-router";
import { Layout } from "./components/Layout";
import { Loading } from "./components/Notice";
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
    element: <Layout />,
    children: [
      { path: "/", element: <Home /> },
      { path: "/login", element: <Login /> },
      { path: "/lookup", element: <Lookup /> },
      { path: "/lookup/:code", element: <Lookup /> },
      { path: "/funds", element: <Suspense fallback={<Loading />}><PublicFunds /></Suspense> },
      { path: "/funds/:id", element: <Suspense fallback={<Loading />}><PublicFunds /></Suspense> },
      { path: "/fund-desk", element: p(<FundDesk />) },
      { path: "/procedures", element: p(<Procedures />) },
      { path: "/procedures/:key/new", element: p(<DossierEditor />) },
      { path: "/my", element: p(<MyDossiers />) },
      { path: "/dossiers/:id", element: p(<DossierPage />) },
      { path: "/dossiers/:id/edit", element: p(<DossierEditor />) },
      { path: "/inbox", element: p(<Inbox />) },
      { path: "/notifications", element: p(<Notifications />) },
      { path: "/dashboard", element: p(<Dashboard />) },
      { path: "/plans/:id/tracking", element: p(<PlanTracking />) },
      { path: "/plans/:id/summary", element: p(<PlanSummary />) },
      {
        path: "/admin",
        element: p(<AdminLayout />),
        children: [
          { index: true, element: <Navigate to="/admin/workflows" replace /> },
          { path: "workflows", element: p(<WorkflowList />) },
          { path: "workflows/:key", element: p(<WorkflowEditor />) },
          { path: "forms", element: p(<FormList />) },
          { path: "forms/:key", element: p(<FormBuilder />) },
          { path: "units", element: p(<Units />) },
          { path: "users", element: p(<Users />) },
        ],
      },
      { path: "*", element: <NotFound /> },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
