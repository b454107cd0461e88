import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Clock } from "../clock";
import type { Db } from "../db/client";
import { dossierRatings, instances, SATISFACTION_LEVELS } from "../db/schema";
import { DomainError, notFound } from "../errors";
import type { SessionUser } from "../identity";
import { canSeeDossier } from "./access";

export const RatingBody = z.object({
  level: z.enum(SATISFACTION_LEVELS),
  comment: z.string().trim().max(1000).optional(),
});
export type Rating = { level: (typeof SATISFACTION_LEVELS)[number]; comment: string | null; createdAt: string };

/**
 * The applicant's rating of how his finished dossier was handled (mức độ hài lòng, Quyết định 766/QĐ-TTg):
 * only its starter, only once it is finished, once. Officials who see the dossier read it.
 */
export class RatingService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async rate(user: SessionUser, instanceId: string, body: z.infer<typeof RatingBody>): Promise<Rating> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.select().from(instances).where(eq(instances.id, instanceId)).for("update");
      if (!row || !(await canSeeDossier(tx, user, row))) throw notFound("DOSSIER_NOT_FOUND", "no such dossier");
      if (row.starterId !== user.id) throw new DomainError("FORBIDDEN", "Chỉ người nộp hồ sơ mới đánh giá được mức độ hài lòng", { messageEn: "only the dossier's applicant may rate it" });
      if (row.status !== "done") throw new DomainError("DOSSIER_NOT_FINISHED", "Hồ sơ chưa giải quyết xong: chỉ đánh giá được khi đã có kết quả", { messageEn: "the dossier is not finished yet" });
      const now = this.clock.now();
      const inserted = await tx
        .insert(dossierRatings)
        .values({ instanceId, userId: user.id, level: body.level, comment: body.comment || null, createdAt: now })
        .onConflictDoNothing()
        .returning();
      if (!inserted[0]) throw new DomainError("ALREADY_DONE", "Bạn đã đánh giá hồ sơ này rồi", { messageEn: "this dossier has already been rated" });
      return toRating(inserted[0]);
    });
  }

  /** The rating of a dossier the caller may see; null when not rated yet. */
  async get(user: SessionUser, instanceId: string): Promise<Rating | null> {
    const [row] = await this.db.select().from(instances).where(eq(instances.id, instanceId));
    if (!row || !(await canSeeDossier(this.db, user, row))) throw notFound("DOSSIER_NOT_FOUND", "no such dossier");
    const [rating] = await this.db.select().from(dossierRatings).where(eq(dossierRatings.instanceId, instanceId));
    return rating ? toRating(rating) : null;
  }
}

function toRating(row: typeof dossierRatings.$inferSelect): Rating {
  return { level: row.level, comment: row.comment, createdAt: row.createdAt.toISOString() };
}
