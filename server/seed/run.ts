import { openDatabase } from "../db/client";
import { readEnv } from "../env";
import { createServices } from "../services";
import { demoAccountLines, seedDemo } from "./seed";

/** `npm run seed`: loads the demo world into the configured database (idempotent; refused in production). */
const env = readEnv();
if (env.NODE_ENV === "production") {
  console.error("Không nạp dữ liệu demo khi NODE_ENV=production (demo data is refused in production).");
  process.exit(1);
}
const database = openDatabase({ url: env.DATABASE_URL, dataDir: env.HOSO_DATA_DIR });
try {
  const services = await createServices({ database, codePrefix: env.HOSO_CODE_PREFIX });
  await seedDemo(services);
  console.log(demoAccountLines().join("\n"));
} finally {
  await database.close();
}
