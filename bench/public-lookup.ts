import { HttpClient } from "./http-client";
import { percentiles } from "./stats";

/**
 * `GET /api/public/dossiers/:code` (no login) for random seeded codes, one at a time; null when the
 * server does not serve that route yet (it is not in its OpenAPI document).
 */
export async function benchPublicLookup(base: URL, requests: number, dossiers: number): Promise<(ReturnType<typeof percentiles> & { limited: number }) | null> {
  const http = new HttpClient(base, 1);
  try {
    const openapi = await http.call("GET", "/api/openapi.json", null);
    if (!openapi.body?.paths?.["/api/public/dossiers/{code}"]) return null;
    const code = (g: number) => `KT-2026-S${String(g).padStart(7, "0")}`;
    const latencies: number[] = [];
    let limited = 0;
    let x = 12345;
    for (let r = 0; r < requests; r++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      const t0 = performance.now();
      const res = await http.call("GET", `/api/public/dossiers/${code((x % dossiers) + 1)}`, null);
      latencies.push(performance.now() - t0);
      // The route limits requests per client address: answers 429 are counted, not timed.
      if (res.status === 429) {
        latencies.pop();
        limited++;
      } else if (res.status !== 200) throw new Error(`public lookup: ${res.status} ${JSON.stringify(res.body)}`);
    }
    return { ...percentiles(latencies), limited };
  } finally {
    http.close();
  }
}
