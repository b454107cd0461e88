import { refusal } from "../support/refusal";
import { describe, expect, it } from "vitest";
import {
  availableEvents,
  builtinDefinitions,
  checkDefinition,
  compileWorkflow,
  isStartersOwnWork,
  sendEvent,
  startDossier,
  type Actor,
  type CompiledWorkflow,
  type DossierSnapshot,
} from "../../workflows";

function builtin(key: string): CompiledWorkflow {
  const check = checkDefinition(builtinDefinitions.find((d) => (d as { key: string }).key === key));
  if (!check.ok) throw new Error(JSON.stringify(check.problems));
  return compileWorkflow(check.definition);
}

/** Sends events in order, each from its actor; answers the snapshot reached. */
function walk(wf: CompiledWorkflow, data: Record<string, unknown>, events: [string, Actor, Record<string, unknown>?][]): DossierSnapshot {
  let snapshot = startDossier(wf, data).snapshot;
  for (const [type, actor, eventData] of events) snapshot = sendEvent(wf, snapshot, { type, actor, data: eventData ?? {} }).snapshot;
  return snapshot;
}


// A fund leader who files a request naming himself: the server hands in his roles and marks him starter.
const chairmanAsStarter: Actor = { id: "u-chair", roles: ["applicant", "leader"], starter: true };
const specialist: Actor = { id: "u-spec", roles: ["specialist"] };
/** A 15.000.000 ₫ request for the chairman himself. */
const REQUEST = { fundUnit: "fund", lines: [{ fullName: "Chủ tịch Quỹ", amount: 15_000_000 }] };
/** The server's screening facts: nothing flagged. */
const SCREENED = { $server: { unclearedFlags: 0 } };
/** The least a committee needs to hand its dossier in. */
const COMMITTEE = { name: "Hội Cựu giáo chức", scope: "commune", members: [{}, {}, {}], criminalRecord: "att-llpt" };

describe("separation of duties in the pure engine", () => {
  it("the starter of a fund request cannot approve it, though he is a leader of the fund", () => {
    const wf = builtin("fund-disbursement");
    const proposed = walk(wf, REQUEST, [
      ["SUBMIT", chairmanAsStarter],
      ["PROPOSE", specialist, SCREENED],
    ]);
    expect(proposed.value).toBe("singleApproval");
    const error = refusal(() => sendEvent(wf, proposed, { type: "APPROVE", actor: chairmanAsStarter, data: {} }));
    expect(error.code).toBe("SELF_DECISION_FORBIDDEN");
    expect(error.message).toMatch(/không được tự/);
    // Not offered either; the same leader on someone else's request may approve.
    expect(availableEvents(wf, proposed, chairmanAsStarter).map((e) => e.type)).toEqual([]);
    const { starter: _, ...otherLeader } = chairmanAsStarter;
    expect(availableEvents(wf, proposed, otherLeader).map((e) => e.type)).toContain("APPROVE");
  });

  it("the starter keeps his applicant events (supplement, withdraw)", () => {
    const wf = builtin("fund-disbursement");
    const supplement = walk(wf, REQUEST, [["SUBMIT", chairmanAsStarter]]);
    const asked = sendEvent(wf, supplement, { type: "REQUEST_SUPPLEMENT", actor: specialist, data: { items: ["x"] } }).snapshot;
    expect(availableEvents(wf, asked, chairmanAsStarter).map((e) => e.type).sort()).toEqual(["RESUBMIT", "WITHDRAW"]);
    const starterSpecialist: Actor = { id: "u-chair", roles: ["applicant", "specialist"], starter: true };
    expect(refusal(() => sendEvent(wf, supplement, { type: "PROPOSE", actor: starterSpecialist, data: SCREENED })).code).toBe("SELF_DECISION_FORBIDDEN");
  });

  it("a plan's specialist drafts and compiles his own plan but does not approve it", () => {
    const wf = builtin("plan");
    expect(isStartersOwnWork(wf, wf.states.get("drafting")!)).toBe(true);
    expect(isStartersOwnWork(wf, wf.states.get("compiling")!)).toBe(true);
    expect(isStartersOwnWork(wf, wf.states.get("approval")!)).toBe(false);
    const author: Actor = { id: "u-author", roles: ["specialist", "leader"], starter: true };
    const submitted = walk(wf, { approvalUnit: "u" }, [["SUBMIT", author]]);
    expect(refusal(() => sendEvent(wf, submitted, { type: "APPROVE", actor: author, data: {} })).code).toBe("SELF_DECISION_FORBIDDEN");
  });

  it("in the founding procedure a leader of the authority who starts the dossier cannot decide on it", () => {
    const wf = builtin("association-founding");
    const leaderStarter: Actor = { id: "u-snv", roles: ["applicant", "specialist", "leader"], starter: true };
    const draft = startDossier(wf, COMMITTEE).snapshot;
    const review = sendEvent(wf, draft, { type: "SUBMIT", actor: leaderStarter }).snapshot;
    expect(refusal(() => sendEvent(wf, review, { type: "PROPOSE", actor: leaderStarter })).code).toBe("SELF_DECISION_FORBIDDEN");
    const decision = sendEvent(wf, review, { type: "PROPOSE", actor: specialist }).snapshot;
    expect(refusal(() => sendEvent(wf, decision, { type: "APPROVE", actor: leaderStarter })).code).toBe("SELF_DECISION_FORBIDDEN");
    // Someone without the role still gets the plain role refusal.
    expect(refusal(() => sendEvent(wf, decision, { type: "APPROVE", actor: { id: "x", roles: ["applicant"], starter: true } })).code).toBe("ROLE_NOT_ALLOWED");
  });
});

describe("four eyes where a definition asks for it", () => {
  const definition = {
    key: "four-eyes",
    title: { vi: "Bốn mắt" },
    initial: "review",
    states: {
      review: { title: { vi: "Thẩm định" }, assignee: { role: "specialist" }, on: { PROPOSE: { target: "decision", actions: ["recordProposer"] } } },
      decision: {
        title: { vi: "Quyết định" },
        assignee: { role: "leader" },
        on: {
          APPROVE: {
            target: "done",
            guard: { condition: { "!=": [{ var: "actor.id" }, { var: "data.$proposedBy" }] }, message: { vi: "Người trình không được tự phê duyệt" } },
          },
        },
      },
      done: { title: { vi: "Xong" }, type: "final" },
    },
  };

  it("refuses the proposer's own approval and does not offer it; another leader approves", () => {
    const check = checkDefinition(definition);
    if (!check.ok) throw new Error(JSON.stringify(check.problems));
    const wf = compileWorkflow(check.definition);
    const both: Actor = { id: "u-both", roles: ["specialist", "leader"] };
    const proposed = sendEvent(wf, startDossier(wf, {}).snapshot, { type: "PROPOSE", actor: both }).snapshot;
    expect(proposed.context.data.$proposedBy).toBe("u-both");
    const error = refusal(() => sendEvent(wf, proposed, { type: "APPROVE", actor: both }));
    expect([error.code, error.message]).toEqual(["CONDITION_FAILED", "Người trình không được tự phê duyệt"]);
    expect(availableEvents(wf, proposed, both)).toEqual([]);
    expect(sendEvent(wf, proposed, { type: "APPROVE", actor: { id: "u-other", roles: ["leader"] } }).to).toEqual(["done"]);
  });
});
