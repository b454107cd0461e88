import { z } from "zod";

const Env = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOSO_DATA_DIR: z.string().min(1).default("./data"),
  /** Several hosts for failover: `postgres://u@host1:5432,host2:5432/db?target_session_attrs=read-write` (not a WHATWG URL, so checked by shape). */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, "postgres://user@host[:port][,host2[:port]]/database")
    .optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOSO_DEMO: z.enum(["0", "1"]).default("1"),
  /** Prefix of dossier codes: the province (KT = Kon Tum). */
  /** Behind a reverse proxy: take the client address from the last X-Forwarded-For hop. */
  HOSO_TRUST_PROXY: z.enum(["0", "1"]).default("0"),
  HOSO_CODE_PREFIX: z.string().regex(/^[A-Z]{2,4}$/).default("KT"),
  /** Largest accepted upload (attachment), in megabytes. */
  HOSO_MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(1024).default(20),
  /** How often the in-process scheduler looks for due timers and outbox rows; 0 turns it off (run `npm run worker`). */
  HOSO_SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(0).max(3_600_000).default(10_000),
  /** Working days before a due date on which reminders go out, comma-separated. */
  HOSO_REMINDER_DAYS: z
    .string()
    .regex(/^\d{1,3}(,\d{1,3})*$/, "comma-separated day counts, e.g. 3,1")
    .default("3,1")
    .transform((s) => [...new Set(s.split(",").map(Number))]),
  /** Server processes on one port (node:cluster), with PostgreSQL only; the embedded database is one process's. */
  HOSO_PROCESSES: z.coerce.number().int().min(1).max(64).default(1),
  /** Tests and simulations only: a frozen "now" (ISO instant with offset). Refused in production. */
  HOSO_FAKE_NOW: z.string().datetime({ offset: true }).optional(),
});
export type Env = z.infer<typeof Env>;

/** The only place that reads `process.env`. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = Env.safeParse(Object.fromEntries(Object.entries(source).filter(([, v]) => v !== "")));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  if (parsed.data.NODE_ENV === "production" && parsed.data.HOSO_FAKE_NOW) throw new Error("Invalid configuration:\n  HOSO_FAKE_NOW: not allowed in production");
  return parsed.data;
}
