import { describe, expect, it } from "vitest";
import { compiled } from "../support/model-paths";
import {
  fundEffects,
  sendEvent,
  startDossier,
  stepEffects,
  type Actor,
  type DossierFacts,
  type StepEffect,
} from "../../workflows";

/**
 * The step's effects are data (issue 16): the pure core says, from the definition alone, which tasks
 * close and open and for whom, whether clocks move, which timers, document, unit, notification, children
 * and parent update the step means — in the order the server applies them.
 */

const title = (vi: string) => ({ vi });
const applicant: Actor = { id: "u-app", roles: ["applicant"], starter: true };
const specialist: Actor = { id: "u-spec", roles: ["specialist"] };
const leader: Actor = { id: "u-lead", roles: ["leader"] };
const AT = "2026-11-24T02:00:00.000Z";

const licence = compiled({
  key: "licence",
  title: title("Cấp phép"),
  initial: "draft",
  startForm: undefined,
  states: {
    draft: { title: title("Nháp"), assignee: { role: "applicant" }, on: { SUBMIT: { target: "review" } } },
    review: {
      title: title("Thẩm định"),
      assignee: { role: "specialist", unit: "$.data.authorityUnit" },
      deadline: { workingDays: 15, pauseIn: ["supplement"] },
      timers: [{ after: { workingDays: 15 }, event: "EXPIRE" }],
      on: { PROPOSE: { target: "decision" }, ASK: { target: "supplement" }, EXPIRE: { target: "expired", system: true } },
    },
    supplement: { title: title("Bổ sung"), assignee: { role: "applicant" }, on: { RESUBMIT: { target: "review" } } },
    decision: {
      title: title("Quyết định"),
      assignee: { role: "leader", unit: "$.data.authorityUnit" },
      deadline: { workingDays: 15, from: "review" },
      on: {
        APPROVE: {
          target: "approved",
          issueDocument: { type: "QĐ", title: title("Quyết định cấp phép {{data.name}}") },
          establishUnit: { kind: "association", parent: "$.data.authorityUnit", name: "{{data.name}}", code: "{{data.code}}" },
        },
      },
    },
    approved: { title: title("Đã cấp phép"), type: "final" },
    expired: { title: title("Hết hạn"), type: "final" },
  },
});

const dossier: DossierFacts = {
  id: "d-1",
  code: "KT-2026-000001",
  title: "Hội Cựu giáo chức",
  starterId: "u-app",
  starterUnitId: "commune-1",
  unitId: "snv",
  parentId: null,
  childKey: null,
};
const data = { name: "Hội Cựu giáo chức", code: "HCGC", authorityUnit: "snv" };

const kinds = (effects: StepEffect[]) => effects.map((e) => e.kind);

describe("the effects of a step, computed purely", () => {
  it("a start opens the applicant's task, lets the clocks follow (none runs in a draft) and notifies", () => {
    const effects = stepEffects(licence, startDossier(licence, data), "START", dossier, AT);
    expect(kinds(effects)).toEqual(["openTask", "moveClocks", "notify"]);
    expect(effects[0]).toMatchObject({ state: "draft", assignee: { role: "applicant", personal: true, unitId: "commune-1" }, excludedUserId: null });
  });

  it("a submission closes the draft's task, opens the specialist's in the named unit without the starter, starts the clock and the state's timer", () => {
    const start = startDossier(licence, data).snapshot;
    const step = sendEvent(licence, start, { type: "SUBMIT", actor: applicant, at: AT });
    const effects = stepEffects(licence, step, "SUBMIT", dossier, AT);
    expect(kinds(effects)).toEqual(["closeTasks", "openTask", "moveClocks", "cancelTimers", "planTimers", "notify"]);
    expect(effects[1]).toMatchObject({ state: "review", assignee: { role: "specialist", unitId: "snv", source: "/authorityUnit" }, excludedUserId: "u-app" });
    expect(effects[2]).toEqual({ kind: "moveClocks", active: ["review"], entered: true });
    expect(effects[4]).toEqual({ kind: "planTimers", timers: [{ state: "review", timer: { after: { workingDays: 15 }, event: "EXPIRE" } }] });
    expect(effects[5]).toMatchObject({ kind: "notify", event: "SUBMIT", entered: [{ state: "review", title: "Thẩm định", role: "specialist" }], finished: false });
  });

  it("the decision issues its document from the leader's unit and establishes the unit with its filled name and code", () => {
    let snapshot = startDossier(licence, data).snapshot;
    snapshot = sendEvent(licence, snapshot, { type: "SUBMIT", actor: applicant, at: AT }).snapshot;
    snapshot = sendEvent(licence, snapshot, { type: "PROPOSE", actor: specialist, at: AT }).snapshot;
    const step = sendEvent(licence, snapshot, { type: "APPROVE", actor: leader, at: AT });
    const effects = stepEffects(licence, step, "APPROVE", dossier, AT);
    expect(kinds(effects)).toEqual(["closeTasks", "moveClocks", "cancelTimers", "issueDocument", "establishUnit", "notify"]);
    expect(effects.find((e) => e.kind === "issueDocument")).toMatchObject({ unitId: "snv", spec: { type: "QĐ" } });
    expect(effects.find((e) => e.kind === "establishUnit")).toMatchObject({ parentId: "snv", name: "Hội Cựu giáo chức", code: "HCGC" });
    expect(effects.at(-1)).toMatchObject({ kind: "notify", finished: true });
  });

  it("an unfilled unit code leaves the new unit without a code, and an unnamed authority resolves to no unit (the server refuses it)", () => {
    let snapshot = startDossier(licence, { name: "Hội X" }).snapshot;
    const submitted = sendEvent(licence, snapshot, { type: "SUBMIT", actor: applicant, at: AT });
    const open = stepEffects(licence, submitted, "SUBMIT", { ...dossier, unitId: null }, AT).find((e) => e.kind === "openTask");
    expect(open).toMatchObject({ assignee: { unitId: null, source: "/authorityUnit" } });
    snapshot = sendEvent(licence, submitted.snapshot, { type: "PROPOSE", actor: specialist, at: AT }).snapshot;
    const approved = sendEvent(licence, snapshot, { type: "APPROVE", actor: leader, at: AT });
    const unit = stepEffects(licence, approved, "APPROVE", dossier, AT).find((e) => e.kind === "establishUnit");
    expect(unit).toMatchObject({ parentId: null, code: null });
  });

  it("a child that moves tells its parent; its own start does not", () => {
    const child = { ...dossier, parentId: "plan-1", childKey: "report:u-1" };
    const start = startDossier(licence, data);
    expect(kinds(stepEffects(licence, start, "START", child, AT))).not.toContain("tellParent");
    const step = sendEvent(licence, start.snapshot, { type: "SUBMIT", actor: applicant, at: AT });
    const effects = stepEffects(licence, step, "SUBMIT", child, AT);
    expect(effects.at(-1)).toEqual({ kind: "tellParent", parentId: "plan-1", update: { key: "report:u-1", id: "d-1", state: "review", final: false, late: false } });
    // A child's tasks are not the starter's own dossier: the engine started it, nobody is excluded.
    expect(effects.find((e) => e.kind === "openTask")).toMatchObject({ excludedUserId: null });
  });

  it("the fund pack adds its own effects: every step keeps the lines, a payout pays the line it names", () => {
    const step = startDossier(licence, data);
    expect(fundEffects(step, { type: "VERIFY", data: null })).toEqual([{ kind: "fund.lines", event: "VERIFY", amounts: undefined }]);
    expect(fundEffects(step, { type: "PAY", data: { lineId: "L2" } }).map((e) => e.kind)).toEqual(["fund.lines", "fund.payout"]);
  });
});
