import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import type { AppEnv } from "./app-env";
import { devIdentity } from "./auth/dev-identity";
import { DomainError, onError, onNotFound } from "./errors";
import { openApiDocument } from "./openapi";
import { healthRoutes } from "./routes/health";
import { instanceRoutes } from "./routes/instances";
import { workflowRoutes } from "./routes/workflows";
import type { Services } from "./services";

/** JSON bodies larger than this are refused before they are read. */
const JSON_BODY_LIMIT = 1024 * 1024;

/** Builds the HTTP app around services built once at boot. */
export function createApp(services: Services) {
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.notFound(onNotFound);
  app.use("*", secureHeaders());
  app.use("*", async (c, next) => {
    c.set("services", services);
    await next();
  });
  app.use(
    "/api/*",
    bodyLimit({
      maxSize: JSON_BODY_LIMIT,
      onError: () => {
        throw new DomainError("PAYLOAD_TOO_LARGE", "Dữ liệu gửi lên quá lớn", { messageEn: `bodies are limited to ${JSON_BODY_LIMIT} bytes` });
      },
    }),
  );
  app.use("/api/*", devIdentity);
  app.route("/", healthRoutes);
  app.route("/api/workflows", workflowRoutes);
  app.route("/api/instances", instanceRoutes);
  app.get("/api/openapi.json", (c) => c.json(openApiDocument()));
  return app;
}

export type App = ReturnType<typeof createApp>;
