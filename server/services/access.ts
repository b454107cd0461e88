import { eq, type SQL } from "drizzle-orm";
import { instances } from "../db/schema";
import type { SessionUser } from "../identity";
import type { InstanceRow } from "./dossiers";

/**
 * Who may see a dossier. Until units and tasks land (issue 4): its starter, and any official
 * (a user with a role other than applicant).
 */
export function canSeeDossier(user: SessionUser, row: InstanceRow): boolean {
  return row.starterId === user.id || isOfficial(user);
}

/** The SQL condition limiting a dossier list to what `user` may see (undefined: everything). */
export function visibleDossiers(user: SessionUser): SQL | undefined {
  return isOfficial(user) ? undefined : eq(instances.starterId, user.id);
}

function isOfficial(user: SessionUser): boolean {
  return user.grants.some((g) => g.role !== "applicant");
}
