import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../../app-env";
import { requireAdmin, requireParentInScope, requireUnitInScope } from "../../auth/admin-scope";
import { isIsoDate } from "../../../forms";
import { UNIT_KINDS } from "../../db/schema";
import { DomainError } from "../../errors";
import { readJson } from "../../request";
import { unitView } from "../units";

export const UnitBody = z
  .object({
    parentId: z.string().uuid().nullable().optional(),
    kind: z.enum(UNIT_KINDS),
    name: z.string().trim().min(1).max(200),
    code: z.string().trim().min(1).max(30).nullable().optional(),
    /** A Party body's current term began on this day (its Party documents are numbered per term). */
    termFrom: z
      .string()
      .refine(isIsoDate, { message: "a real date YYYY-MM-DD", params: { vi: "Ngày phải là ngày có thật, viết theo dạng YYYY-MM-DD (ví dụ 2025-10-15)" } })
      .nullable()
      .optional(),
  })
  .strict();
export const UnitPatch = UnitBody.partial().strict();

/** Only a Party body has a term. */
function requireTermOnlyForParty(kind: string, termFrom: string | null | undefined): void {
  if (!termFrom || kind === "party") return;
  const message = "Chỉ tổ chức Đảng mới có nhiệm kỳ";
  throw new DomainError("VALIDATION_FAILED", message, { messageEn: "only a Party body has a term", fields: [{ path: "/termFrom", message }] });
}

/** No new unit under a retired one, nor one moved there: it is offered for nothing new. */
function requireActive(parent: { retiredAt: Date | null }): void {
  if (!parent.retiredAt) return;
  const message = "Đơn vị cấp trên đã ngừng hoạt động";
  throw new DomainError("VALIDATION_FAILED", message, { messageEn: "the parent unit is retired", fields: [{ path: "/parentId", message }] });
}

/**
 * Admin: the organisation tree, within the admin's subtree. Units are public (`GET /api/units`), so a unit
 * outside it is refused with 403 ADMIN_OUT_OF_SCOPE, not hidden.
 */
export const adminUnitRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const scope = requireAdmin(c);
    return c.json({ items: (await c.var.services.units.list()).filter((u) => scope.units.has(u.id)).map(unitView) });
  })
  .post("/", async (c) => {
    const scope = requireAdmin(c);
    const body = await readJson(c, UnitBody);
    requireTermOnlyForParty(body.kind, body.termFrom);
    if (body.parentId) requireActive(await c.var.services.units.get(body.parentId));
    await requireParentInScope(c, scope, body.parentId ?? null, "/parentId");
    return c.json(unitView(await c.var.services.units.create(body)), 201);
  })
  .patch("/:id", async (c) => {
    const scope = requireAdmin(c);
    const body = await readJson(c, UnitPatch);
    const { units } = c.var.services;
    const unit = await units.get(c.req.param("id"));
    requireUnitInScope(scope, unit.id);
    requireTermOnlyForParty(body.kind ?? unit.kind, body.termFrom);
    // The unit an admin is granted in is his superior's to rename or re-kind: otherwise a commune admin
    // could name his commune after another unit or make it a "province".
    await requireParentInScope(c, scope, unit.parentId);
    if (body.parentId !== undefined && body.parentId !== unit.parentId) {
      // A move takes the unit from one parent to another: the admin must manage both.
      if (body.parentId) requireActive(await units.get(body.parentId));
      await requireParentInScope(c, scope, unit.parentId, "/parentId");
      await requireParentInScope(c, scope, body.parentId, "/parentId");
    }
    // A unit that stops being a Party body has no term any more.
    const change = body.kind && body.kind !== "party" && body.termFrom === undefined ? { ...body, termFrom: null } : body;
    return c.json(unitView(await units.update(unit.id, change)));
  })
  .post("/:id/retire", async (c) => {
    const scope = requireAdmin(c);
    const { units } = c.var.services;
    const unit = await units.get(c.req.param("id"));
    requireUnitInScope(scope, unit.id);
    // As with a delete: the unit an admin is granted in is his superior's to retire.
    await requireParentInScope(c, scope, unit.parentId);
    return c.json(unitView(await units.retire(unit.id)));
  })
  .post("/:id/reinstate", async (c) => {
    const scope = requireAdmin(c);
    const { units } = c.var.services;
    const unit = await units.get(c.req.param("id"));
    requireUnitInScope(scope, unit.id);
    await requireParentInScope(c, scope, unit.parentId);
    return c.json(unitView(await units.reinstate(unit.id)));
  })
  .delete("/:id", async (c) => {
    const scope = requireAdmin(c);
    const { units } = c.var.services;
    const unit = await units.get(c.req.param("id"));
    requireUnitInScope(scope, unit.id);
    // The unit an admin is granted in belongs to the admin above him.
    await requireParentInScope(c, scope, unit.parentId);
    await units.remove(unit.id);
    return c.body(null, 204);
  });
