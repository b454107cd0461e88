import { describe, expect, it } from "vitest";
import { builtinDefinitions, compileWorkflow, sendEvent, startDossier, stepEffects, type Actor, type DossierFacts, type WorkflowDefinition } from "../../workflows";

/** The one-stop slips are the step's effects, decided from the definition alone (`workflows/one-stop.ts`). */

const definitionOf = (key: string) => builtinDefinitions.find((d) => (d as WorkflowDefinition).key === key) as WorkflowDefinition;
const founding = compileWorkflow(definitionOf("association-founding"));
const applicant: Actor = { id: "u-app", roles: ["applicant"], starter: true };
const specialist: Actor = { id: "u-spec", roles: ["specialist"] };
const leader: Actor = { id: "u-lead", roles: ["leader"] };
const AT = "2026-03-02T02:00:00.000Z";
const dossier: DossierFacts = { id: "d1", code: "KT-2026-TEST", title: "Hội thử", starterId: "u-app", starterUnitId: "u-prov", unitId: "u-snv", parentId: null, childKey: null };
const data = { scope: "province", authorityUnit: "u-snv", members: [1, 2, 3, 4, 5].map((i) => ({ fullName: `Thành viên ${i}` })) };
const slips = (effects: ReturnType<typeof stepEffects>) =>
  effects.flatMap((e) => (e.kind === "issueReceipt" ? [`receipt ${e.clock} @${e.unitId}`] : e.kind === "issueDocument" ? [`${e.spec.type} @${e.unitId}`] : e.kind === "apologize" ? [`apology ${e.clocks.join()}`] : []));

describe("one-stop procedure of the built-in definitions", () => {
  it("is enabled for founding and dissolution, restarting the time after a supplement, every part with its source", () => {
    for (const key of ["association-founding", "association-dissolution"]) {
      const oneStop = definitionOf(key).oneStop!;
      expect(oneStop.clockOnSupplement.rule).toBe("restart");
      expect(oneStop.supplement.withinWorkingDays).toBe(3);
      expect([oneStop.receipt.document.type, oneStop.supplement.document.type, oneStop.apology.document.type]).toEqual(["GTN", "PYC", "PXL"]);
      for (const part of [oneStop.receipt, oneStop.supplement, oneStop.clockOnSupplement, oneStop.apology]) {
        expect(part.source).toMatchObject({ decree: "Nghị định 61/2018/NĐ-CP", verified: false, note: expect.stringContaining("điều, khoản chưa đối chiếu") });
      }
    }
  });

  it("issues a receipt when a clock starts or runs again, the supplement slip when it waits, nothing on a RETURN", () => {
    let snapshot = startDossier(founding, data).snapshot;
    const step = (type: string, actor: Actor, eventData: Record<string, unknown> = {}) => {
      const s = sendEvent(founding, snapshot, { type, actor, data: eventData, at: AT });
      snapshot = s.snapshot;
      return slips(stepEffects(founding, s, type, dossier, AT));
    };
    // The server computes who decides each stage at the first submission (here the Sở for every stage).
    const authorities = { recognition: "u-snv", recognitionBy: "filedWith", appraisal: "u-snv", decision: "u-snv", submission: false };
    expect(step("SUBMIT", applicant, { foundingAuthorities: authorities })).toEqual(["receipt committeeReview @u-snv"]);
    expect(step("PROPOSE", specialist)).toEqual([]);
    expect(step("RETURN", leader)).toEqual([]);
    expect(step("REQUEST_SUPPLEMENT", specialist, { items: ["x"] })).toEqual(["PYC @u-snv"]);
    expect(step("RESUBMIT", applicant)).toEqual(["receipt committeeReview @u-snv"]);
  });
});
