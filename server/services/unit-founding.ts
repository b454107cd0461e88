import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { fillTemplate, resolveAssigneeUnit } from "../../workflows";
import { grants, units } from "../db/schema";
import { DomainError } from "../errors";
import type { StepHook } from "./step-hooks";

/**
 * A step whose transition says `establishUnit` creates that organisation unit in its own transaction
 * (an association, once its charter is approved), under the unit its `parent` rule names, and makes the
 * dossier's starter its first `leader`. The starter is the founders' head here: the applicant account
 * that filed and carried the dossier for the founding committee; an admin can move the grant later.
 */
export const unitFoundingHook: StepHook = async ({ instance, step, at, tx: open }) => {
  const spec = step.transition?.establishUnit;
  if (!spec) return;
  const tx = await open();
  const data = step.snapshot.context.data;
  const parentId = resolveAssigneeUnit(spec.parent, { data, starterUnitId: instance.starterUnitId, dossierUnitId: instance.unitId });
  const [parent] = parentId ? await tx.select({ id: units.id }).from(units).where(eq(units.id, parentId)) : [];
  if (!parent) {
    throw new DomainError("VALIDATION_FAILED", "Chưa xác định được đơn vị quản lý của tổ chức mới", {
      messageEn: `no parent unit found for the new unit (${spec.parent})`,
    });
  }
  const scope = { data, dossier: { code: instance.code, title: instance.title } };
  const code = spec.code ? fillTemplate(spec.code, scope) : "";
  const id = randomUUID();
  await tx.insert(units).values({
    id,
    parentId: parent.id,
    kind: spec.kind,
    name: fillTemplate(spec.name, scope),
    code: code && code !== "…" ? code : null,
    establishedBy: instance.id,
    createdAt: at,
  });
  await tx.insert(grants).values({ id: randomUUID(), userId: instance.starterId, role: "leader", unitId: id, createdAt: at });
};
