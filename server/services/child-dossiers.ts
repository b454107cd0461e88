import { eq } from "drizzle-orm";
import { CHILD_UPDATE } from "../../workflows";
import { instances } from "../db/schema";
import type { ApplierOf } from "./step-pipeline";

/** Starts the child dossiers a step asks for (`spawn`); a child the parent already has is not started again. */
export const spawnChildren: ApplierOf<"spawnChildren"> = async ({ requests }, { instance, at, dossiers, tx: open }) => {
  for (const request of requests) await dossiers.startChild(await open(), instance, request, at);
};

/**
 * Tells a parent that one of its children changed state or was marked late (a `CHILD_UPDATE` event, so
 * the parent's `$children` and its `always` transitions follow). The parent row is already locked by the
 * child's step (`lockAncestors`), so concurrent children update it one after the other and no update is
 * lost. A closed parent is not told.
 */
export const tellParent: ApplierOf<"tellParent"> = async ({ parentId, update }, { dossiers, tx: open }) => {
  const tx = await open();
  const [parent] = await tx.select({ status: instances.status }).from(instances).where(eq(instances.id, parentId));
  if (!parent || parent.status === "done") return;
  await dossiers.send(null, parentId, { type: CHILD_UPDATE, data: update }, { tx });
};
