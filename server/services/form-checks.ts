import { collectAttachmentIds } from "../../forms";
import type { Db, Tx } from "../db/client";
import { DomainError, type FieldError } from "../errors";
import type { SessionUser } from "../identity";
import type { AttachmentService } from "./attachments";
import type { FormRegistry, FormVersion, ValidationMode } from "./form-registry";

/** Data filled into one form version, and how strictly to judge it. */
export type FilledForm = { form: FormVersion; data: unknown; mode: ValidationMode };

/**
 * The server-side judgement of submitted form data, whatever the client did: the form's JSON Schema
 * (every rule, or a draft's), and every attachment the data refers to must exist and be the caller's or
 * the dossier's. All problems of all forms come back at once, as one 422.
 */
export class FormChecks {
  constructor(
    private readonly forms: FormRegistry,
    private readonly attachments: AttachmentService,
  ) {}

  /**
   * Throws `VALIDATION_FAILED` (422) with every field error; otherwise returns the attachment ids the
   * data refers to, for the caller to link to the dossier in its transaction.
   */
  async check(user: SessionUser | null, instanceId: string | null, filled: FilledForm[], via?: Db | Tx): Promise<string[]> {
    const fields: FieldError[] = [];
    const ids = new Set<string>();
    for (const { form, data, mode } of filled) {
      const errors = this.forms.validate(form, data, mode);
      fields.push(...errors.map((e) => ({ ...e, form: form.key })));
      const refs = collectAttachmentIds(form.schema, data);
      const invalid = new Set(errors.map((e) => e.path));
      // An id already refused by the schema (wrong format) is not looked up again.
      const found = await this.attachments.problems(user, instanceId, refs, data, form.key, via);
      fields.push(...found.filter((f) => !invalid.has(f.path)));
      refs.forEach((id) => ids.add(id));
    }
    if (fields.length > 0) {
      throw new DomainError("VALIDATION_FAILED", "Dữ liệu biểu mẫu không hợp lệ", {
        messageEn: "the form data is invalid",
        fields,
        forms: filled.map(({ form }) => ({ key: form.key, version: form.version })),
      });
    }
    return [...ids];
  }
}
