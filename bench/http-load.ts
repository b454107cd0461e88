import { APPROVAL_KEY, APPROVAL_STEPS } from "./approval";
import { HttpClient, type Session } from "./http-client";
import { percentiles } from "./stats";
import { BENCH_PASSWORD, benchUser } from "./world";

export type HttpLoadResult = {
  transitionsPerSecond: number;
  dossiersPerSecond: number;
  latency: ReturnType<typeof percentiles>;
  failures: number;
  firstFailure: string | null;
};

/**
 * Durable transitions over real HTTP: `clients` concurrent clients, client `i` acting as the applicant,
 * specialist and leader of bench unit `i`, each looping start → SUBMIT → PROPOSE → APPROVE for
 * `seconds`. Every request is one committed transaction; its latency is recorded.
 */
export async function benchHttp(base: URL, clients: number, seconds: number, hooks: { onStart?: () => void; onTick?: () => void } = {}): Promise<HttpLoadResult> {
  const { onStart, onTick } = hooks;
  const http = new HttpClient(base, clients);
  const people = await Promise.all(
    Array.from({ length: clients }, async (_, k) => {
      const i = k + 1;
      const [applicant, specialist, leader] = await Promise.all(
        (["applicant", "specialist", "leader"] as const).map((role) => http.login(benchUser(role, i), BENCH_PASSWORD)),
      );
      return { applicant: applicant!, specialist: specialist!, leader: leader! } as Record<string, Session>;
    }),
  );
  const latencies: number[] = [];
  let transitions = 0;
  let dossiers = 0;
  let failures = 0;
  let firstFailure: string | null = null;
  const timed = async (method: string, path: string, session: Session, body: unknown, expected: number) => {
    const t0 = performance.now();
    const res = await http.call(method, path, session, body);
    latencies.push(performance.now() - t0);
    if (res.status !== expected) {
      failures++;
      firstFailure ??= `${method} ${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
      return null;
    }
    transitions++;
    return res.body;
  };
  onStart?.(); // after the sign-ins: argon2 is not part of a transition
  const tick = onTick ? setInterval(onTick, 1000) : null;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  await Promise.all(
    people.map(async (who) => {
      while (performance.now() < deadline) {
        const started = await timed("POST", "/api/instances", who.applicant!, { workflow: APPROVAL_KEY, data: { name: "Hồ sơ đo" } }, 201);
        if (!started) continue;
        let ok = true;
        for (const step of APPROVAL_STEPS) {
          if (!(await timed("POST", `/api/instances/${started.id}/events`, who[step.by]!, { type: step.type }, 200))) {
            ok = false;
            break;
          }
        }
        if (ok) dossiers++;
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  if (tick) clearInterval(tick);
  http.close();
  return { transitionsPerSecond: transitions / elapsed, dossiersPerSecond: dossiers / elapsed, latency: percentiles(latencies), failures, firstFailure };
}
