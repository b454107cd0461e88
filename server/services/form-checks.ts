import { inArray } from "drizzle-orm";
import { collectAttachmentIds, UNIT_KIND_VI, unitRefs, type UnitKindName } from "../../forms";
import type { Db, Tx } from "../db/client";
import { units, type UnitKind } from "../db/schema";
import { DomainError, type FieldError } from "../errors";
import type { SessionUser } from "../identity";
import type { AttachmentService } from "./attachments";
import { isUuid } from "./dossiers";
import type { FormRegistry, FormVersion, ValidationMode } from "./form-registry";

/** Data filled into one form version, and how strictly to judge it. */
export type FilledForm = { form: FormVersion; data: unknown; mode: ValidationMode };

// The forms' list of unit kinds is the database's: a kind added to one and not the other fails to compile.
const sameKinds: [UnitKindName, UnitKind] extends [UnitKind, UnitKindName] ? true : never = true;
void sameKinds;

/**
 * The server-side judgement of submitted form data, whatever the client did: the form's JSON Schema
 * (every rule, or a draft's), every attachment the data refers to must exist and be the caller's or
 * the dossier's, and every organisation unit it names must exist and be of a kind the field allows.
 * All problems of all forms come back at once, as one 422.
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
  async check(user: SessionUser | null, instanceId: string | null, filled: FilledForm[], via: Db | Tx): Promise<string[]> {
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
      fields.push(...(await this.unitProblems(user, form, data, via)).filter((f) => !invalid.has(f.path)));
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

  /**
   * A field error for each unit reference that names no unit, a retired unit (a dissolved association), a
   * unit of a kind the field does not allow, or — for an `x-unit-own` field — a suspended unit or a unit
   * where the person filling the form holds no role.
   */
  private async unitProblems(user: SessionUser | null, form: FormVersion, data: unknown, via: Db | Tx): Promise<FieldError[]> {
    const refs = unitRefs(form.schema, data);
    if (refs.length === 0) return [];
    const wanted = [...new Set(refs.map((r) => r.id).filter(isUuid))];
    const rows = wanted.length ? await via.select({ id: units.id, kind: units.kind, retiredAt: units.retiredAt, suspendedAt: units.suspendedAt }).from(units).where(inArray(units.id, wanted)) : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const problems = new Map<string, FieldError>();
    for (const ref of refs) {
      const unit = byId.get(ref.id.toLowerCase()) ?? byId.get(ref.id);
      const kind = unit?.kind;
      if (kind === undefined) {
        problems.set(ref.path, {
          path: ref.path,
          code: "unit",
          form: form.key,
          message: "Đơn vị không tồn tại, vui lòng chọn lại từ danh sách",
          messageEn: `no organisation unit "${ref.id.slice(0, 64)}"`,
        });
      } else if (ref.kinds && !ref.kinds.includes(kind)) {
        problems.set(ref.path, {
          path: ref.path,
          code: "unitKind",
          form: form.key,
          message: `Đơn vị được chọn phải là ${ref.kinds.map((k) => UNIT_KIND_VI[k]).join(" hoặc ")}`,
          messageEn: `the unit must be a ${ref.kinds.join(" or ")}, not a ${kind}`,
        });
      } else if (unit!.retiredAt) {
        problems.set(ref.path, { path: ref.path, code: "unitRetired", form: form.key, message: "Đơn vị này đã giải thể, ngừng hoạt động", messageEn: "the unit has been dissolved (retired)" });
      } else if (ref.own && unit!.suspendedAt) {
        // A suspended association files nothing as itself; the authority's dossiers about it still name it.
        problems.set(ref.path, {
          path: ref.path,
          code: "unitSuspended",
          form: form.key,
          message: "Đơn vị này đang bị tạm đình chỉ hoạt động: không được lập hồ sơ mới cho đến khi có quyết định cho phép hoạt động trở lại",
          messageEn: "the unit's activity is suspended: it may file nothing until the suspension is lifted",
        });
      } else if (ref.own && !user?.grants.some((g) => g.unitId === unit!.id)) {
        problems.set(ref.path, {
          path: ref.path,
          code: "unitNotOwn",
          form: form.key,
          message: "Bạn không có vai trò nào trong đơn vị này: chỉ người của chính đơn vị mới được lập hồ sơ này",
          messageEn: "you hold no role in this unit; only its own people may file this",
        });
      }
    }
    return [...problems.values()];
  }
}
