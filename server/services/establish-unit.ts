import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { grants, units } from "../db/schema";
import { DomainError } from "../errors";
import { isUuid } from "../ids";
import type { ApplierOf } from "./step-pipeline";

/**
 * A step whose transition says `establishUnit` creates that organisation unit in its own transaction
 * (an association, once its charter is approved), under the unit its `parent` rule names, and makes the
 * dossier's starter its first `leader`. The starter is the founders' head here: the applicant account
 * that filed and carried the dossier for the founding committee; an admin can move the grant later.
 */
export const establishUnit: ApplierOf<"establishUnit"> = async (effect, { instance, at, tx: open }) => {
  const tx = await open();
  const [parent] = effect.parentId && isUuid(effect.parentId) ? await tx.select({ id: units.id }).from(units).where(eq(units.id, effect.parentId)) : [];
  if (!parent) {
    throw new DomainError("VALIDATION_FAILED", "Chưa xác định được đơn vị quản lý của tổ chức mới", {
      messageEn: `no parent unit found for the new unit (${effect.spec.parent})`,
    });
  }
  const id = randomUUID();
  await tx.insert(units).values({ id, parentId: parent.id, kind: effect.spec.kind, name: effect.name, code: effect.code, establishedBy: instance.id, createdAt: at });
  await tx.insert(grants).values({ id: randomUUID(), userId: instance.starterId, role: "leader", unitId: id, createdAt: at });
};
