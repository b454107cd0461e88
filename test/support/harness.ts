import { randomUUID } from "node:crypto";
import type { Role } from "../../workflows";
import { createApp, type App } from "../../server/app";
import { ManualClock, systemClock, type Clock } from "../../server/clock";
import type { UnitKind } from "../../server/db/schema";
import { createServices, type Services } from "../../server/services";
import { MemoryMailer } from "../../server/services/mailer";
import type { UnitRow } from "../../server/services/units";
import type { Database } from "../../server/db/client";
import type { HealthProbe } from "../../server/routes/health";
import type { BlobStorage } from "../../server/storage/blob-storage";
import { freshDatabase, type DatabaseKind } from "./databases";

/** A signed-in person calling the API in a test: their session cookie and CSRF token. */
export type TestUser = { id: string; username: string; displayName: string; cookie: string; csrfToken: string; address: string };

export type UserSpec = { username?: string; displayName?: string; password?: string; grants: { role: Role; unitId: string; position?: string }[] };
export type UnitSpec = { name?: string; kind?: UnitKind; parentId?: string | null; code?: string };

export type TestApp = {
  app: App;
  services: Services;
  clock: ManualClock;
  /** What the notification dispatcher mailed. */
  mailer: MemoryMailer;
  /** Sends a request as `user` (cookie and CSRF header included) or anonymously; JSON bodies are encoded. */
  request(user: TestUser | null, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  /** Sends a request from a given network address (for the per-address sign-in limit). */
  raw(method: string, path: string, options?: { body?: unknown; headers?: Record<string, string>; address?: string }): Promise<Response>;
  /** Creates an organisation unit. */
  unit(spec?: UnitSpec): Promise<UnitRow>;
  /** Creates a user with grants and signs them in over HTTP. */
  user(spec: UserSpec): Promise<TestUser>;
  /** Signs an existing user in over HTTP. */
  login(username: string, password: string, address?: string): Promise<TestUser>;
  /** Uploads a file as `multipart/form-data` (part `file`) to `POST /api/attachments`. */
  upload(user: TestUser | null, file: { bytes: Uint8Array; name: string; type?: string }): Promise<Response>;
  close(): Promise<void>;
};

let counter = 0;
/** A fresh private address per signed-in test user, so that per-address limits do not leak between tests. */
const nextAddress = () => `10.${(++counter >> 16) & 255}.${(counter >> 8) & 255}.${counter & 255}`;

/** The whole server, in process, on a fresh database of `kind`, with a clock the test moves. */
export async function createTestApp(
  kind: DatabaseKind,
  options: { now?: string; sessionClock?: Clock; maxUploadBytes?: number; database?: Database & { dispose(): Promise<void> }; storage?: BlobStorage; health?: HealthProbe } = {},
): Promise<TestApp> {
  // A given database (e.g. one a test reopens to simulate a restart) is used as is and disposed on close.
  const database = options.database ?? (await freshDatabase(kind));
  const clock = new ManualClock(options.now ?? "2026-11-23T02:00:00Z");
  // Sessions expire in wall-clock time unless a test asks otherwise: moving the dossier clock by days keeps users signed in.
  const mailer = new MemoryMailer();
  const services = await createServices({
    database,
    clock,
    mailer,
    sessionClock: options.sessionClock ?? systemClock,
    ...(options.maxUploadBytes ? { maxUploadBytes: options.maxUploadBytes } : {}),
    ...(options.storage ? { storage: options.storage } : {}),
  });
  const app = createApp(services, options.health);

  const raw: TestApp["raw"] = (method, path, { body, headers = {}, address = "192.0.2.1" } = {}) =>
    Promise.resolve(
      app.request(
        path,
        {
          method,
          headers: { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
          ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
        },
        { incoming: { socket: { remoteAddress: address, remotePort: 40000, remoteFamily: "IPv4" } } },
      ),
    );

  const login: TestApp["login"] = async (username, password, address = nextAddress()) => {
    const res = await raw("POST", "/api/auth/login", { body: { username, password }, address });
    if (res.status !== 200) throw new Error(`login of ${username} failed: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { user: { id: string; displayName: string }; csrfToken: string };
    const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
    return { id: body.user.id, username, displayName: body.user.displayName, cookie, csrfToken: body.csrfToken, address };
  };

  return {
    app,
    services,
    clock,
    mailer,
    raw,
    login,
    request: (user, method, path, body, headers = {}) =>
      raw(method, path, {
        body,
        address: user?.address,
        headers: { ...(user ? { cookie: user.cookie, "x-csrf-token": user.csrfToken } : {}), ...headers },
      }),
    unit: (spec = {}) =>
      services.units.create({ kind: spec.kind ?? "office", name: spec.name ?? `Đơn vị ${++counter}`, parentId: spec.parentId ?? null, code: spec.code ?? null }),
    user: async (spec) => {
      const username = spec.username ?? `user-${randomUUID().slice(0, 8)}`;
      const password = spec.password ?? "mat-khau-thu";
      await services.people.create({ username, displayName: spec.displayName ?? username, password, grants: spec.grants });
      return login(username, password);
    },
    upload: (user, file) => {
      const form = new FormData();
      form.append("file", new File([file.bytes], file.name, file.type === undefined ? {} : { type: file.type }));
      return Promise.resolve(
        app.request(
          "/api/attachments",
          { method: "POST", headers: user ? { cookie: user.cookie, "x-csrf-token": user.csrfToken } : {}, body: form },
          { incoming: { socket: { remoteAddress: user?.address ?? "192.0.2.1", remotePort: 40000, remoteFamily: "IPv4" } } },
        ),
      );
    },
    close: () => database.dispose(),
  };
}
