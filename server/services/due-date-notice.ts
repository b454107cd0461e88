import { toVietnamDate, workingDaysBetween } from "../../workflows/calendar";
import type { CalendarService } from "./calendar";
import { writeOutbox } from "./outbox";
import type { ApplierOf } from "./step-pipeline";

/**
 * When a report's `REMIND` or `MARK_LATE` timer is accepted, an outbox row tells the unit's officials
 * (reminder, with the working days left) or its leaders (late) through the notifications. The timers
 * themselves are planned by the pure core (`dueDateTimers`), as durable timers (design §5): no sweep.
 */
export function dueDateNotice(calendars: CalendarService): ApplierOf<"dueDateNotice"> {
  return async ({ notice }, { instance, at, tx: open }) => {
    const tx = await open();
    const cal = await calendars.current(tx);
    const daysLeft = notice.kind === "reminder" ? Math.max(0, workingDaysBetween(cal, toVietnamDate(at), notice.due)) : 0;
    const payload = { code: instance.code, title: instance.title, clockKey: "dueDate", state: notice.state, role: notice.role, due: notice.due, daysLeft };
    await writeOutbox(tx, instance.id, { kind: notice.kind, payload }, at);
  };
}
