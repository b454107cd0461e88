import { describe, expect, it } from "vitest";
import { builtinForm } from "../../forms";
import { builtinDefinitions, dataActions, WorkflowDefinition } from "../../workflows";

const forced = builtinDefinitions.map((d) => WorkflowDefinition.parse(d)).find((d) => d.key === "association-forced-dissolution")!;

describe("forced dissolution's grounds and response period", () => {
  it("offers on the form exactly the grounds the definition's config cites", () => {
    const field = builtinForm("forced-dissolution-request")!.schema.properties as Record<string, { oneOf?: { const: string }[] }>;
    expect(field.ground!.oneOf!.map((o) => o.const)).toEqual(Object.keys(forced.config!.grounds as object));
    expect(forced.configSources?.grounds).toMatchObject({ decree: "Nghị định 126/2024/NĐ-CP", verified: false });
  });

  it("keeps the chosen ground's text, and opens the response period from the notice's day", () => {
    const context = { event: {}, config: forced.config!, now: null, today: "2026-12-04" };
    expect(dataActions.recordDissolutionGround!({ ground: "noReports" }, context).$groundText).toMatch(/02 năm liên tục/);
    expect(dataActions.recordDissolutionGround!({ ground: "toString" }, context).$groundText).toBeNull();
    expect(dataActions.openResponsePeriod!({}, context).$response).toEqual({ from: "2026-12-04", until: "2026-12-19" });
    expect(dataActions.openResponsePeriod!({}, { ...context, today: null }).$response).toBeNull();
  });
});
