import { describe, expect, it } from "vitest";
import { builtinForm, collectAttachmentIds, collectUnitIds } from "../../forms/index.js";
import { foundingCommittee } from "./samples.js";

describe("collectAttachmentIds / collectUnitIds", () => {
  it("finds every attachment of the founding-committee application, also inside arrays", () => {
    const form = builtinForm("founding-committee-application")!;
    expect(collectAttachmentIds(form.schema, foundingCommittee)).toEqual([
      "att-letter",
      "att-cv-1",
      "att-cv-2",
      "att-lltp",
    ]);
    expect(collectUnitIds(form.schema, foundingCommittee)).toEqual(["so-giao-duc-kon-tum"]);
  });

  it("walks nested objects, arrays of objects, $refs, tuples and conditional branches; each id once", () => {
    const schema = {
      type: "object",
      $defs: { doc: { type: "object", properties: { file: { type: "string", format: "attachment" } } } },
      properties: {
        rows: { type: "array", items: { type: "object", properties: { scan: { type: "string", format: "attachment" } } } },
        nested: { type: "object", properties: { deep: { $ref: "#/$defs/doc" } } },
        pair: { type: "array", prefixItems: [{ type: "string" }, { type: "string", format: "attachment" }] },
        bag: { type: "object", additionalProperties: { type: "string", format: "attachment" } },
        name: { type: "string" },
      },
      if: { properties: { name: { const: "x" } } },
      then: { properties: { extra: { type: "string", format: "attachment" } } },
    };
    const data = {
      rows: [{ scan: "a1" }, { scan: "a2" }, {}],
      nested: { deep: { file: "a3" } },
      pair: ["not-an-attachment", "a4"],
      bag: { one: "a5", two: "a1" },
      name: "x",
      extra: "a6",
    };
    expect(collectAttachmentIds(schema, data)).toEqual(["a1", "a2", "a3", "a4", "a5", "a6"]);
  });

  it("ignores values of the wrong type and data that does not match the schema's shape", () => {
    const schema = { type: "object", properties: { f: { type: "string", format: "attachment" } } };
    expect(collectAttachmentIds(schema, { f: 42 })).toEqual([]);
    expect(collectAttachmentIds(schema, null)).toEqual([]);
    expect(collectAttachmentIds(schema, "f")).toEqual([]);
  });
});
