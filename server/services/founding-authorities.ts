import { sql } from "drizzle-orm";
import { authorityRulesFrom, resolveFoundingAuthorities, type AuthorityUnit } from "../../workflows/founding/authorities";
import type { DossierSnapshot } from "../../workflows";
import { rowsOf } from "./session-user";
import { units } from "../db/schema";
import type { Computation } from "./domain-packs";
import type { WorkflowRegistry } from "./workflow-registry";

/**
 * The `foundingAuthorities` computation of a founding dossier's first submission: who recognises the
 * committee, who appraises and who decides, read from the unit tree as it stands then (one statement:
 * the unit it is filed with, its ancestors and the units directly under them) and kept in the history,
 * so that replay and later stages route to the same units. Null when the dossier names no unit yet.
 */
export function foundingAuthorities(registry: WorkflowRegistry): Computation {
  return authorities(registry, (data) => data.scope);
}

/**
 * The same for a dossier about an existing association (its dissolution), whose data names no scope: one
 * filed with a commune is a commune association's, one filed with a Sở a provincial association's.
 */
export function associationAuthorities(registry: WorkflowRegistry): Computation {
  return authorities(registry, (_data, filedWith) => (filedWith?.kind === "commune" ? "commune" : "province"));
}

function authorities(registry: WorkflowRegistry, scopeOf: (data: Record<string, unknown>, filedWith: AuthorityUnit | undefined) => unknown): Computation {
  return async (tx, row, _at, event) => {
    const rules = authorityRulesFrom((await registry.get(row.workflowKey, row.workflowVersion, tx)).definition.config ?? {});
    if (!rules) throw new Error(`${row.workflowKey} has no config.authorities`);
    const data = { ...(row.snapshot as DossierSnapshot).context.data, ...event };
    const filedWith = data.authorityUnit;
    if (typeof filedWith !== "string") return null;
    const tree = rowsOf<{ id: string; kind: string; code: string | null; parent_id: string | null; retired: boolean }>(
      await tx.execute(sql`with recursive up(id, parent_id, depth) as (
          select id, parent_id, 0 from ${units} where id = ${filedWith}
          union all
          select u.id, u.parent_id, up.depth + 1 from ${units} u join up on u.id = up.parent_id where up.depth < 16
        )
        select u.id, u.kind, u.code, u.parent_id, u.retired_at is not null as retired from ${units} u
        where u.id in (select id from up) or u.parent_id in (select id from up)`),
    ).map((u): AuthorityUnit => ({ id: u.id, kind: u.kind, code: u.code, parentId: u.parent_id, retired: u.retired }));
    const filed = tree.find((u) => u.id === filedWith);
    if (!filed) return null;
    return resolveFoundingAuthorities(rules, { ...data, scope: scopeOf(data, filed) }, filedWith, tree);
  };
}
