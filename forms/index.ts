/**
 * Hoso's form core: form definitions (JSON Schema + JSON Forms UI schema), their checks, validation
 * of submitted data and drafts with Vietnamese messages, and the built-in forms. Pure: no I/O, no clock.
 */
export {
  formDefinitionSchema,
  formKeySchema,
  localizedTextSchema,
  type FormDefinition,
  type LocalizedText,
  type UISchemaElement,
} from "./form-definition.js";
export {
  createFormValidator,
  InvalidFormSchemaError,
  type FormValidator,
  type ValidationResult,
} from "./validator.js";
export type { FieldError } from "./field-error.js";
export { checkForm, parseForm, type ParseFormResult } from "./check-form.js";
export type { FormProblem } from "./form-problem.js";
export { draftSchema } from "./partial-schema.js";
export { collectAttachmentIds, collectUnitIds, collectByFormat, placesOfFormat, type FormatPlace } from "./attachments.js";
export { unitRefs, UNIT_KIND_NAMES, UNIT_KIND_VI, type UnitRef, type UnitKindName } from "./unit-refs.js";
export { isCccd, isPhoneVn, isIsoDate, isVnd, isOpaqueId, vietnameseFormats } from "./formats.js";
export { formatVnd, formatDateVi, parseDateVi, VND_SEPARATOR } from "./vi-display.js";
export { parseVnd, isLedgerAmount, MAX_VND_AMOUNT, type VndReading } from "./money.js";
export { plausibilityProblems, type PlausibilityContext, type PlausibilityProblem } from "./plausible.js";
export { parseViNumber, formatViNumber, type NumberReading, type NumberReadingProblem } from "./number.js";
export { createAjv, schemaDraft, type SchemaDraft } from "./create-ajv.js";
export { builtinForms, builtinForm } from "./builtin.js";
