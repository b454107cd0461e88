import { describe, expect, it } from "vitest";
import {
  builtinDefinitions,
  checkDefinition,
  compileWorkflow,
  EngineError,
  isInInitialState,
  permittedTransitions,
  replay,
  SAVE_DRAFT,
  saveDraft,
  sendEvent,
  startDossier,
  type Actor,
} from "../../workflows";

const applicant: Actor = { id: "u-app", roles: ["applicant"] };
const specialist: Actor = { id: "u-spec", roles: ["specialist"] };
const COMMITTEE = { name: "Hội A", scope: "commune", members: [{}, {}, {}], criminalRecord: "att-llpt" };

function founding() {
  const check = checkDefinition(builtinDefinitions[0]);
  if (!check.ok) throw new Error(JSON.stringify(check.problems));
  return compileWorkflow(check.definition);
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof EngineError ? e.code : String(e);
  }
  return undefined;
}

describe("drafts in the pure core", () => {
  it("replaces the data while the dossier is in its initial state, without moving it", () => {
    const wf = founding();
    const start = startDossier(wf, { name: "Hội A", scope: "province" }).snapshot;
    const step = saveDraft(wf, start, { name: "Hội B" });
    expect(step.snapshot).toEqual({ ...start, context: { data: { name: "Hội B" } } });
    expect(step).toMatchObject({ from: ["draft"], to: ["draft"], entered: [], exited: [], transition: null });
  });

  it("refuses a draft save once the dossier has left its initial state, and on a closed dossier", () => {
    const wf = founding();
    const submitted = sendEvent(wf, startDossier(wf, COMMITTEE).snapshot, { type: "SUBMIT", actor: applicant }).snapshot;
    expect(isInInitialState(wf, submitted)).toBe(false);
    expect(codeOf(() => saveDraft(wf, submitted, {}))).toBe("EVENT_NOT_ALLOWED");
    const withdrawn = sendEvent(wf, startDossier(wf, {}).snapshot, { type: "WITHDRAW", actor: applicant }).snapshot;
    expect(codeOf(() => saveDraft(wf, withdrawn, {}))).toBe("DOSSIER_CLOSED");
  });

  it("replays draft saves as data replacement", () => {
    const wf = founding();
    const events = [
      { type: SAVE_DRAFT, data: { name: "Hội B", members: [] }, actor: applicant },
      { type: SAVE_DRAFT, data: { ...COMMITTEE, name: "Hội C" }, actor: applicant },
      { type: "SUBMIT", actor: applicant },
    ];
    const snapshot = replay(wf, { name: "Hội A" }, events);
    expect(snapshot).toMatchObject({ value: "committeeReview", context: { data: { name: "Hội C" } } });
  });

  it("names the transitions an event may take, with their forms, before any condition is judged", () => {
    const wf = founding();
    const review = sendEvent(wf, startDossier(wf, COMMITTEE).snapshot, { type: "SUBMIT", actor: applicant }).snapshot;
    expect(permittedTransitions(wf, review, { type: "PROPOSE_REJECTION", actor: specialist }).map((o) => o.transition.form)).toEqual(["refusal-reasons"]);
    expect(codeOf(() => permittedTransitions(wf, review, { type: "PROPOSE_REJECTION", actor: applicant }))).toBe("ROLE_NOT_ALLOWED");
    expect(codeOf(() => permittedTransitions(wf, review, { type: "SUBMIT", actor: applicant }))).toBe("EVENT_NOT_ALLOWED");
  });
});
