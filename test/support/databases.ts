import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openDatabase, type Database } from "../../server/db/client";

export type DatabaseKind = "pglite" | "postgres";

/** PGlite always; the real PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). */
export const databaseKinds: DatabaseKind[] = process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

/**
 * A fresh, empty database of the given kind: an in-memory PGlite, or a new database created on the
 * PostgreSQL server of TEST_DATABASE_URL and dropped again by `dispose`.
 */
export async function freshDatabase(kind: DatabaseKind): Promise<Database & { dispose(): Promise<void>; url?: string }> {
  if (kind === "pglite") {
    const database = openDatabase({ dataDir: "memory://" });
    return { ...database, dispose: () => database.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `hoso_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = openDatabase({ url: url.toString(), dataDir: "unused", poolSize: 20 });
  return {
    ...database,
    url: url.toString(),
    dispose: async () => {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
