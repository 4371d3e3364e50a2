import { and, asc, desc, eq, isNull, lt, lte, or } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { IsoDate } from '../../lib/calendar.js';
import { departments } from '../agencies/schema.js';
import { users } from '../auth/schema.js';
import { kbReviews, kbSections } from './schema.js';

export type SectionRow = typeof kbSections.$inferSelect;
export type NewSection = typeof kbSections.$inferInsert;

const ofAgency = (agencyId: string, id: string) =>
  and(eq(kbSections.agencyId, agencyId), eq(kbSections.id, id));

export async function findSection(db: Executor, agencyId: string, id: string) {
  const [row] = await db.select().from(kbSections).where(ofAgency(agencyId, id));
  return row;
}

export async function insertSection(db: Executor, values: NewSection) {
  const [row] = await db.insert(kbSections).values(values).returning();
  if (!row) throw new Error('section insert returned nothing');
  return row;
}

/** Records a review and starts the next cycle: new due date, both notice marks cleared. */
export async function recordReview(
  db: Executor,
  review: typeof kbReviews.$inferInsert & { agencyId: string; sectionId: string; reviewedAt: Date },
  nextDueOn: IsoDate,
) {
  const [saved] = await db.insert(kbReviews).values(review).returning();
  const [section] = await db
    .update(kbSections)
    .set({
      lastReviewedAt: review.reviewedAt,
      lastReviewedBy: review.reviewerId ?? null,
      reviewDueOn: nextDueOn,
      remindedAt: null,
      escalatedAt: null,
      updatedAt: review.reviewedAt,
    })
    .where(ofAgency(review.agencyId, review.sectionId))
    .returning();
  if (!saved || !section) throw new Error('review was not recorded');
  return { review: saved, section };
}

export function listReviews(db: Executor, agencyId: string, sectionId: string) {
  return db
    .select({
      id: kbReviews.id,
      outcome: kbReviews.outcome,
      note: kbReviews.note,
      dueOn: kbReviews.dueOn,
      reviewedAt: kbReviews.reviewedAt,
      reviewerId: kbReviews.reviewerId,
      reviewerName: users.name,
    })
    .from(kbReviews)
    .leftJoin(users, eq(users.id, kbReviews.reviewerId))
    .where(and(eq(kbReviews.agencyId, agencyId), eq(kbReviews.sectionId, sectionId)))
    .orderBy(desc(kbReviews.reviewedAt), desc(kbReviews.id));
}

/** Every section of the agency with its department's and last reviewer's names. */
export function listSectionsWithOwners(db: Executor, agencyId: string) {
  return db
    .select({
      id: kbSections.id,
      title: kbSections.title,
      departmentId: kbSections.departmentId,
      departmentName: departments.name,
      reviewIntervalDays: kbSections.reviewIntervalDays,
      reviewDueOn: kbSections.reviewDueOn,
      lastReviewedAt: kbSections.lastReviewedAt,
      lastReviewedByName: users.name,
    })
    .from(kbSections)
    .leftJoin(departments, eq(departments.id, kbSections.departmentId))
    .leftJoin(users, eq(users.id, kbSections.lastReviewedBy))
    .where(eq(kbSections.agencyId, agencyId))
    .orderBy(asc(kbSections.reviewDueOn), asc(kbSections.title));
}

/**
 * Sections that may owe a notice: not yet reminded and due by `horizon`, or not yet escalated
 * and past due. The exact rule (working days) is applied by the caller.
 */
export function listNoticeCandidates(db: Executor, agencyId: string, horizon: IsoDate, today: IsoDate) {
  return db
    .select()
    .from(kbSections)
    .where(
      and(
        eq(kbSections.agencyId, agencyId),
        or(
          and(isNull(kbSections.remindedAt), lte(kbSections.reviewDueOn, horizon)),
          and(isNull(kbSections.escalatedAt), lt(kbSections.reviewDueOn, today)),
        ),
      ),
    )
    .orderBy(asc(kbSections.reviewDueOn), asc(kbSections.id));
}

/**
 * Marks the notice as sent for this due date; false when another node (or an earlier run) did,
 * or a review has meanwhile moved the due date. Whoever gets true sends the notice.
 */
export async function claimNotice(
  db: Executor,
  agencyId: string,
  section: { id: string; reviewDueOn: IsoDate },
  notice: 'reminder' | 'escalation',
  at: Date,
): Promise<boolean> {
  const mark = notice === 'reminder' ? kbSections.remindedAt : kbSections.escalatedAt;
  const rows = await db
    .update(kbSections)
    .set(notice === 'reminder' ? { remindedAt: at } : { escalatedAt: at })
    .where(and(ofAgency(agencyId, section.id), eq(kbSections.reviewDueOn, section.reviewDueOn), isNull(mark)))
    .returning({ id: kbSections.id });
  return rows.length > 0;
}
