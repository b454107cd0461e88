import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../server/clock";
import { openDatabase } from "../../server/db/client";
import { timers } from "../../server/db/schema";
import { Scheduler } from "../../server/scheduler/scheduler";
import { createServices } from "../../server/services";
import { MemoryMailer } from "../../server/services/mailer";
import { databaseKinds, freshDatabase } from "../support/databases";
import { createTestApp, type TestApp } from "../support/harness";
import { act, createWorld, startFounding, view, walkTo, type World } from "./founding-walk";

describe.each(databaseKinds)("timed transitions on %s", (kind) => {
  let t: TestApp;
  let w: World;
  let scheduler: Scheduler;
  beforeAll(async () => {
    t = await createTestApp(kind, { now: "2026-03-02T10:00:00+07:00" });
    w = await createWorld(t);
    scheduler = new Scheduler(t.services);
  });
  afterAll(async () => t.close());

  const timersOf = (id: string) => t.services.database.db.select().from(timers).where(eq(timers.instanceId, id)).orderBy(timers.createdAt);

  it("ends the congress period 90 days after the permission took effect, and expires the permission when no congress held in time is reported by 30 working days later", async () => {
    t.clock.set("2026-03-02T10:00:00+07:00");
    const id = await startFounding(t, w);
    const permitted = await walkTo(t, w, id, "permitted"); // permission signed and effective Mon 02/03/2026
    expect(permitted.state).toBe("permitted");
    // 90 calendar days from 2/3 (the day itself not counted): March 29 + April 30 + May 31 = 90 → Sun 31/5, a day off,
    // so the limit ends on the next working day, Mon 01/06/2026 (BLDS 2015 Điều 148 khoản 5); the period ends at 00:00 on 02/06.
    const [ending] = (await timersOf(id)).filter((x) => x.stateName === "permitted");
    expect(ending).toMatchObject({ kind: "event", eventType: "CONGRESS_PERIOD_ENDED", firedAt: null, cancelledAt: null });
    expect(ending!.fireAt.toISOString()).toBe("2026-06-01T17:00:00.000Z");

    t.clock.set("2026-06-01T23:59:59+07:00");
    expect((await scheduler.runDue()).fired).toEqual([]);
    expect((await view(t, w.specialist, id)).state).toBe("permitted");

    t.clock.set("2026-06-02T00:00:00+07:00");
    expect((await scheduler.runDue()).fired).toEqual([ending!.id]);
    const ended = await view(t, w.applicant, id);
    expect(ended.state).toBe("congressPeriodEnded");
    expect(ended.history.at(-1)).toMatchObject({ type: "CONGRESS_PERIOD_ENDED", actorId: null, from: ["permitted"], to: ["congressPeriodEnded"] });

    // A congress held on the last day may be reported within 30 working days: through Mon 13/07/2026.
    const [expiry] = (await timersOf(id)).filter((x) => x.stateName === "congressPeriodEnded");
    expect(expiry).toMatchObject({ kind: "event", eventType: "EXPIRE", firedAt: null, cancelledAt: null });
    expect(expiry!.fireAt.toISOString()).toBe("2026-07-13T17:00:00.000Z");
    t.clock.set("2026-07-14T00:00:00+07:00");
    expect((await scheduler.runDue()).fired).toEqual([expiry!.id]);
    const expired = await view(t, w.applicant, id);
    expect(expired.state).toBe("expired");
    const last = expired.history.at(-1)!;
    expect(last).toMatchObject({ type: "EXPIRE", actorId: null, actorRoles: [], from: ["congressPeriodEnded"], to: ["expired"], at: "2026-07-13T17:00:00.000Z" });
    expect(last.data).toMatchObject({ timer: { id: expiry!.id, after: null } });

    // Fired once: running the scheduler again finds nothing.
    t.clock.set("2026-07-20T00:00:00+07:00");
    expect((await scheduler.runDue()).claimed).toBe(0);
    expect((await view(t, w.specialist, id)).history.filter((h) => h.type === "EXPIRE")).toHaveLength(1);
  });

  it("cancels a state's timers when the dossier leaves it: a congress reported in time never expires", async () => {
    t.clock.set("2026-03-02T10:00:00+07:00");
    const id = await startFounding(t, w);
    await walkTo(t, w, id, "committeeRecognized");
    const [recognition] = (await timersOf(id)).filter((x) => x.kind === "event");
    expect(recognition).toMatchObject({ stateName: "committeeRecognized", eventType: "EXPIRE", cancelledAt: null });
    await act(t, w.applicant, id, "SUBMIT"); // leaves committeeRecognized → its 365-day expiry is cancelled
    expect((await timersOf(id)).find((x) => x.id === recognition!.id)!.cancelledAt).not.toBeNull();

    await act(t, w.specialist, id, "PROPOSE");
    await act(t, w.leader, id, "SEND_SUBMISSION");
    expect((await act(t, w.chairman, id, "APPROVE")).state).toBe("permitted");
    t.clock.set("2026-05-20T10:00:00+07:00");
    await act(t, w.applicant, id, "REPORT_CONGRESS");
    const permittedTimer = (await timersOf(id)).find((x) => x.stateName === "permitted")!;
    expect(permittedTimer.cancelledAt?.toISOString()).toBe("2026-05-20T03:00:00.000Z");
    t.clock.set("2026-07-01T00:00:00+07:00");
    await scheduler.runDue();
    expect((await view(t, w.specialist, id)).state).toBe("charterReview");
  });

  it("cancels (never fires) a due timer whose event no longer applies", async () => {
    t.clock.set("2026-03-02T10:00:00+07:00");
    const id = await startFounding(t, w);
    await walkTo(t, w, id, "permitted");
    const timer = (await timersOf(id)).find((x) => x.stateName === "permitted")!;
    // A timer row left pending although the dossier moved on (e.g. written by an older version): refused, cancelled.
    await t.services.database.db.update(timers).set({ eventType: "APPROVE" }).where(eq(timers.id, timer.id));
    t.clock.set("2026-06-03T00:00:00+07:00");
    const result = await scheduler.runDue();
    expect(result.fired).not.toContain(timer.id);
    const [after] = await t.services.database.db.select().from(timers).where(eq(timers.id, timer.id));
    expect(after).toMatchObject({ firedAt: null });
    expect(after!.cancelledAt).not.toBeNull();
    expect(after!.lastError).toMatch(/^ROLE_NOT_ALLOWED|^EVENT_NOT_ALLOWED/);
    expect((await view(t, w.specialist, id)).state).toBe("permitted");
  });
});

describe.each(databaseKinds)("timers survive a restart on %s", (kind) => {
  it("fires a timer written before the database was closed, with a new scheduler after reopening it", async () => {
    // PGlite in a folder on disk (not memory), PostgreSQL in a fresh database: both outlive the first "process".
    const dir = kind === "pglite" ? mkdtempSync(join(tmpdir(), "hoso-restart-")) : null;
    const pg = kind === "postgres" ? await freshDatabase("postgres") : null;
    const open = () => {
      const database = dir ? openDatabase({ dataDir: dir }) : openDatabase({ url: pg!.url!, dataDir: "unused" });
      return { ...database, dispose: () => database.close() };
    };
    try {
      const t1 = await createTestApp(kind, { database: open(), now: "2026-03-02T10:00:00+07:00" });
      const w = await createWorld(t1);
      const id = await startFounding(t1, w);
      await walkTo(t1, w, id, "permitted");
      await t1.close(); // the process stops; nothing was due yet

      const second = open();
      const services = await createServices({ database: second, clock: new ManualClock("2026-06-02T08:00:00+07:00"), mailer: new MemoryMailer() });
      const result = await new Scheduler(services).runDue();
      const [expiry] = await second.db.select().from(timers).where(eq(timers.stateName, "permitted"));
      expect(result.fired).toContain(expiry!.id);
      expect((await services.dossierReads.find(id))!.state).toEqual(["congressPeriodEnded"]);
      expect((await services.dossierReads.history(id)).at(-1)).toMatchObject({ type: "CONGRESS_PERIOD_ENDED", actorId: null });
      await second.close();
    } finally {
      if (dir) rmSync(dir, { recursive: true, force: true });
      if (pg) await pg.dispose().catch(() => {});
    }
  });
});
