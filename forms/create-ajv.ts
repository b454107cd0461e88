/**
 * The one place ajv is configured, so that the server, the form check and (later) the browser
 * validate with the same options.
 */
import Ajv from "ajv";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { addVietnameseFormats } from "./formats.js";
import { addHosoKeywords } from "./keywords.js";

/** The JSON Schema dialects a form may use. */
export type SchemaDraft = "2020-12" | "draft-07";

const DRAFT_07 = /^https?:\/\/json-schema\.org\/draft-07\/schema#?$/;
const DRAFT_2020 = /^https?:\/\/json-schema\.org\/draft\/2020-12\/schema#?$/;

/**
 * The dialect named by a schema's `$schema` (2020-12 when absent); `undefined` for any other value.
 *
 * @example
 * schemaDraft({ $schema: "http://json-schema.org/draft-07/schema#" }) // "draft-07"
 */
export function schemaDraft(schema: Record<string, unknown>): SchemaDraft | undefined {
  const id = schema.$schema;
  if (id === undefined) return "2020-12";
  if (typeof id !== "string") return undefined;
  if (DRAFT_2020.test(id)) return "2020-12";
  if (DRAFT_07.test(id)) return "draft-07";
  return undefined;
}

/**
 * A new ajv instance for a dialect: every error, the data and schema on each error (`verbose`, for
 * messages that quote the data or read `x-message`), formats and Hoso keywords.
 *
 * Strict mode is ajv's default one, made explicit: unknown keywords and formats, ignored keywords and
 * non-finite numbers are errors. `strictTypes` stays off on purpose: it would make admins repeat
 * `"type": "array"` inside every `if`/`then` branch (`then: { properties: { members: { minItems: 5 } } }`).
 * `strictTuples` too: it demands `minItems` on tuples, which drafts (`draftSchema`) drop.
 */
export function createAjv(draft: SchemaDraft): Ajv {
  const options = {
    allErrors: true,
    verbose: true,
    strictSchema: true,
    strictNumbers: true,
    strictTuples: false,
    strictTypes: false,
    strictRequired: false,
    logger: false as const,
  };
  const ajv = draft === "draft-07" ? new Ajv(options) : new Ajv2020(options);
  addFormats.default(ajv);
  addVietnameseFormats(ajv);
  addHosoKeywords(ajv);
  return ajv;
}
