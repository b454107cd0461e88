import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import type { AppEnv } from "./app-env";
import { sessionMiddleware } from "./auth/session-middleware";
import { DomainError, onError, onNotFound } from "./errors";
import { idempotency } from "./idempotency";
import { openApiDocument } from "./openapi";
import { adminGrantRoutes } from "./routes/admin/grants";
import { adminUnitRoutes } from "./routes/admin/units";
import { adminUserRoutes } from "./routes/admin/users";
import { authRoutes, meRoutes } from "./routes/auth";
import { healthRoutes, noProbe, type HealthProbe } from "./routes/health";
import { attachmentRoutes } from "./routes/attachments";
import { formRoutes } from "./routes/forms";
import { calendarRoutes } from "./routes/calendar";
import { documentRoutes } from "./routes/documents";
import { publicRoutes } from "./routes/public";
import { ratingRoutes } from "./routes/ratings";
import { adminApiKeyRoutes } from "./routes/admin/api-keys";
import { adminWebhookRoutes } from "./routes/admin/webhooks";
import { dashboardRoutes } from "./routes/dashboard";
import { instanceRoutes } from "./routes/instances";
import { taskRoutes } from "./routes/tasks";
import { unitRoutes } from "./routes/units";
import { notificationRoutes } from "./routes/notifications";
import { planRoutes } from "./routes/plans";
import { fundRoutes } from "./routes/funds";
import { publicFundRoutes } from "./routes/public-funds";
import { workflowRoutes } from "./routes/workflows";
import type { Services } from "./services";
import { tooLarge } from "./services/attachments";
import { storableUrl } from "./storable-text";
import { webUiRoutes } from "./web-ui";

/** JSON bodies larger than this are refused before they are read. */
const JSON_BODY_LIMIT = 1024 * 1024;
/** Room for a multipart body's boundaries and part headers around the largest accepted file. */
const MULTIPART_OVERHEAD = 64 * 1024;

/** Builds the HTTP app around services built once at boot; `health` tells readiness about the scheduler and shutdown. */
export function createApp(services: Services, health: HealthProbe = noProbe) {
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.notFound(onNotFound);
  app.use("*", secureHeaders());
  app.use("*", async (c, next) => {
    c.set("services", services);
    await next();
    // Shutting down: answer this request, then close its connection so that the drain can end.
    if (health.draining()) c.res.headers.set("connection", "close");
  });
  const jsonLimit = bodyLimit({
    maxSize: JSON_BODY_LIMIT,
    onError: () => {
      throw new DomainError("PAYLOAD_TOO_LARGE", "Dữ liệu gửi lên quá lớn", { messageEn: `bodies are limited to ${JSON_BODY_LIMIT} bytes` });
    },
  });
  // Uploads get the file limit instead of the JSON one (the file itself is checked again after parsing).
  const uploadLimit = bodyLimit({
    maxSize: services.config.maxUploadBytes + MULTIPART_OVERHEAD,
    onError: () => {
      throw tooLarge(services.config.maxUploadBytes);
    },
  });
  app.use("/api/*", (c, next) => (c.req.method === "POST" && /^\/api\/attachments\/?$/.test(c.req.path) ? uploadLimit(c, next) : jsonLimit(c, next)));
  app.use("/api/*", storableUrl);
  app.use("/api/*", sessionMiddleware);
  app.use("/api/*", idempotency);
  app.route("/", healthRoutes(health));
  app.route("/api/auth", authRoutes);
  app.route("/api/me", meRoutes);
  app.route("/api/units", unitRoutes);
  app.route("/api/tasks", taskRoutes);
  app.route("/api/admin/units", adminUnitRoutes);
  app.route("/api/admin/users", adminUserRoutes);
  app.route("/api/admin/grants", adminGrantRoutes);
  app.route("/api/admin/api-keys", adminApiKeyRoutes);
  app.route("/api/admin/webhooks", adminWebhookRoutes);
  app.route("/api/workflows", workflowRoutes);
  app.route("/api/forms", formRoutes);
  app.route("/api/instances", instanceRoutes);
  app.route("/api/instances", ratingRoutes);
  app.route("/api/attachments", attachmentRoutes);
  app.route("/api/calendar", calendarRoutes);
  app.route("/api/notifications", notificationRoutes);
  app.route("/api/plans", planRoutes);
  app.route("/api/funds", fundRoutes);
  app.route("/api/public/funds", publicFundRoutes);
  app.route("/api/documents", documentRoutes);
  app.route("/api/public", publicRoutes);
  app.route("/api/dashboard", dashboardRoutes);
  app.get("/api/openapi.json", (c) => c.json(openApiDocument()));
  app.route("/", webUiRoutes());
  return app;
}

export type App = ReturnType<typeof createApp>;
