import type { IdempotentWrite } from "./idempotency";
import type { SessionUser } from "./identity";
import type { Services } from "./services";

/** The typed context every route sees. */
export type AppEnv = {
  Variables: {
    services: Services;
    user: SessionUser | null;
    session: { token: string; csrfToken: string } | null;
    /** Set when the request came with an `Idempotency-Key`: a route may store its answer in its own transaction. */
    idempotency: IdempotentWrite | undefined;
  };
};
