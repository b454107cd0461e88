import { randomUUID } from "node:crypto";
import { createApp, type App } from "../../server/app";
import { ManualClock } from "../../server/clock";
import { createServices, type Services } from "../../server/services";
import { freshDatabase, type DatabaseKind } from "./databases";

/** A person calling the API in a test. */
export type TestUser = { id: string; roles: string[] };

export function newUser(...roles: string[]): TestUser {
  return { id: randomUUID(), roles };
}

export type TestApp = {
  app: App;
  services: Services;
  clock: ManualClock;
  /** Sends a request as `user` (or anonymously); JSON bodies are encoded. */
  request(user: TestUser | null, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
};

/** The whole server, in process, on a fresh database of `kind`, with a clock the test moves. */
export async function createTestApp(kind: DatabaseKind, options: { now?: string } = {}): Promise<TestApp> {
  const database = await freshDatabase(kind);
  const clock = new ManualClock(options.now ?? "2026-11-23T02:00:00Z");
  const services = await createServices({ database, clock });
  const app = createApp(services);
  return {
    app,
    services,
    clock,
    request: (user, method, path, body, headers = {}) =>
      Promise.resolve(
        app.request(path, {
          method,
          headers: {
            ...(body !== undefined ? { "content-type": "application/json" } : {}),
            ...(user ? { "x-hoso-dev-user": user.id, "x-hoso-dev-roles": user.roles.map((r) => `${r}@unit`).join(",") } : {}),
            ...headers,
          },
          ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
        }),
      ),
    close: () => database.dispose(),
  };
}
