import { sql } from "drizzle-orm";
import { dissolutionEffects, type DissolutionEffect } from "../../workflows";
import { grants, units } from "../db/schema";
import type { DomainPack } from "./domain-packs";
import { packApplier, type EffectApplier } from "./step-pipeline";

export const DISSOLUTION_WORKFLOW = "association-dissolution";
/** Dissolution decided by the authority (giải thể theo quyết định của cơ quan nhà nước có thẩm quyền). */
export const FORCED_DISSOLUTION_WORKFLOW = "association-forced-dissolution";
/** Suspension of an association's activity by the authority, until a decision lets it operate again. */
export const SUSPENSION_WORKFLOW = "association-suspension";

type Effect<K extends DissolutionEffect["kind"]> = Extract<DissolutionEffect, { kind: K }>;

/** The association and every unit below it (its branches), as a recursive CTE named `subtree`. */
const subtree = (unitId: string) => sql`
    with recursive subtree(id) as (
      select id from ${units} where id = ${unitId}
      union
      select u.id from ${units} u join subtree s on u.parent_id = s.id
    )`;

/**
 * In the decision's transaction: the association and every unit below it (its branches) are retired —
 * kept for the history, never again offered for a new dossier — and every role held in them ends, so its
 * former officers lose what the association gave them at their next request.
 */
const retireUnit: EffectApplier<Effect<"dissolution.retireUnit">> = async (effect, { instance, at, tx: open }) => {
  const tx = await open();
  await tx.execute(sql`
    ${subtree(effect.unitId)}, retired as (
      update ${units} set retired_at = ${at.toISOString()}::timestamptz, retired_by = ${instance.id}
       where id in (select id from subtree) and retired_at is null
      returning id
    )
    delete from ${grants} where unit_id in (select id from subtree)`);
};

/**
 * The suspension decision marks the association and its branches suspended (a unit already suspended
 * keeps its first mark); their people keep their roles, but may start no dossier as the unit.
 */
const suspendUnit: EffectApplier<Effect<"dissolution.suspendUnit">> = async (effect, { instance, at, tx: open }) => {
  const tx = await open();
  await tx.execute(sql`
    ${subtree(effect.unitId)}
    update ${units} set suspended_at = ${at.toISOString()}::timestamptz, suspended_by = ${instance.id}
     where id in (select id from subtree) and suspended_at is null`);
};

/** The lifting decision clears the marks this dossier set, and only those (another suspension stands). */
const liftSuspension: EffectApplier<Effect<"dissolution.liftSuspension">> = async (_effect, { instance, tx: open }) => {
  const tx = await open();
  await tx.execute(sql`update ${units} set suspended_at = null, suspended_by = null where suspended_by = ${instance.id}`);
};

/**
 * An association's end and suspension: the voluntary and the forced dissolution retire the association's
 * unit and its roles; a suspension marks it until lifted.
 */
export const dissolutionPack: DomainPack = {
  name: "dissolution",
  workflows: [DISSOLUTION_WORKFLOW, FORCED_DISSOLUTION_WORKFLOW, SUSPENSION_WORKFLOW],
  effects: (_wf, step) => dissolutionEffects(step),
  appliers: {
    "dissolution.retireUnit": packApplier(retireUnit),
    "dissolution.suspendUnit": packApplier(suspendUnit),
    "dissolution.liftSuspension": packApplier(liftSuspension),
  },
};
