import { eq } from "drizzle-orm";
import type { Role } from "../../../workflows";
import type { Db, Tx } from "../../db/client";
import { funds } from "../../db/schema";
import { DomainError, notFound } from "../../errors";
import { holdsRole, officialGrants, type SessionUser } from "../../identity";
import { isUuid } from "../dossiers";

export type FundRow = typeof funds.$inferSelect;

/** True when `user` holds `role` in the fund's unit or in a unit above it. */
function holdsInFund(user: SessionUser, role: Role, fund: FundRow): boolean {
  return holdsRole(user, role, fund.unitId, true);
}

/** The funds whose unit (or a unit above it) the user works in as an official. */
export function fundVisible(user: SessionUser, fund: FundRow): boolean {
  return officialGrants(user).some((g) => holdsInFund(user, g.role, fund));
}

/**
 * A fund the user may work on with one of `roles`: 404 when they do not work for it at all (its
 * existence is not revealed), 403 when they do but lack the role.
 */
export async function fundFor(via: Db | Tx, user: SessionUser, id: string, roles: readonly Role[] | "any"): Promise<FundRow> {
  const [fund] = isUuid(id) ? await via.select().from(funds).where(eq(funds.id, id)) : [];
  if (!fund || !fundVisible(user, fund)) throw notFound("FUND_NOT_FOUND", "no such fund");
  if (roles !== "any" && !roles.some((r) => holdsInFund(user, r, fund))) {
    throw new DomainError("FORBIDDEN", "Bạn không có vai trò được phép thực hiện thao tác này với Quỹ", { messageEn: `only ${roles.join(", ")} of the fund may do this` });
  }
  return fund;
}
