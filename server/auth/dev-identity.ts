import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env";
import { ROLES, type Role } from "../../workflows";
import { isUuid } from "../services/dossiers";

/**
 * DEVELOPMENT IDENTITY — a stand-in until sessions land (issue 4): the caller names itself with
 * `X-Hoso-Dev-User: <uuid>` and `X-Hoso-Dev-Roles: specialist@<unit>,leader@<unit>`. Never trusted in
 * production: the server refuses to start with it there.
 */
export const devIdentity: MiddlewareHandler<AppEnv> = async (c, next) => {
  const id = c.req.header("x-hoso-dev-user");
  if (id && isUuid(id)) {
    const grants = (c.req.header("x-hoso-dev-roles") ?? "")
      .split(",")
      .map((s) => s.trim().split("@"))
      .filter((p): p is [Role, string] => ROLES.includes(p[0] as Role))
      .map(([role, unitId]) => ({ role, unitId: unitId ?? "" }));
    c.set("user", { id, username: id, displayName: id, grants });
  } else c.set("user", null);
  await next();
};
