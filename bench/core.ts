import { compileWorkflow, sendEvent, startDossier, WorkflowDefinition, type Actor } from "../workflows";
import { approvalDefinition, APPROVAL_STEPS } from "./approval";

const ACTORS: Record<string, Actor> = {
  applicant: { id: "a", roles: ["applicant"] },
  specialist: { id: "s", roles: ["specialist"] },
  leader: { id: "l", roles: ["leader"] },
};

/**
 * The engine's ceiling: the approval through the pure core in-process (start + 3 events per dossier,
 * no database, no HTTP), for `seconds`. Returns transitions per second.
 */
export function benchCore(seconds: number): { transitionsPerSecond: number; dossiers: number } {
  const wf = compileWorkflow(WorkflowDefinition.parse(approvalDefinition));
  const run = () => {
    let snapshot = startDossier(wf, { name: "Hồ sơ đo" }).snapshot;
    for (const step of APPROVAL_STEPS) snapshot = sendEvent(wf, snapshot, { type: step.type, data: {}, actor: ACTORS[step.by]! }).snapshot;
    if (snapshot.status !== "done") throw new Error("the approval did not finish");
  };
  for (let i = 0; i < 2000; i++) run(); // warm-up: let the JIT settle
  const start = performance.now();
  let dossiers = 0;
  while (performance.now() - start < seconds * 1000) {
    for (let i = 0; i < 100; i++) run();
    dossiers += 100;
  }
  const elapsed = (performance.now() - start) / 1000;
  return { transitionsPerSecond: (dossiers * (1 + APPROVAL_STEPS.length)) / elapsed, dossiers };
}
