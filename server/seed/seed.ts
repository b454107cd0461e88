import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { addCalendarDays, toVietnamDate } from "../../workflows/calendar";
import { hashPassword, verifyPassword } from "../auth/passwords";
import { grants, instances, units, users } from "../db/schema";
import type { Services } from "../services";
import { loadSessionUser } from "../services/session-user";
import { DEMO_DOSSIERS } from "./demo-dossiers";
import { demoPdf } from "./demo-files";
import { seedDemoFund } from "./demo-fund";
import { seedDemoPlan } from "./demo-plan";
import { DEMO_PASSWORD, DEMO_RENAMED_2025, DEMO_ROLES_VI, DEMO_UNIT_ROWS, DEMO_USERS } from "./demo-world";

export class SeedRefused extends Error {}

/**
 * Seeds the demo world of design §9: Kon Tum's units, the demo accounts (password `demo`) and a few
 * founding dossiers in different states. Idempotent: what exists is left alone. Refused in production.
 */
export async function seedDemo(services: Services): Promise<{ created: boolean }> {
  if (services.config.production) throw new SeedRefused("Không nạp dữ liệu demo khi NODE_ENV=production (demo data is refused in production)");
  const { db } = services.database;
  const at = services.clock.now();
  await db.insert(units).values(DEMO_UNIT_ROWS.map((u) => ({ ...u, createdAt: at }))).onConflictDoNothing();
  const existing = new Set(
    (await db.select({ id: users.id }).from(users).where(inArray(users.id, Object.values(DEMO_USERS).map((u) => u.id)))).map((u) => u.id),
  );
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const user of Object.values(DEMO_USERS)) {
    if (existing.has(user.id)) continue;
    await db.insert(users).values({ id: user.id, username: user.username, displayName: user.displayName, passwordHash, createdAt: at }).onConflictDoNothing();
    for (const g of user.grants) {
      // The unique (user, role, unit) index makes a second run a no-op.
      await db.insert(grants).values({ id: randomUUID(), userId: user.id, role: g.role, unitId: g.unitId, position: "position" in g ? g.position : null, createdAt: at }).onConflictDoNothing();
    }
  }
  await seedDemoPlan(services);
  await seedDemoFund(services);
  // History first under the old names, then today's; a unit an admin has renamed since is left alone.
  for (const unit of DEMO_RENAMED_2025) {
    const old = DEMO_UNIT_ROWS.find((u) => u.id === unit.id)!.name;
    await db.update(units).set({ name: unit.name }).where(and(eq(units.id, unit.id), eq(units.name, old)));
  }
  const [started] = await db.select({ id: instances.id }).from(instances).where(eq(instances.starterId, DEMO_USERS.nguoinop.id)).limit(1);
  if (started) return { created: existing.size === 0 };
  const byName = new Map(Object.values(DEMO_USERS).map((u) => [u.username, u.id]));
  const as = async (username: string) => (await loadSessionUser(db, byName.get(username)!))!;
  for (const dossier of DEMO_DOSSIERS) {
    const nguoinop = await as("nguoinop");
    const upload = async (name: string, text: string) =>
      (await services.attachments.upload(nguoinop, { bytes: demoPdf(text), name, declaredType: "application/pdf" })).id;
    // Every member's CV and criminal-record extract, issued a month ago (Nghị định 126/2024: at most 6 months old).
    const issuedOn = addCalendarDays(toVietnamDate(at), -30);
    const members = [];
    for (const [i, member] of (dossier.data.members as Record<string, unknown>[]).entries()) {
      members.push({
        ...member,
        cv: await upload(`Sơ yếu lý lịch ${i + 1}.pdf`, `So yeu ly lich - ${member.fullName as string}`),
        criminalRecord: await upload(`Phiếu lý lịch tư pháp ${i + 1}.pdf`, `Phieu ly lich tu phap so 1 - ${member.fullName as string}`),
        criminalRecordIssuedOn: issuedOn,
      });
    }
    const data = {
      ...dossier.data,
      members,
      applicationLetter: await upload("Đơn đề nghị công nhận ban vận động.pdf", `Don de nghi cong nhan ban van dong - ${dossier.data.name as string}`),
    };
    const row = await services.dossiers.start(nguoinop, "association-founding", data);
    for (const [type, username, data] of dossier.steps) await services.dossiers.send(await as(username), row.id, { type, data });
  }
  return { created: true };
}

/** The demo accounts as lines to print at start-up. */
export function demoAccountLines(): string[] {
  return [
    `Tài khoản demo (mật khẩu "${DEMO_PASSWORD}") — demo accounts:`,
    ...Object.entries(DEMO_USERS).map(([key, u]) => `  ${u.username.padEnd(16)} ${DEMO_ROLES_VI[key as keyof typeof DEMO_USERS]}`),
  ];
}

/** True when any demo account still signs in with the demo password (refused in production). */
export async function demoAccountsPresent(services: Services): Promise<boolean> {
  const rows = await services.database.db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(inArray(users.username, Object.values(DEMO_USERS).map((u) => u.username)));
  for (const row of rows) if (await verifyPassword(row.passwordHash, DEMO_PASSWORD)) return true;
  return false;
}
