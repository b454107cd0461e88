import { Hono } from "hono";
import type { AppEnv } from "../app-env";

/** `GET /health`: answers once the services (and so the migrations) are ready. */
export const healthRoutes = new Hono<AppEnv>().get("/health", (c) => c.json({ ok: true }));
