import { refusal } from "../support/refusal";
import { compiled } from "../support/model-paths";
import { describe, expect, it } from "vitest";
import {
  availableEvents,
  sendEvent,
  startDossier,
  type Actor,
  type DossierSnapshot,
} from "../../workflows";

/** XState alone chooses the transition; the step reports the one it took (issue 16, item 1). */



const applicant: Actor = { id: "u-app", roles: ["applicant"] };
const specialist: Actor = { id: "u-spec", roles: ["specialist"] };
const leader: Actor = { id: "u-lead", roles: ["leader"] };

const title = (vi: string) => ({ vi });
const decision = (vi: string) => ({ type: "QĐ", title: { vi } });
const final = (vi: string) => ({ title: title(vi), type: "final" });

/**
 * The issue's case: one event, two transitions; the first is the specialist's through the state's
 * assignee, the second a leader's through its guard. Each issues its own document.
 */
const twoDesks = {
  key: "two-desks",
  title: title("Hai bàn"),
  initial: "draft",
  states: {
    draft: { title: title("Nháp"), assignee: { role: "applicant" }, on: { SUBMIT: { target: "review" } } },
    review: {
      title: title("Thẩm định"),
      assignee: { role: "specialist" },
      on: {
        DECIDE: [
          { target: "bySpecialist", issueDocument: decision("Quyết định của chuyên viên") },
          { target: "byLeader", guard: { role: "leader" }, issueDocument: decision("Quyết định của lãnh đạo") },
        ],
      },
    },
    bySpecialist: final("Chuyên viên quyết"),
    byLeader: final("Lãnh đạo quyết"),
  },
};

describe("the transition reported is the one XState took", () => {
  const wf = compiled(twoDesks);
  const review = sendEvent(wf, startDossier(wf, {}).snapshot, { type: "SUBMIT", actor: applicant }).snapshot;

  it("a leader's event moves the dossier to byLeader and reports byLeader's document (failed on the old engine: bySpecialist)", () => {
    const step = sendEvent(wf, review, { type: "DECIDE", actor: leader });
    expect(step.to).toEqual(["byLeader"]);
    expect(step.transition?.target).toBe("byLeader");
    expect(step.transition?.issueDocument?.title.vi).toBe("Quyết định của lãnh đạo");
  });

  it("a specialist's event takes the specialist's transition", () => {
    const step = sendEvent(wf, review, { type: "DECIDE", actor: specialist });
    expect([step.to, step.transition?.target]).toEqual([["bySpecialist"], "bySpecialist"]);
  });

  it("offers the leader the transition XState would take", () => {
    expect(availableEvents(wf, review, leader)).toEqual([{ type: "DECIDE", title: null, form: null, target: "byLeader" }]);
    expect(availableEvents(wf, review, applicant)).toEqual([]);
  });

  it("separation of duties is a guard too: a starter holding leader takes the applicant's transition, not the leader's", () => {
    const wf = compiled({
      ...twoDesks,
      key: "starter-desk",
      states: {
        ...twoDesks.states,
        review: {
          title: title("Thẩm định"),
          assignee: { role: "specialist" },
          on: { DECIDE: [{ target: "byLeader", guard: { role: "leader" } }, { target: "bySpecialist", guard: { role: "applicant" } }] },
        },
      },
    });
    const starter: Actor = { id: "u-chair", roles: ["applicant", "leader"], starter: true };
    const reviewed = sendEvent(wf, startDossier(wf, {}).snapshot, { type: "SUBMIT", actor: starter }).snapshot;
    const step = sendEvent(wf, reviewed, { type: "DECIDE", actor: starter });
    expect([step.to, step.transition?.target]).toEqual([["bySpecialist"], "bySpecialist"]);
    const { starter: _, ...sameLeaderElsewhere } = starter;
    expect(sendEvent(wf, reviewed, { type: "DECIDE", actor: sameLeaderElsewhere }).to).toEqual(["byLeader"]);
  });
});

/** Several transitions per event, guarded by role (written or through the assignee) and by data. */
const desk = {
  key: "desk",
  title: title("Bàn xử lý"),
  initial: "draft",
  states: {
    draft: { title: title("Nháp"), assignee: { role: "applicant" }, on: { SUBMIT: { target: "review" } } },
    review: {
      title: title("Thẩm định"),
      assignee: { role: "specialist" },
      on: {
        DECIDE: [
          {
            target: "big",
            guard: { role: "leader", condition: { ">=": [{ var: "event.amount" }, 101] }, message: { vi: "Thiếu số tiền" } },
          },
          { target: "small", guard: { role: "leader", condition: { "<": [0, { var: "event.amount" }, 101] } } },
          { target: "escalated", guard: { condition: { "==": [{ var: "event.urgent" }, true] } } },
          { target: "returned", guard: { role: "specialist" } },
        ],
        CLOSE: [
          { target: "closedLate", guard: { condition: { "==": [{ var: "data.late" }, true] } } },
          { target: "closedOnTime" },
        ],
        TIMEOUT: { target: "closedLate", system: true },
      },
    },
    big: final("Lớn"),
    small: final("Nhỏ"),
    escalated: final("Chuyển cấp"),
    returned: final("Trả lại"),
    closedLate: final("Đóng trễ"),
    closedOnTime: final("Đóng đúng hạn"),
  },
};

describe("several transitions per event, guarded by role and by data", () => {
  const wf = compiled(desk);
  const reviewWith = (data: Record<string, unknown>): DossierSnapshot =>
    sendEvent(wf, startDossier(wf, data).snapshot, { type: "SUBMIT", actor: applicant }).snapshot;
  const both: Actor = { id: "u-both", roles: ["specialist", "leader"] };
  const system: Actor = { id: "system", roles: [], system: true };

  const rows: { who: string; actor: Actor; type: string; event?: Record<string, unknown>; data?: Record<string, unknown>; expected: string }[] = [
    { who: "leader, large amount", actor: leader, type: "DECIDE", event: { amount: 500 }, expected: "big" },
    { who: "leader, small amount", actor: leader, type: "DECIDE", event: { amount: 50 }, expected: "small" },
    { who: "leader, no amount", actor: leader, type: "DECIDE", event: {}, expected: "CONDITION_FAILED" },
    { who: "leader, urgent but no amount (urgent is the specialist's)", actor: leader, type: "DECIDE", event: { urgent: true }, expected: "CONDITION_FAILED" },
    { who: "specialist, urgent", actor: specialist, type: "DECIDE", event: { urgent: true, amount: 500 }, expected: "escalated" },
    { who: "specialist, not urgent", actor: specialist, type: "DECIDE", event: { amount: 500 }, expected: "returned" },
    { who: "both roles, large amount", actor: both, type: "DECIDE", event: { amount: 500, urgent: true }, expected: "big" },
    { who: "both roles, no amount, urgent", actor: both, type: "DECIDE", event: { urgent: true }, expected: "escalated" },
    { who: "both roles as starter", actor: { ...both, roles: ["applicant", "specialist", "leader"], starter: true }, type: "DECIDE", event: { amount: 5 }, expected: "SELF_DECISION_FORBIDDEN" },
    { who: "applicant", actor: applicant, type: "DECIDE", event: { amount: 5 }, expected: "ROLE_NOT_ALLOWED" },
    { who: "leader closing (the specialist's)", actor: leader, type: "CLOSE", expected: "ROLE_NOT_ALLOWED" },
    { who: "specialist closing a late dossier", actor: specialist, type: "CLOSE", data: { late: true }, expected: "closedLate" },
    { who: "specialist closing on time", actor: specialist, type: "CLOSE", data: { late: false }, expected: "closedOnTime" },
    { who: "a person sending the timer's event", actor: both, type: "TIMEOUT", expected: "ROLE_NOT_ALLOWED" },
    { who: "the engine's timer", actor: system, type: "TIMEOUT", expected: "closedLate" },
    { who: "the engine deciding (no role check, conditions still)", actor: system, type: "DECIDE", event: { amount: 50 }, expected: "small" },
    { who: "an event not declared here", actor: specialist, type: "SUBMIT", expected: "EVENT_NOT_ALLOWED" },
  ];

  it.each(rows)("$who → $expected", ({ actor, type, event, data, expected }) => {
    const review = reviewWith(data ?? {});
    const send = () => sendEvent(wf, review, { type, actor, ...(event ? { data: event } : {}) });
    if (/^[A-Z_]+$/.test(expected)) {
      expect(refusal(send).code).toBe(expected);
      return;
    }
    const step = send();
    expect(step.to).toEqual([expected]);
    expect(step.transition?.target).toBe(expected);
  });

  it("a failed condition explains itself with the message of the actor's first transition", () => {
    expect(refusal(() => sendEvent(wf, reviewWith({}), { type: "DECIDE", actor: leader, data: {} })).message).toBe("Thiếu số tiền");
  });

  it("offers what XState would take: data conditions on the dossier are judged, those on the event's data are not yet", () => {
    expect(availableEvents(wf, reviewWith({ late: true }), specialist)).toEqual([
      { type: "DECIDE", title: null, form: null, target: "escalated" },
      { type: "CLOSE", title: null, form: null, target: "closedLate" },
    ]);
    expect(availableEvents(wf, reviewWith({}), specialist).find((e) => e.type === "CLOSE")?.target).toBe("closedOnTime");
    expect(availableEvents(wf, reviewWith({}), leader).map((e) => [e.type, e.target])).toEqual([["DECIDE", "big"]]);
    expect(availableEvents(wf, reviewWith({}), system).map((e) => e.type)).toEqual(["DECIDE", "CLOSE", "TIMEOUT"]);
    expect(availableEvents(wf, reviewWith({}), null).map((e) => e.type)).toEqual(["DECIDE", "CLOSE"]);
  });
});
