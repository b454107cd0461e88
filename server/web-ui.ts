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
 * Public on purpose: the page itself holds no data. Without a build (`npm run build`; `npm start` builds
 * first), pages answer 404 with a hint and the API works as ever.
 */
export function webUiRoutes(dist = WEB_DIST) {
  const index = join(dist, "index.html");
  const assets = serveStatic<AppEnv>({ root: dist });
  const files = serveStatic<AppEnv>({ root: dist });
  return new Hono<AppEnv>().get("*", async (c, next) => {
    const path = c.req.path;
    if (path === "/api" || path.startsWith("/api/") || path === "/health" || path.startsWith("/health/")) return next();
    if (!existsSync(index)) return c.text("Giao diện web chưa được build: chạy `npm run build` (the web UI is not built)", 404);
    if (path.startsWith("/assets/")) {
      // Asset names carry a content hash: a changed file is a new name, so browsers may keep them for good.
      const res = await assets(c, next);
      if (res && res.status === 200) res.headers.set("cache-control", "public, max-age=31536000, immutable");
      return res;
    }
    if (/\.[a-z0-9]{1,8}$/i.test(path)) return files(c, next);
    c.header("cache-control", "no-cache");
    return c.html(await readFile(index, "utf8"));
  });
}
