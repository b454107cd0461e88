import { describe, expect, it } from "vitest";
import { builtinDefinitions, type WorkflowDefinition } from "../../workflows";
import { authorityRulesFrom, resolveFoundingAuthorities, type AuthorityUnit } from "../../workflows/founding/authorities";

const founding = builtinDefinitions.find((d) => (d as WorkflowDefinition).key === "association-founding") as WorkflowDefinition;
const rules = authorityRulesFrom(founding.config ?? {})!;
const unit = (id: string, kind: string, parentId: string | null, code: string | null = null, retired = false): AuthorityUnit => ({ id, kind, code, parentId, retired });
const tree = [
  unit("qn", "province", null, "UBND"),
  unit("snv", "office", "qn", "SNV"),
  unit("syt", "office", "qn", "SYT"),
  unit("sgd", "office", "qn", "SGDĐT", true),
  unit("xa", "commune", "qn", "UBND"),
  // A Sở Y tế of another province is never picked.
  unit("other", "province", null, "UBND"),
  unit("syt-other", "office", "other", "SYT"),
];

describe("the founding authorities of a dossier (pure)", () => {
  it("the built-in definition carries the rules", () => {
    expect(rules.decidedByPeopleCommittee).toBe(true);
    expect(rules.managingAgencyByField["Y tế"]).toBe("SYT");
  });

  it("province: the field's Sở recognises, the Sở Nội vụ appraises, the People's Committee decides on a tờ trình", () => {
    expect(resolveFoundingAuthorities(rules, { scope: "province", fieldOfActivity: "Y TẾ" }, "snv", tree)).toEqual({
      recognition: "syt", recognitionBy: "fieldAgency", appraisal: "snv", decision: "qn", submission: true,
    });
  });

  it("a retired Sở, an unknown field or no field: the Sở Nội vụ recognises", () => {
    for (const fieldOfActivity of ["Giáo dục", "Khuyến học", undefined, 42]) {
      expect(resolveFoundingAuthorities(rules, { scope: "province", fieldOfActivity }, "snv", tree)).toMatchObject({ recognition: "snv", recognitionBy: "filedWith" });
    }
  });

  it("delegated: the Sở Nội vụ decides, no tờ trình", () => {
    expect(resolveFoundingAuthorities({ ...rules, decidedByPeopleCommittee: false }, { scope: "province", fieldOfActivity: "Y tế" }, "snv", tree)).toEqual({
      recognition: "syt", recognitionBy: "fieldAgency", appraisal: "snv", decision: "snv", submission: false,
    });
  });

  it("commune and national associations, or a unit with no province above it: one authority for every stage", () => {
    const single = (id: string) => ({ recognition: id, recognitionBy: "filedWith", appraisal: id, decision: id, submission: false });
    expect(resolveFoundingAuthorities(rules, { scope: "commune", fieldOfActivity: "Y tế" }, "xa", tree)).toEqual(single("xa"));
    expect(resolveFoundingAuthorities(rules, { scope: "national", fieldOfActivity: "Y tế" }, "snv", tree)).toEqual(single("snv"));
    expect(resolveFoundingAuthorities(rules, { scope: "province", fieldOfActivity: "Y tế" }, "qn", tree)).toEqual(single("qn"));
    expect(resolveFoundingAuthorities(rules, { scope: "province", fieldOfActivity: "Y tế" }, "orphan", [unit("orphan", "office", null, "SNV")])).toEqual(single("orphan"));
  });

  it("refuses malformed rules", () => {
    expect(authorityRulesFrom({})).toBeNull();
    expect(authorityRulesFrom({ authorities: { managingAgencyByField: { "Y tế": "" }, decidedByPeopleCommittee: true } })).toBeNull();
    expect(authorityRulesFrom({ authorities: { managingAgencyByField: {}, decidedByPeopleCommittee: "yes" } })).toBeNull();
  });
});
