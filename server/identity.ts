import type { Role } from "../workflows";

/** A role a user holds in an organisation unit. */
export type Grant = { role: Role; unitId: string };

/** The signed-in person, as every route sees them. */
export type SessionUser = { id: string; username: string; displayName: string; grants: Grant[] };
