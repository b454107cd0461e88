/**
 * Hoso's own schema annotations. They change no validation result; registering them keeps ajv's
 * strict mode (which refuses unknown keywords) on for everything else, and their meta-schemas make a
 * misspelt annotation a form-check problem instead of a silent no-op.
 */
import type Ajv from "ajv";
import type { KeywordDefinition } from "ajv";

const localizedText = {
  type: "object",
  properties: { vi: { type: "string", minLength: 1 }, en: { type: "string" } },
  required: ["vi"],
  additionalProperties: false,
};

/**
 * `"x-message"`: the field's own error message, either one for every error of the field
 * (`{ "vi": "…", "en": "…" }`) or one per ajv keyword (`{ "format": { "vi": "…" }, "required": {…} }`).
 */
export const xMessageKeyword: KeywordDefinition = {
  keyword: "x-message",
  metaSchema: {
    anyOf: [localizedText, { type: "object", additionalProperties: localizedText }],
  },
};

/** `"x-unit-picker"`: how the UI picks an organisation unit for a `format: "unit"` field. */
export const xUnitPickerKeyword: KeywordDefinition = {
  keyword: "x-unit-picker",
  metaSchema: {
    type: "object",
    properties: { level: { enum: ["province", "district", "commune", "office", "department", "association", "fund", "any"] } },
    required: ["level"],
    additionalProperties: false,
  },
};

/**
 * `"x-unit-kinds"`: the kinds of organisation unit a `format: "unit"` field accepts (the server refuses
 * any other); without it, the picker's level when it names one, else any kind.
 */
export const xUnitKindsKeyword: KeywordDefinition = {
  keyword: "x-unit-kinds",
  metaSchema: {
    type: "array",
    items: { enum: ["province", "district", "commune", "office", "department", "association", "fund"] },
    minItems: 1,
    uniqueItems: true,
  },
};

/**
 * `"x-unit-kinds-by"`: the kinds a `format: "unit"` field accepts depending on a top-level field of the
 * same form, e.g. `{ "field": "scope", "kinds": { "commune": ["commune"] } }`: a commune association's
 * authority must be a commune (its People's Committee chairman decides). Other values: as without it.
 */
export const xUnitKindsByKeyword: KeywordDefinition = {
  keyword: "x-unit-kinds-by",
  metaSchema: {
    type: "object",
    properties: {
      field: { type: "string", minLength: 1 },
      kinds: {
        type: "object",
        additionalProperties: {
          type: "array",
          items: { enum: ["province", "district", "commune", "office", "department", "association", "fund"] },
          minItems: 1,
          uniqueItems: true,
        },
      },
    },
    required: ["field", "kinds"],
    additionalProperties: false,
  },
};

/**
 * `"x-unit-own": true`: the unit a `format: "unit"` field names must be one where the person filling the
 * form holds a role — an association's dissolution is filed by its own people, not by anyone for any unit.
 */
export const xUnitOwnKeyword: KeywordDefinition = { keyword: "x-unit-own", metaSchema: { const: true } };

const plausibleRef = {
  anyOf: [
    { type: "string", pattern: "^(today|started|data:/.*|\\d{4}-\\d{2}-\\d{2})$" },
    {
      type: "object",
      properties: { ref: { type: "string", pattern: "^(today|started|data:/.*|\\d{4}-\\d{2}-\\d{2})$" }, days: { type: "integer" } },
      required: ["ref"],
      additionalProperties: false,
    },
  ],
};

/** `"x-plausible"`: the window a date or year must lie in (see `plausible.ts`); judged by the server with today's date. */
export const xPlausibleKeyword: KeywordDefinition = {
  keyword: "x-plausible",
  metaSchema: {
    type: "object",
    properties: { notBefore: { type: "array", items: plausibleRef }, notAfter: { type: "array", items: plausibleRef } },
    additionalProperties: false,
  },
};

/** `"x-confirm-above"`: an amount above `amount` needs its sibling boolean `field` set to true. */
export const xConfirmAboveKeyword: KeywordDefinition = {
  keyword: "x-confirm-above",
  metaSchema: {
    type: "object",
    properties: { amount: { type: "number", minimum: 0 }, field: { type: "string", minLength: 1 } },
    required: ["amount", "field"],
    additionalProperties: false,
  },
};

/** Registers Hoso's annotation keywords on an ajv instance. */
export function addHosoKeywords(ajv: Ajv): Ajv {
  return ajv.addKeyword(xMessageKeyword).addKeyword(xUnitPickerKeyword).addKeyword(xUnitKindsKeyword).addKeyword(xUnitKindsByKeyword).addKeyword(xPlausibleKeyword).addKeyword(xConfirmAboveKeyword).addKeyword(xUnitOwnKeyword);
}
