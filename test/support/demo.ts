import { seedDemo } from "../../server/seed";
import { DEMO_PASSWORD, DEMO_UNITS, DEMO_USERS } from "../../server/seed/demo-world";
import type { DatabaseKind } from "./databases";
import { createTestApp, type TestApp, type TestUser } from "./harness";

export { DEMO_PASSWORD, DEMO_UNITS, DEMO_USERS };
export type DemoName = keyof typeof DEMO_USERS;

/** A test app on the seeded Kon Tum world; `as("chuyenvien")` signs a demo account in. */
export type DemoApp = TestApp & { as(name: DemoName): Promise<TestUser> };

/**
 * The whole server on a fresh database seeded with the demo of design §9.
 *
 * @example const t = await createDemoApp(kind); const chuyenvien = await t.as("chuyenvien");
 */
export async function createDemoApp(kind: DatabaseKind, options: { now?: string } = {}): Promise<DemoApp> {
  const t = await createTestApp(kind, options);
  await seedDemo(t.services);
  return Object.assign(t, { as: (name: DemoName) => t.login(DEMO_USERS[name].username, DEMO_PASSWORD) });
}
