import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { requireRootAdmin } from "../auth/admin-scope";
import { requireUser } from "../auth/require-user";
import { CalendarYear } from "../../workflows/calendar";
import { DomainError } from "../errors";
import { readJson } from "../request";

const Year = z.coerce.number().int().min(1970).max(9999);

function yearParam(raw: string): number {
  const parsed = Year.safeParse(raw);
  if (!parsed.success) {
    throw new DomainError("VALIDATION_FAILED", "Năm không hợp lệ", {
      messageEn: "the year must be a number from 1970 to 9999",
      fields: [{ path: "/year", message: "Năm phải là số từ 1970 đến 9999", messageEn: "must be 1970–9999" }],
    });
  }
  return parsed.data;
}

/** The working-day calendar: read by anyone signed in, edited by admins (one year at a time). */
export const calendarRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    requireUser(c);
    return c.json({ years: await c.var.services.calendar.years() });
  })
  .get("/:year", async (c) => {
    requireUser(c);
    return c.json(await c.var.services.calendar.year(yearParam(c.req.param("year"))));
  })
  .put("/:year", async (c) => {
    // Workflows, forms and the calendar apply to every unit: only an admin of a root unit changes them.
    const user = await requireRootAdmin(c);
    const year = yearParam(c.req.param("year"));
    const body = await readJson(c, CalendarYear);
    const { calendar, deadlines, clock, registry } = c.var.services;
    // Reminders and task due dates planned on the old calendar are planned again in the same transaction.
    const saved = await calendar.save(year, body, user.id, (tx, cal) => deadlines.replanAll(tx, cal, clock.now(), registry).then(() => {}));
    return c.json(saved);
  });
