/**
 * The form definition format: what an admin writes and what the server stores, versioned like
 * workflows. A dossier keeps the `key` and `version` it was filled with.
 */
import { z } from "zod";

/** Text shown to people: Vietnamese always, English optionally. */
export const localizedTextSchema = z.strictObject({
  vi: z.string().min(1),
  en: z.string().min(1).optional(),
});

/** Lower-case words and digits joined by single hyphens, e.g. `founding-committee-application`. */
export const formKeySchema = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be kebab-case (a-z, 0-9, single hyphens)");

/** A JSON Schema (draft 2020-12 or draft-07): an object; `checkForm` compiles it. */
export const jsonSchemaObjectSchema = z.record(z.string(), z.unknown());

/** A JSON Forms UI schema element: an object with a `type`; `checkForm` checks the rest. */
export const uiSchemaElementSchema = z.looseObject({ type: z.string().min(1) });

/** The zod schema of a form definition. */
export const formDefinitionSchema = z.strictObject({
  key: formKeySchema,
  version: z.number().int().positive().optional(),
  title: localizedTextSchema,
  description: localizedTextSchema.optional(),
  schema: jsonSchemaObjectSchema,
  uischema: uiSchemaElementSchema,
});

/** Text in Vietnamese and, optionally, English. */
export type LocalizedText = z.infer<typeof localizedTextSchema>;

/** A JSON Forms UI schema element (loosely typed; see `checkForm`). */
export type UISchemaElement = z.infer<typeof uiSchemaElementSchema>;

/**
 * A form definition.
 *
 * @example
 * const form: FormDefinition = {
 *   key: "comment", version: 1, title: { vi: "Ý kiến", en: "Comment" },
 *   schema: { type: "object", properties: { text: { type: "string" } }, required: ["text"] },
 *   uischema: { type: "Control", scope: "#/properties/text" },
 * };
 */
export type FormDefinition = z.infer<typeof formDefinitionSchema>;
