import { sql } from "drizzle-orm";
import { dissolutionEffects, type DissolutionEffect } from "../../workflows";
import { grants, units } from "../db/schema";
import type { DomainPack } from "./domain-packs";
import { packApplier, type EffectApplier } from "./step-pipeline";

export const DISSOLUTION_WORKFLOW = "association-dissolution";

/**
 * In the decision's transaction: the association and every unit below it (its branches) are retired —
 * kept for the history, never again offered for a new dossier — and every role held in them ends, so its
 * former officers lose what the association gave them at their next request.
 */
const retireUnit: EffectApplier<DissolutionEffect> = async (effect, { instance, at, tx: open }) => {
  const tx = await open();
  await tx.execute(sql`
    with recursive subtree(id) as (
      select id from ${units} where id = ${effect.unitId}
      union
      select u.id from ${units} u join subtree s on u.parent_id = s.id
    ), retired as (
      update ${units} set retired_at = ${at.toISOString()}::timestamptz, retired_by = ${instance.id}
       where id in (select id from subtree) and retired_at is null
      returning id
    )
    delete from ${grants} where unit_id in (select id from subtree)`);
};

/** Voluntary dissolution of an association: its decision retires the association's unit and its roles. */
export const dissolutionPack: DomainPack = {
  name: "dissolution",
  workflows: [DISSOLUTION_WORKFLOW],
  effects: (_wf, step) => dissolutionEffects(step),
  appliers: { "dissolution.retireUnit": packApplier(retireUnit) },
};
