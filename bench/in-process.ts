import type { Services } from "../server/services";
import { loadSessionUser } from "../server/services/session-user";
import { APPROVAL_KEY, APPROVAL_STEPS } from "./approval";
import { benchUserId } from "./world";

/**
 * The same approval through Hoso's services in-process — no HTTP, the way the peer runs: `clients`
 * dossiers at once for `seconds`, client `i` acting as the applicant, specialist and leader of bench
 * unit `i`. Every step is still one durable transaction with history, tasks, timers and outbox.
 */
export async function benchInProcess(services: Services, clients: number, seconds: number): Promise<{ dossiersPerSecond: number; transitionsPerSecond: number }> {
  const { db } = services.database;
  const people = await Promise.all(
    Array.from({ length: clients }, async (_, k) => {
      const [applicant, specialist, leader] = await Promise.all(
        (["applicant", "specialist", "leader"] as const).map(async (role) => (await loadSessionUser(db, benchUserId(role, k + 1)))!),
      );
      return { applicant: applicant!, specialist: specialist!, leader: leader! };
    }),
  );
  let dossiers = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  await Promise.all(
    people.map(async (who) => {
      while (performance.now() < deadline) {
        const row = await services.dossiers.start(who.applicant, APPROVAL_KEY, { name: "Hồ sơ đo" });
        for (const step of APPROVAL_STEPS) await services.dossiers.send(who[step.by], row.id, { type: step.type });
        dossiers++;
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  return { dossiersPerSecond: dossiers / elapsed, transitionsPerSecond: (dossiers * 4) / elapsed };
}
