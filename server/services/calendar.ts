import { asc, eq } from "drizzle-orm";
import { buildCalendar, CalendarYear, shippedCalendarYears, type Calendar } from "../../workflows/calendar";
import type { Clock } from "../clock";
import type { Db, Tx } from "../db/client";
import { calendarYears } from "../db/schema";
import { DomainError, notFound } from "../errors";
import { parseWith } from "../request";

/** How long another process's edit may go unseen by this one. */
const REFRESH_MS = 60_000;

/**
 * The working-day calendar stored in the database, editable by admins. The built calendar is cached and
 * rebuilt when this process saves a year, or after `REFRESH_MS` (edits made by other processes).
 * Reads inside a transaction pass it (`current(tx)`): PGlite has one connection.
 */
export class CalendarService {
  private cached: { calendar: Calendar; loadedAt: number } | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Inserts the shipped years that are not stored yet; an admin's edits are never overwritten. */
  async seed(): Promise<void> {
    const at = this.clock.now();
    await this.db
      .insert(calendarYears)
      .values(shippedCalendarYears.map((y) => ({ year: y.year, data: y, updatedAt: at, updatedBy: null })))
      .onConflictDoNothing();
    await this.reload(this.db);
  }

  /** The calendar to compute with. */
  async current(db: Db | Tx): Promise<Calendar> {
    const now = this.clock.now().getTime();
    if (this.cached && Math.abs(now - this.cached.loadedAt) < REFRESH_MS) return this.cached.calendar;
    return this.reload(db);
  }

  async year(year: number): Promise<CalendarYear> {
    const [row] = await this.db.select().from(calendarYears).where(eq(calendarYears.year, year));
    if (!row) throw notFound("NOT_FOUND", `no calendar for ${year}`);
    return row.data as CalendarYear;
  }

  async years(): Promise<number[]> {
    const rows = await this.db.select({ year: calendarYears.year }).from(calendarYears).orderBy(asc(calendarYears.year));
    return rows.map((r) => r.year);
  }

  /**
   * Validates and stores one year (insert or replace), then calls `afterSave` in the same transaction
   * with the new calendar (to re-plan reminders against it).
   */
  async save(
    year: number,
    input: unknown,
    userId: string,
    afterSave: (tx: Tx, calendar: Calendar) => Promise<void> = async () => {},
  ): Promise<CalendarYear> {
    const data = parseWith(CalendarYear, input);
    if (data.year !== year) {
      throw new DomainError("VALIDATION_FAILED", "Dữ liệu không hợp lệ", {
        messageEn: "the body's year differs from the path",
        fields: [{ path: "/year", message: `Năm phải là ${year}`, messageEn: `must be ${year}` }],
      });
    }
    const at = this.clock.now();
    const calendar = await this.db.transaction(async (tx) => {
      await tx
        .insert(calendarYears)
        .values({ year, data, updatedAt: at, updatedBy: userId })
        .onConflictDoUpdate({ target: calendarYears.year, set: { data, updatedAt: at, updatedBy: userId } });
      const built = await this.build(tx);
      await afterSave(tx, built);
      return built;
    });
    // Cached only once committed: a failed save leaves the old calendar in use.
    this.cached = { calendar, loadedAt: at.getTime() };
    return data;
  }

  private async reload(db: Db | Tx): Promise<Calendar> {
    const calendar = await this.build(db);
    this.cached = { calendar, loadedAt: this.clock.now().getTime() };
    return calendar;
  }

  private async build(db: Db | Tx): Promise<Calendar> {
    const rows = await db.select().from(calendarYears).orderBy(asc(calendarYears.year));
    return buildCalendar(rows.map((r) => r.data as CalendarYear));
  }
}
