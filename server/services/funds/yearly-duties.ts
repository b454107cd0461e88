import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { YEARLY_DUTY_WORKFLOW, yearlyDuties } from "../../../workflows";
import { toVietnamDate } from "../../../workflows/calendar";
import type { Db } from "../../db/client";
import { funds, grants, instances, users } from "../../db/schema";
import type { DossierService } from "../dossiers";
import type { WorkflowRegistry } from "../workflow-registry";

/**
 * Every fund's yearly duties (report by 31/3, plan by 31/12, Nghị định 93/2019/NĐ-CP) as dossiers the
 * system starts once per fund and year, on the scheduler's clock: each plans its own reminders and
 * late mark as durable timers (`remindDaysBefore`, `REMIND`, `MARK_LATE`), so nothing reads the wall clock.
 * A duty that fell due before the fund's ledger was opened is not started; nor one of a fund without
 * a specialist (who would be reminded).
 */
export class FundYearlyDuties {
  constructor(
    private readonly db: Db,
    private readonly registry: WorkflowRegistry,
    private readonly dossiers: DossierService,
  ) {}

  /** Starts this year's duties that no fund has yet; answers how many were started. */
  async ensure(now: Date): Promise<number> {
    const today = toVietnamDate(now.toISOString());
    const year = Number(today.slice(0, 4));
    const rows = await this.db.select().from(funds).orderBy(asc(funds.id));
    if (rows.length === 0) return 0;
    const workflow = await this.registry.latest(YEARLY_DUTY_WORKFLOW, this.db);
    const wanted = rows.map((fund) => {
      const opened = toVietnamDate(fund.createdAt.toISOString());
      return { fund, due: yearlyDuties(fund.id, year, workflow.definition.config ?? {}).filter((d) => d.dueDate >= opened) };
    });
    const keys = wanted.flatMap((w) => w.due.map((d) => d.key));
    if (keys.length === 0) return 0;
    // Every tick asks this: one read, and a locked write only for a fund that misses a duty.
    const have = await this.db
      .select({ key: instances.childKey })
      .from(instances)
      .where(and(eq(instances.workflowKey, YEARLY_DUTY_WORKFLOW), isNull(instances.parentId), inArray(instances.childKey, keys)));
    const present = new Set(have.map((h) => h.key));
    let started = 0;
    for (const { fund, due: all } of wanted) {
      const due = all.filter((d) => !present.has(d.key));
      if (due.length === 0) continue;
      started += await this.db.transaction(async (tx) => {
        // The fund's row serialises two schedulers starting the same duty.
        await tx.select({ id: funds.id }).from(funds).where(eq(funds.id, fund.id)).for("update");
        // In the name of a specialist of the fund (the duty's work is his role's); none: nobody to remind, skipped.
        const [official] = await tx
          .select({ id: users.id })
          .from(grants)
          .innerJoin(users, eq(users.id, grants.userId))
          .where(and(eq(grants.unitId, fund.unitId), eq(grants.role, "specialist"), eq(users.disabled, false)))
          .orderBy(asc(users.username))
          .limit(1);
        if (!official) return 0;
        let n = 0;
        for (const duty of due) {
          const data = { fundUnit: fund.unitId, duty: duty.duty, year: duty.year, subjectYear: duty.subjectYear, dueDate: duty.dueDate };
          if (await this.dossiers.startBySystem(tx, YEARLY_DUTY_WORKFLOW, data, { title: `${duty.title} (${fund.name})`, unitId: fund.unitId, key: duty.key, starterId: official.id }, now)) n++;
        }
        return n;
      });
    }
    return started;
  }
}
