import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../server/app";
import { LOGIN_ACCOUNT_SOFT_LIMIT, LOGIN_ADDRESS_MAX_FAILURES, LOGIN_MAX_FAILURES } from "../../server/auth/login-limiter";
import { openDatabase, type Database } from "../../server/db/client";
import { createServices } from "../../server/services";
import { databaseKinds, freshDatabase } from "../support/databases";
import { createTestApp, type TestApp } from "../support/harness";

/** Sign-in limits (issue 15, items 6 and 7): reserved before the password check, keyed so a stranger cannot lock the owner out. */
describe.each(databaseKinds)("sign-in limits on %s", (kind) => {
  let t: TestApp;
  /** On PostgreSQL, a second server process (its own connection pool) on the same database. */
  let second: { app: App; database: Database } | undefined;
  beforeAll(async () => {
    const database = await freshDatabase(kind);
    t = await createTestApp(kind, { database });
    if (database.url) {
      const other = openDatabase({ url: database.url, dataDir: "unused", poolSize: 10 });
      second = { app: createApp(await createServices({ database: other, clock: t.clock })), database: other };
    }
  });
  afterAll(async () => {
    await second?.database.close();
    await t.close();
  });

  const login = (username: string, password: string, address: string, app?: App) =>
    app
      ? Promise.resolve(
          app.request(
            "/api/auth/login",
            { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password }) },
            { incoming: { socket: { remoteAddress: address, remotePort: 40000, remoteFamily: "IPv4" } } },
          ),
        )
      : t.raw("POST", "/api/auth/login", { body: { username, password }, address });
  const account = (username: string) => t.services.people.create({ username, displayName: username, password: "dung-mat-khau", grants: [] });

  it("checks at most 10 of 120 parallel guesses for one account from one address; the others and then the right password get 429", async () => {
    await account("doan-song-song");
    const guesses = Array.from({ length: 120 }, (_, i) => (i === 60 ? "dung-mat-khau" : `sai-${i}`));
    // Half of them through the second server process, when there is one.
    const results = await Promise.all(guesses.map((p, i) => login("doan-song-song", p, "198.51.100.20", i % 2 ? second?.app : undefined)));
    const statuses = results.map((r) => r.status);
    const wrongChecked = statuses.filter((s) => s === 401).length;
    expect(wrongChecked).toBeLessThanOrEqual(LOGIN_MAX_FAILURES);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(1);
    expect(statuses.filter((s) => s !== 401 && s !== 200).every((s) => s === 429)).toBe(true);
    expect(wrongChecked + statuses.filter((s) => s === 429).length).toBe(statuses.length - statuses.filter((s) => s === 200).length);
    // At least ten wrong guesses: the pair is locked now, and the right password is refused unchecked.
    expect(wrongChecked).toBe(LOGIN_MAX_FAILURES);
    const after = await login("doan-song-song", "dung-mat-khau", "198.51.100.20");
    expect(after.status).toBe(429);
    expect(await after.json()).toMatchObject({ error: { code: "LOGIN_LOCKED" } });
    expect(Number(after.headers.get("retry-after"))).toBe(15 * 60);
  });

  it("locks one account + address after 10 wrong passwords, even for the right one, and unlocks after 15 minutes", async () => {
    await account("bi-khoa");
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) expect((await login("bi-khoa", `sai-${i}`, "198.51.100.30")).status).toBe(401);
    const locked = await login("bi-khoa", "dung-mat-khau", "198.51.100.30");
    expect(locked.status).toBe(429);
    const body = (await locked.json()) as { error: { code: string; message: string } };
    expect(body.error).toMatchObject({ code: "LOGIN_LOCKED", message: "Đăng nhập sai quá nhiều lần, vui lòng thử lại sau 15 phút" });
    expect(Number(locked.headers.get("retry-after"))).toBe(15 * 60);
    t.clock.advance(14 * 60_000);
    expect((await login("bi-khoa", "dung-mat-khau", "198.51.100.30")).status).toBe(429);
    t.clock.advance(61_000);
    expect((await login("bi-khoa", "dung-mat-khau", "198.51.100.30")).status).toBe(200);
  });

  it("a stranger's 10 wrong passwords for admin from one address do not lock admin out from another", async () => {
    await account("quan-tri");
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) expect((await login("quan-tri", `doan-${i}`, "203.0.113.66")).status).toBe(401);
    expect((await login("quan-tri", "dung-mat-khau", "203.0.113.66")).status).toBe(429);
    expect((await login("quan-tri", "dung-mat-khau", "198.51.100.31")).status).toBe(200);
  });

  it("after 10 failures of an account from many addresses, those addresses wait longer and longer; a new address is still checked", async () => {
    await account("nhieu-dia-chi");
    for (let i = 0; i < LOGIN_ACCOUNT_SOFT_LIMIT; i++) expect((await login("nhieu-dia-chi", "sai", `203.0.113.${i + 1}`)).status).toBe(401);
    // An address that failed for the account waits 1 s after the account's latest attempt, then 2 s, 4 s…
    const slowed = await login("nhieu-dia-chi", "dung-mat-khau", "203.0.113.1");
    expect(slowed.status).toBe(429);
    expect(slowed.headers.get("retry-after")).toBe("1");
    t.clock.advance(1000);
    expect((await login("nhieu-dia-chi", "sai", "203.0.113.2")).status).toBe(401);
    const longer = await login("nhieu-dia-chi", "sai", "203.0.113.3");
    expect(longer.status).toBe(429);
    expect(longer.headers.get("retry-after")).toBe("2");
    // The owner, from an address that has not failed for the account, is checked at once.
    expect((await login("nhieu-dia-chi", "dung-mat-khau", "198.51.100.32")).status).toBe(200);
  });

  it("one user's 10 wrong passwords from an address do not stop another account's sign-in from it", async () => {
    await account("go-nham");
    await account("dong-nghiep");
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) expect((await login("go-nham", `sai-${i}`, "198.51.100.40")).status).toBe(401);
    // His further tries are refused unchecked and do not count towards the address.
    for (let i = 0; i < 40; i++) expect((await login("go-nham", "sai", "198.51.100.40")).status).toBe(429);
    expect((await login("dong-nghiep", "dung-mat-khau", "198.51.100.40")).status).toBe(200);
  });

  it("locks an address spraying passwords over many accounts after 30 failures, for every account", async () => {
    await account("nan-nhan");
    for (let i = 0; i < LOGIN_ADDRESS_MAX_FAILURES; i++) expect((await login(`tai-khoan-${i}`, "123456", "198.51.100.50")).status).toBe(401);
    const locked = await login("nan-nhan", "dung-mat-khau", "198.51.100.50");
    expect(locked.status).toBe(429);
    expect(await locked.json()).toMatchObject({ error: { code: "LOGIN_LOCKED" } });
    expect((await login("nan-nhan", "dung-mat-khau", "198.51.100.51")).status).toBe(200);
  });

  it("checks at most 30 of 100 parallel guesses sprayed over 100 accounts from one address", async () => {
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => login(`phun-${i}`, "123456", "198.51.100.55", i % 2 ? second?.app : undefined)),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(LOGIN_ADDRESS_MAX_FAILURES);
    expect(statuses.filter((s) => s === 429)).toHaveLength(100 - LOGIN_ADDRESS_MAX_FAILURES);
  });

  it("40 colleagues behind one office address signing in at the same moment are never locked out: the surplus retries", async () => {
    const names = Array.from({ length: 40 }, (_, i) => `dong-nghiep-${i}`);
    for (const name of names) await account(name);
    const first = await Promise.all(names.map((name, i) => login(name, "dung-mat-khau", "198.51.100.70", i % 2 ? second?.app : undefined)));
    const codes = await Promise.all(first.map(async (r) => (r.status === 200 ? "ok" : ((await r.json()) as { error: { code: string } }).error.code)));
    expect(codes.every((c) => c === "ok" || c === "LOGIN_BUSY"), codes.join()).toBe(true);
    expect(first.filter((r) => r.status === 429).every((r) => r.headers.get("retry-after") === "1")).toBe(true);
    // Those asked to wait get in on their retry; the address is not locked.
    for (const [i, name] of names.entries()) if (first[i]!.status !== 200) expect((await login(name, "dung-mat-khau", "198.51.100.70")).status).toBe(200);
    expect((await login(names[0]!, "dung-mat-khau", "198.51.100.70")).status).toBe(200);
  });

  it("a right password gives its attempt back: signing in many times from one address never locks it", async () => {
    await account("hay-dang-nhap");
    for (let i = 0; i < LOGIN_ADDRESS_MAX_FAILURES + 5; i++) expect((await login("hay-dang-nhap", "dung-mat-khau", "198.51.100.60")).status).toBe(200);
  });

  it("counts concurrent failures from many addresses exactly", async () => {
    await account("dong-thoi");
    const results = await Promise.all(Array.from({ length: LOGIN_MAX_FAILURES }, (_, i) => login("dong-thoi", "sai", `192.0.2.${100 + i}`)));
    expect(results.map((r) => r.status)).toEqual(Array(LOGIN_MAX_FAILURES).fill(401));
    expect((await login("dong-thoi", "sai", "192.0.2.100")).status).toBe(429);
  });
});
