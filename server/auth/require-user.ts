import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { DomainError } from "../errors";
import type { SessionUser } from "../identity";
import type { Role } from "../../workflows";

/** The signed-in user, or 401. */
export function requireUser(c: Context<AppEnv>): SessionUser {
  const user = c.get("user");
  if (!user) throw new DomainError("UNAUTHENTICATED", "Vui lòng đăng nhập", { messageEn: "sign in first" });
  return user;
}

/** The signed-in user holding `role` somewhere, or 403. */
export function requireRole(c: Context<AppEnv>, role: Role): SessionUser {
  const user = requireUser(c);
  if (!user.grants.some((g) => g.role === role)) {
    throw new DomainError("FORBIDDEN", "Bạn không có quyền thực hiện thao tác này", { messageEn: `requires the ${role} role` });
  }
  return user;
}
