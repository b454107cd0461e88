import type { Context } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";

/**
 * The caller's network address, for rate limits. Behind a reverse proxy (`HOSO_TRUST_PROXY=1`) it is
 * the last `X-Forwarded-For` hop, the one the proxy itself appended; otherwise the socket's peer.
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const hops = (c.req.header("x-forwarded-for") ?? "").split(",").map((h) => h.trim()).filter(Boolean);
    const last = hops.at(-1);
    if (last) return last;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    // In-process requests (tests, `app.request`) have no socket.
    return "unknown";
  }
}
