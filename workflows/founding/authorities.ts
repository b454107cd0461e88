/**
 * Who decides each stage of an association's founding (issue 18, item 2). The founding committee is
 * recognised by the agency that manages the association's main field (the Sở of that field in a
 * province; the commune itself for a commune association); the permission to found and the charter are
 * appraised by the unit the dossier is filed with (Sở Nội vụ) and decided by the Chairman of the
 * provincial People's Committee on the appraising Sở's tờ trình, unless the province delegated the
 * decision (ủy quyền) to the Sở. The rules are the definition's `config.authorities`, with their sources.
 */

/** `config.authorities` of the founding definition. */
export type AuthorityRules = {
  /** Main field of activity (as the applicant names it) → code of the managing Sở under the province. */
  managingAgencyByField: Record<string, string>;
  /** The provincial People's Committee decides (false: the province delegated the decision to the appraising Sở). */
  decidedByPeopleCommittee: boolean;
};

/** A unit as the resolver needs it. */
export type AuthorityUnit = { id: string; kind: string; code: string | null; parentId: string | null; retired: boolean };

/** The authorities of one dossier, kept in its data as `$authorities` when it is first submitted. */
export type FoundingAuthorities = {
  /** Recognises the founding committee. */
  recognition: string;
  /** Why that unit: the field's managing agency, or the unit the dossier was filed with. */
  recognitionBy: "fieldAgency" | "filedWith";
  /** Appraises the application and the charter (the unit the dossier was filed with). */
  appraisal: string;
  /** Signs the permission, the charter approval and a refusal. */
  decision: string;
  /** The appraising unit submits a tờ trình to the deciding one (they differ). */
  submission: boolean;
};

/** The rules of a definition's config, or null when they are missing or malformed. */
export function authorityRulesFrom(config: Record<string, unknown>): AuthorityRules | null {
  const a = config.authorities as Record<string, unknown> | undefined;
  if (!a || typeof a !== "object") return null;
  const map = a.managingAgencyByField;
  if (!map || typeof map !== "object" || Array.isArray(map) || typeof a.decidedByPeopleCommittee !== "boolean") return null;
  if (!Object.values(map).every((code) => typeof code === "string" && code.length > 0)) return null;
  return { managingAgencyByField: map as Record<string, string>, decidedByPeopleCommittee: a.decidedByPeopleCommittee };
}

/** A field's name as compared: trimmed, lower case, one space (so "Giáo  dục" and "giáo dục" match). */
const fieldKey = (field: string) => field.trim().replace(/\s+/g, " ").toLocaleLowerCase("vi");

/** The managing agency's code for a field, or null when the rules name none. */
export function managingAgencyCode(rules: AuthorityRules, field: unknown): string | null {
  if (typeof field !== "string") return null;
  const key = fieldKey(field);
  for (const [name, code] of Object.entries(rules.managingAgencyByField)) if (fieldKey(name) === key) return code;
  return null;
}

/**
 * Resolves the authorities of a founding dossier filed with `filedWith` (the Sở Nội vụ, or the commune
 * for a commune association). `tree` holds that unit, its ancestors and the province's own units.
 * A commune or national association has one authority for every stage; a provincial one has the field's
 * Sở (when the province has it) and the People's Committee (the province unit) unless delegated.
 *
 * @example resolveFoundingAuthorities(rules, { scope: "province", fieldOfActivity: "Y tế" }, "snv", tree) // { recognition: "syt", decision: "province", submission: true, … }
 */
export function resolveFoundingAuthorities(
  rules: AuthorityRules,
  data: { scope?: unknown; fieldOfActivity?: unknown },
  filedWith: string,
  tree: readonly AuthorityUnit[],
): FoundingAuthorities {
  const single: FoundingAuthorities = { recognition: filedWith, recognitionBy: "filedWith", appraisal: filedWith, decision: filedWith, submission: false };
  if (data.scope !== "province") return single;
  const byId = new Map(tree.map((u) => [u.id, u]));
  let province: AuthorityUnit | undefined = byId.get(filedWith);
  for (let depth = 0; province && province.kind !== "province" && depth < 16; depth++) province = province.parentId ? byId.get(province.parentId) : undefined;
  if (!province || province.id === filedWith) return single;
  const code = managingAgencyCode(rules, data.fieldOfActivity);
  const agency = code ? tree.find((u) => u.parentId === province!.id && !u.retired && u.code === code) : undefined;
  const decision = rules.decidedByPeopleCommittee ? province.id : filedWith;
  return {
    recognition: agency?.id ?? filedWith,
    recognitionBy: agency ? "fieldAgency" : "filedWith",
    appraisal: filedWith,
    decision,
    submission: decision !== filedWith,
  };
}
