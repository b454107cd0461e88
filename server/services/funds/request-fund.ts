import { eq } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { funds } from "../../db/schema";
import { isUuid } from "../../ids";

/** The fund a disbursement request asks (its `fundUnit`'s ledger), if that unit keeps one. */
export async function fundOfRequest(via: Db | Tx, data: Record<string, unknown>): Promise<typeof funds.$inferSelect | undefined> {
  const [fund] = typeof data.fundUnit === "string" && isUuid(data.fundUnit) ? await via.select().from(funds).where(eq(funds.unitId, data.fundUnit)) : [];
  return fund;
}
