import { randomUUID } from "node:crypto";
import { asc, eq, sql } from "drizzle-orm";
import type { Clock } from "../clock";
import type { Db } from "../db/client";
import { grants, instances, tasks, units, type UnitKind } from "../db/schema";
import { DomainError, notFound } from "../errors";
import { isUuid } from "./dossiers";
import { rowsOf } from "./session-user";

export type UnitRow = typeof units.$inferSelect;
export type UnitInput = { id?: string | undefined; parentId?: string | null | undefined; kind: UnitKind; name: string; code?: string | null | undefined };

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
      .values({ id: input.id ?? randomUUID(), parentId: input.parentId ?? null, kind: input.kind, name: input.name, code: input.code ?? null, createdAt: this.clock.now() })
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
