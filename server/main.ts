import { serve } from "@hono/node-server";
import { createApp } from "./app";
import { openDatabase } from "./db/client";
import { readEnv } from "./env";
import { createServices } from "./services";

/** `npm start`: open (and migrate) the database, build the services, serve HTTP. */
async function main() {
  const env = readEnv();
  const database = openDatabase({ url: env.DATABASE_URL, dataDir: env.HOSO_DATA_DIR });
  const services = await createServices({ database, codePrefix: env.HOSO_CODE_PREFIX, production: env.NODE_ENV === "production" });
  const app = createApp(services);
  const server = serve({ fetch: app.fetch, port: env.PORT }, (info) => {
    const where = env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : `PGlite in ${env.HOSO_DATA_DIR}`;
    console.log(`Hoso đang chạy tại http://localhost:${info.port} — database: ${where}`);
  });
  const stop = async () => {
    server.close();
    await database.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
