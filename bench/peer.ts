import { Engine } from "bpmn-engine";
import { sql } from "drizzle-orm";
import type { Db } from "../server/db/client";
import { rowsOf } from "../server/services/session-user";
import { approvalBpmn } from "./approval";

/**
 * The peer: the same approval run by `bpmn-engine` the way a stateless server must run it. Each step is
 * one transaction: lock the stored state row, `recover` an engine from it, `resume`, `signal` the waiting
 * user task, store the new state. A dossier is the start (execute until the first user task waits) and
 * three signalled steps. Runs `clients` dossiers at once for `seconds`; returns dossiers per second.
 */
export async function benchPeer(db: Db, clients: number, seconds: number): Promise<{ dossiersPerSecond: number; transitionsPerSecond: number; dossiers: number }> {
  await db.execute(sql`create table if not exists bench_bpmn_state (id bigserial primary key, state jsonb not null, version int not null default 1)`);
  await db.execute(sql`truncate bench_bpmn_state`);

  const waitingTask = (engine: Engine) => engine.execution!.getPostponed().find((a) => a.type === "bpmn:UserTask");

  const startOne = () =>
    db.transaction(async (tx) => {
      const engine = new Engine({ name: "approval", source: approvalBpmn });
      await engine.execute();
      if (!waitingTask(engine)) throw new Error("bpmn: no user task waiting after start");
      const state = await engine.getState();
      const [row] = rowsOf<{ id: string }>(await tx.execute(sql`insert into bench_bpmn_state (state) values (${JSON.stringify(state)}::jsonb) returning id`));
      engine.stop();
      return row!.id;
    });

  const stepOne = (id: string) =>
    db.transaction(async (tx) => {
      const [row] = rowsOf<{ state: unknown }>(await tx.execute(sql`select state from bench_bpmn_state where id = ${id} for update`));
      const stored = typeof row!.state === "string" ? JSON.parse(row!.state) : row!.state;
      const engine = new Engine({ name: "approval", source: approvalBpmn }).recover(stored);
      const execution = await engine.resume();
      const task = execution.getPostponed().find((a) => a.type === "bpmn:UserTask");
      if (!task) throw new Error("bpmn: no user task waiting after resume");
      execution.signal({ id: task.id });
      const state = await engine.getState();
      await tx.execute(sql`update bench_bpmn_state set state = ${JSON.stringify(state)}::jsonb, version = version + 1 where id = ${id}`);
      const done = execution.state === "idle" && execution.getPostponed().length === 0;
      engine.stop();
      return done;
    });

  const runDossier = async () => {
    const id = await startOne();
    for (let i = 0; i < 3; i++) {
      const done = await stepOne(id);
      if (done !== (i === 2)) throw new Error(`bpmn: after step ${i + 1} the process is ${done ? "" : "not "}complete`);
    }
  };

  await runDossier(); // warm-up and a check that the model completes after exactly three signals
  let dossiers = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        await runDossier();
        dossiers++;
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  await db.execute(sql`drop table bench_bpmn_state`);
  return { dossiersPerSecond: dossiers / elapsed, transitionsPerSecond: (dossiers * 4) / elapsed, dossiers };
}
