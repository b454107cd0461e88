import type { SessionUser } from "./identity";
import type { Services } from "./services";

/** The typed context every route sees. */
export type AppEnv = {
  Variables: { services: Services; user: SessionUser | null; session: { token: string; csrfToken: string } | null };
};
