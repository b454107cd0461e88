import { HttpClient } from "./http-client";
import { percentiles } from "./stats";

/** The route's limit per client address and minute (`server/auth/public-rate-limit.ts`). */
const PER_ADDRESS = 30;

/**
 * `GET /api/public/dossiers/:code` (no login) for random seeded codes, one at a time; null when the
 * server does not serve that route yet (it is not in its OpenAPI document). The route limits each
 * client address, so the requests come from as many loopback addresses (127.0.1.x) as it takes to stay
 * under that limit — as many citizens looking up their dossiers would.
 */
export async function benchPublicLookup(base: URL, requests: number, dossiers: number): Promise<(ReturnType<typeof percentiles> & { limited: number; addresses: number }) | null> {
  const addresses = Math.min(250, Math.ceil(requests / PER_ADDRESS));
  const clients = Array.from({ length: addresses }, (_, k) => new HttpClient(base, 1, `127.0.1.${k + 1}`));
  const http = { call: (method: string, path: string, r: number) => clients[r % addresses]!.call(method, path, null) };
  try {
    const openapi = await http.call("GET", "/api/openapi.json", 0);
    if (!openapi.body?.paths?.["/api/public/dossiers/{code}"]) return null;
    const code = (g: number) => `KT-2026-S${String(g).padStart(7, "0")}`;
    const latencies: number[] = [];
    let limited = 0;
    let x = 12345;
    for (let r = 0; r < requests; r++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      const t0 = performance.now();
      const res = await http.call("GET", `/api/public/dossiers/${code((x % dossiers) + 1)}`, r);
      latencies.push(performance.now() - t0);
      // The route limits requests per client address: answers 429 are counted, not timed.
      if (res.status === 429) {
        latencies.pop();
        limited++;
      } else if (res.status !== 200) throw new Error(`public lookup: ${res.status} ${JSON.stringify(res.body)}`);
    }
    return { ...percentiles(latencies), limited, addresses };
  } finally {
    for (const client of clients) client.close();
  }
}
