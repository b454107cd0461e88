import { createApp } from "../server/app";
import { openDatabase } from "../server/db/client";
import { createServices } from "../server/services";
import { APPROVAL_KEY, APPROVAL_STEPS } from "./approval";
import { BENCH_PASSWORD, benchUser, seedBenchWorld } from "./world";

export type StatementCount = { request: string; statements: number; sql: string[] };

/**
 * The SQL statements each request of the bench approval sends to PostgreSQL (postgres.js' `debug`
 * hook), run in-process on a database of the caller's: every statement is a round trip, and round
 * trips are what a durable transition's time is made of.
 */
export async function countStatements(url: string): Promise<StatementCount[]> {
  let seen: string[] = [];
  const database = openDatabase({ url, dataDir: "unused", poolSize: 4, onQuery: (q) => seen.push(q) });
  try {
    const services = await createServices({ database });
    await seedBenchWorld(services, 1);
    const app = createApp(services);
    const sessions: Record<string, { cookie: string; csrf: string }> = {};
    for (const role of ["applicant", "specialist", "leader"] as const) {
      const res = await app.request("/api/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: benchUser(role, 1), password: BENCH_PASSWORD }),
      });
      const body = (await res.json()) as { csrfToken: string };
      sessions[role] = { cookie: res.headers.get("set-cookie")!.split(";")[0]!, csrf: body.csrfToken };
    }
    let counts: StatementCount[] = [];
    const call = async (name: string, path: string, who: string, body: unknown, expected: number) => {
      seen = [];
      const res = await app.request(path, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: sessions[who]!.cookie, "x-csrf-token": sessions[who]!.csrf },
        body: JSON.stringify(body),
      });
      if (res.status !== expected) throw new Error(`${name}: ${res.status} ${await res.text()}`);
      counts.push({ request: name, statements: seen.length, sql: seen });
      return (await res.json()) as { id: string };
    };
    // Twice: the first round also carries the driver's one-time type lookups on new connections.
    for (let round = 0; round < 2; round++) {
      counts = [];
      const started = await call("start", "/api/instances", "applicant", { workflow: APPROVAL_KEY, data: { name: "Hồ sơ đếm" } }, 201);
      for (const step of APPROVAL_STEPS) await call(step.type, `/api/instances/${started.id}/events`, step.by, { type: step.type }, 200);
    }
    return counts;
  } finally {
    await database.close();
  }
}
