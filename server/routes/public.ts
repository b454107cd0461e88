import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { clientAddress } from "../auth/client-address";
import { DomainError } from "../errors";

/** No login: a dossier's public status by its code, rate limited per client address. */
export const publicRoutes = new Hono<AppEnv>().get("/dossiers/:code", async (c) => {
  const { publicLimiter, publicStatus, config } = c.var.services;
  try {
    await publicLimiter.hit(clientAddress(c, config.trustProxy));
  } catch (error) {
    if (error instanceof DomainError && typeof error.extra.retryAfterSeconds === "number") c.header("Retry-After", String(error.extra.retryAfterSeconds));
    throw error;
  }
  c.header("cache-control", "no-store");
  return c.json(await publicStatus.byCode(c.req.param("code")));
});
