import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import type { AppEnv } from "./app-env";

/** Where `vite build` puts the web UI (`web/dist`). */
export const WEB_DIST = join(dirname(fileURLToPath(import.meta.url)), "..", "web", "dist");

/**
 * The web UI: hashed assets cached for a year, other files as they are, and `index.html` for every
 * other non-API path so that the browser's router can take over (a reload of `/inbox` works).
 * Without a build, the server answers the API only.
 */
export function webUiRoutes(dist = WEB_DIST) {
  const app = new Hono<AppEnv>();
  const index = join(dist, "index.html");
  if (!existsSync(index)) return app;
  const immutable = (_path: string, c: { header(name: string, value: string): void }) => c.header("cache-control", "public, max-age=31536000, immutable");
  app.use("/assets/*", serveStatic({ root: dist, onFound: immutable }));
  app.get("*", async (c, next) => {
    const path = c.req.path;
    if (path === "/api" || path.startsWith("/api/") || path === "/health") return next();
    if (/\.[a-z0-9]{1,8}$/i.test(path)) return serveStatic({ root: dist })(c, next);
    c.header("cache-control", "no-cache");
    return c.html(await readFile(index, "utf8"));
  });
  return app;
}
