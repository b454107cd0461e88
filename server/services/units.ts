import { randomUUID } from "node:crypto";
import { asc, eq, sql } from "drizzle-orm";
import type { Clock } from "../clock";
import type { Db } from "../db/client";
import { grants, instances, tasks, units, type UnitKind } from "../db/schema";
import { DomainError, notFound } from "../errors";
import { isUuid } from "./dossiers";
import { rowsOf } from "./session-user";

export type UnitRow = typeof units.$inferSelect;
export type UnitInput = { id?: string | undefined; parentId?: string | null | undefined; kind: UnitKind; name: string; code?: string | null | undefined; termFrom?: string | null | undefined };

/** The organisation tree: province → district → commune, with offices, departments and associations under them. */
export class UnitService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  list(): Promise<UnitRow[]> {
    return this.db.select().from(units).orderBy(asc(units.name));
  }

  async get(id: string): Promise<UnitRow> {
    const [row] = isUuid(id) ? await this.db.select().from(units).where(eq(units.id, id)) : [];
    if (!row) throw notFound("UNIT_NOT_FOUND", "no such unit");
    return row;
  }

  async create(input: UnitInput): Promise<UnitRow> {
    if (input.parentId) await this.get(input.parentId);
    const [row] = await this.db
      .insert(units)
      .values({ id: input.id ?? randomUUID(), parentId: input.parentId ?? null, kind: input.kind, name: input.name, code: input.code ?? null, termFrom: input.termFrom ?? null, createdAt: this.clock.now() })
      .returning();
    return row!;
  }

  /** Renames or moves a unit; a move under its own subtree is refused. */
  async update(id: string, change: Partial<Omit<UnitInput, "id">>): Promise<UnitRow> {
    await this.get(id);
    if (change.parentId) {
      await this.get(change.parentId);
      if ((await this.ancestorsOf(change.parentId)).includes(id)) {
        throw new DomainError("UNIT_CYCLE", "Không thể chuyển đơn vị vào chính đơn vị cấp dưới của nó", {
          messageEn: "a unit cannot move below itself",
          fields: [{ path: "/parentId", message: "Đơn vị cấp trên không hợp lệ" }],
        });
      }
    }
    const [row] = await this.db.update(units).set(change).where(eq(units.id, id)).returning();
    return row!;
  }

  /** Deletes a unit nobody uses: no sub-units, grants, dossiers or tasks. */
  async remove(id: string): Promise<void> {
    await this.get(id);
    const [use] = rowsOf<{ n: number }>(
      await this.db.execute(sql`select
        (select count(*) from ${units} where parent_id = ${id})
      + (select count(*) from ${grants} where unit_id = ${id})
      + (select count(*) from ${instances} where unit_id = ${id} or starter_unit_id = ${id})
      + (select count(*) from ${tasks} where unit_id = ${id}) as n`),
    );
    if (Number(use?.n ?? 0) > 0) {
      throw new DomainError("UNIT_IN_USE", "Đơn vị đang có đơn vị trực thuộc, người dùng hoặc hồ sơ nên không xóa được", { messageEn: "the unit is in use" });
    }
    await this.db.delete(units).where(eq(units.id, id));
  }

  /**
   * Retires a unit by hand (the admin's "ngừng hoạt động"): kept for history, offered for nothing new.
   * Refused while work still hangs on it — active sub-units, dossiers in progress, open tasks, enabled
   * users' grants — which must be moved or closed first; the refusal counts each.
   */
  async retire(id: string): Promise<UnitRow> {
    return this.db.transaction(async (tx) => {
      const [unit] = isUuid(id) ? await tx.select().from(units).where(eq(units.id, id)).for("update") : [];
      if (!unit) throw notFound("UNIT_NOT_FOUND", "no such unit");
      if (unit.retiredAt) throw new DomainError("UNIT_RETIRED", "Đơn vị đã ngừng hoạt động từ trước", { messageEn: "the unit is already retired" });
      const [use] = rowsOf<{ units: number; dossiers: number; tasks: number; grants: number }>(
        await tx.execute(sql`select
          (select count(*) from ${units} where parent_id = ${id} and retired_at is null)::int as units,
          (select count(*) from ${instances} where unit_id = ${id} and status = 'active')::int as dossiers,
          (select count(*) from ${tasks} where unit_id = ${id} and closed_at is null)::int as tasks,
          (select count(*) from ${grants} g join users u on u.id = g.user_id where g.unit_id = ${id} and not u.disabled)::int as grants`),
      );
      const counts = { units: Number(use?.units ?? 0), dossiers: Number(use?.dossiers ?? 0), tasks: Number(use?.tasks ?? 0), grants: Number(use?.grants ?? 0) };
      const parts = [
        counts.units && `${counts.units} đơn vị trực thuộc còn hoạt động`,
        counts.dossiers && `${counts.dossiers} hồ sơ đang xử lý`,
        counts.tasks && `${counts.tasks} công việc đang mở`,
        counts.grants && `${counts.grants} vai trò của người dùng đang hoạt động`,
      ].filter(Boolean);
      if (parts.length) {
        throw new DomainError("UNIT_IN_USE", `Đơn vị còn ${parts.join(", ")}; hãy chuyển hoặc kết thúc trước khi cho ngừng hoạt động`, {
          messageEn: "the unit still has active sub-units, dossiers in progress, open tasks or enabled users' grants",
          counts,
        });
      }
      const [row] = await tx.update(units).set({ retiredAt: this.clock.now(), retiredBy: null }).where(eq(units.id, id)).returning();
      return row!;
    });
  }

  /** Brings a unit retired by hand back into use (one retired by a dissolution stays retired: its decision stands). */
  async reinstate(id: string): Promise<UnitRow> {
    const unit = await this.get(id);
    if (!unit.retiredAt) return unit;
    if (unit.retiredBy) {
      throw new DomainError("UNIT_RETIRED", "Đơn vị đã giải thể theo quyết định, không hoạt động lại được", { messageEn: "a unit dissolved by a decision cannot be reinstated" });
    }
    const [row] = await this.db.update(units).set({ retiredAt: null }).where(eq(units.id, id)).returning();
    return row!;
  }

  /** The unit and every unit above it, nearest first. */
  async ancestorsOf(id: string): Promise<string[]> {
    const rows = rowsOf<{ id: string }>(
      await this.db.execute(sql`with recursive up(id, parent_id, depth) as (
        select id, parent_id, 0 from ${units} where id = ${id}
        union all
        select u.id, u.parent_id, up.depth + 1 from ${units} u join up on u.id = up.parent_id where up.depth < 64
      ) select id from up order by depth`),
    );
    return rows.map((r) => r.id);
  }
}
