import { and, asc, count, desc, eq, isNull, lte, type SQL, sql } from 'drizzle-orm';
import type { SiteSectionKind } from '../../../common/site.js';
import type { Executor } from '../../db/client.js';
import { siteAttachments, sitePublications, siteSections } from './schema.js';

export type SectionRow = typeof siteSections.$inferSelect;
export type PublicationRow = typeof sitePublications.$inferSelect;
export type NewPublication = typeof sitePublications.$inferInsert;
export type AttachmentRow = typeof siteAttachments.$inferSelect;

/** What visitors see: published and past its publishing moment. */
export const visibleAt = (now: Date): SQL =>
  and(eq(sitePublications.status, 'published'), lte(sitePublications.publishAt, now)) as SQL;

export const listSections = (db: Executor, agencyId: string) =>
  db
    .select()
    .from(siteSections)
    .where(eq(siteSections.agencyId, agencyId))
    .orderBy(asc(siteSections.position));

export async function insertMissingSections(
  db: Executor,
  rows: {
    agencyId: string;
    kind: SiteSectionKind;
    slug: string;
    title: string;
    position: number;
    reviewDueOn: string;
  }[],
) {
  if (rows.length > 0) await db.insert(siteSections).values(rows).onConflictDoNothing();
}

export async function findSection(db: Executor, agencyId: string, id: string) {
  const [row] = await db
    .select()
    .from(siteSections)
    .where(and(eq(siteSections.agencyId, agencyId), eq(siteSections.id, id)));
  return row;
}

export async function findSectionBySlug(db: Executor, agencyId: string, slug: string) {
  const [row] = await db
    .select()
    .from(siteSections)
    .where(and(eq(siteSections.agencyId, agencyId), eq(siteSections.slug, slug)));
  return row;
}

export async function updateSection(db: Executor, agencyId: string, id: string, set: Partial<SectionRow>) {
  const [row] = await db
    .update(siteSections)
    .set(set)
    .where(and(eq(siteSections.agencyId, agencyId), eq(siteSections.id, id)))
    .returning();
  return row;
}

export async function insertPublication(db: Executor, row: NewPublication) {
  const [inserted] = await db.insert(sitePublications).values(row).returning();
  return inserted as PublicationRow;
}

export async function findPublication(db: Executor, agencyId: string, id: string) {
  const [row] = await db
    .select()
    .from(sitePublications)
    .where(and(eq(sitePublications.agencyId, agencyId), eq(sitePublications.id, id)));
  return row;
}

/** The publication holding a slug, if any. */
export async function slugOwner(db: Executor, agencyId: string, slug: string) {
  const [row] = await db
    .select({ id: sitePublications.id })
    .from(sitePublications)
    .where(and(eq(sitePublications.agencyId, agencyId), eq(sitePublications.slug, slug)));
  return row?.id;
}

export async function updatePublication(
  db: Executor,
  agencyId: string,
  id: string,
  set: Partial<PublicationRow>,
) {
  const [row] = await db
    .update(sitePublications)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(sitePublications.agencyId, agencyId), eq(sitePublications.id, id)))
    .returning();
  return row;
}

/** Every publication of the agency in every state, newest first (the accuracy overview). */
export const listPublications = (db: Executor, agencyId: string) =>
  db
    .select()
    .from(sitePublications)
    .where(eq(sitePublications.agencyId, agencyId))
    .orderBy(desc(sitePublications.createdAt), asc(sitePublications.id));

/** A page of a section's visible publications, newest first, and how many there are. */
export async function pageOfVisible(
  db: Executor,
  agencyId: string,
  sectionId: string,
  now: Date,
  page: { limit: number; offset: number },
) {
  const where = and(
    eq(sitePublications.agencyId, agencyId),
    eq(sitePublications.sectionId, sectionId),
    visibleAt(now),
  );
  const [total] = await db.select({ value: count() }).from(sitePublications).where(where);
  const rows = await db
    .select()
    .from(sitePublications)
    .where(where)
    .orderBy(desc(sitePublications.publishAt), asc(sitePublications.id))
    .limit(page.limit)
    .offset(page.offset);
  return { total: total?.value ?? 0, rows };
}

export async function findVisibleBySlug(db: Executor, agencyId: string, slug: string, now: Date) {
  const [row] = await db
    .select()
    .from(sitePublications)
    .where(and(eq(sitePublications.agencyId, agencyId), eq(sitePublications.slug, slug), visibleAt(now)));
  return row;
}

export async function findVisibleById(db: Executor, agencyId: string, id: string, now: Date) {
  const [row] = await db
    .select()
    .from(sitePublications)
    .where(and(eq(sitePublications.agencyId, agencyId), eq(sitePublications.id, id), visibleAt(now)));
  return row;
}

/** Every visible publication with its section's slug, for sitemap.xml. */
export const listVisibleForSitemap = (db: Executor, agencyId: string, now: Date) =>
  db
    .select({
      slug: sitePublications.slug,
      sectionSlug: siteSections.slug,
      updatedAt: sitePublications.updatedAt,
    })
    .from(sitePublications)
    .innerJoin(siteSections, eq(siteSections.id, sitePublications.sectionId))
    .where(and(eq(sitePublications.agencyId, agencyId), visibleAt(now)))
    .orderBy(desc(sitePublications.publishAt), asc(sitePublications.id));

/** The 8-ФЗ items some visible publication discloses. */
export async function disclosedItems(db: Executor, agencyId: string, now: Date) {
  const rows = await db
    .select({ item: sitePublications.disclosureItem })
    .from(sitePublications)
    .where(and(eq(sitePublications.agencyId, agencyId), visibleAt(now)));
  return new Set(rows.flatMap((row) => (row.item === null ? [] : [row.item])));
}

export const listAttachments = (db: Executor, agencyId: string, publicationId: string) =>
  db
    .select()
    .from(siteAttachments)
    .where(and(eq(siteAttachments.agencyId, agencyId), eq(siteAttachments.publicationId, publicationId)))
    .orderBy(asc(siteAttachments.createdAt), asc(siteAttachments.id));

export async function insertAttachments(db: Executor, rows: (typeof siteAttachments.$inferInsert)[]) {
  return db.insert(siteAttachments).values(rows).returning();
}

export async function setAttachmentAltText(
  db: Executor,
  agencyId: string,
  publicationId: string,
  id: string,
  altText: string | null,
) {
  const [row] = await db
    .update(siteAttachments)
    .set({ altText })
    .where(
      and(
        eq(siteAttachments.agencyId, agencyId),
        eq(siteAttachments.publicationId, publicationId),
        eq(siteAttachments.id, id),
      ),
    )
    .returning();
  return row;
}

export async function deleteAttachment(db: Executor, agencyId: string, publicationId: string, id: string) {
  const [row] = await db
    .delete(siteAttachments)
    .where(
      and(
        eq(siteAttachments.agencyId, agencyId),
        eq(siteAttachments.publicationId, publicationId),
        eq(siteAttachments.id, id),
      ),
    )
    .returning();
  return row;
}

/** Review candidates: due on or before the horizon and not yet escalated for that due date. */
export const sectionsToNotice = (db: Executor, agencyId: string, horizon: string) =>
  db
    .select()
    .from(siteSections)
    .where(
      and(
        eq(siteSections.agencyId, agencyId),
        lte(siteSections.reviewDueOn, horizon),
        isNull(siteSections.escalatedAt),
      ),
    );

export const publicationsToNotice = (db: Executor, agencyId: string, horizon: string) =>
  db
    .select()
    .from(sitePublications)
    .where(
      and(
        eq(sitePublications.agencyId, agencyId),
        sql`${sitePublications.status} <> 'archived'`,
        lte(sitePublications.reviewDueOn, horizon),
        isNull(sitePublications.escalatedAt),
      ),
    );

/** Marks the notice as sent for the row's current due date; false when it already was. */
export async function claimNotice(
  db: Executor,
  target: 'section' | 'publication',
  agencyId: string,
  row: { id: string; reviewDueOn: string },
  notice: 'reminder' | 'escalation',
  at: Date,
): Promise<boolean> {
  const set = notice === 'reminder' ? { remindedAt: at } : { escalatedAt: at };
  if (target === 'section') {
    const mark = notice === 'reminder' ? siteSections.remindedAt : siteSections.escalatedAt;
    const rows = await db
      .update(siteSections)
      .set(set)
      .where(
        and(
          eq(siteSections.agencyId, agencyId),
          eq(siteSections.id, row.id),
          eq(siteSections.reviewDueOn, row.reviewDueOn),
          isNull(mark),
        ),
      )
      .returning({ id: siteSections.id });
    return rows.length > 0;
  }
  const mark = notice === 'reminder' ? sitePublications.remindedAt : sitePublications.escalatedAt;
  const rows = await db
    .update(sitePublications)
    .set(set)
    .where(
      and(
        eq(sitePublications.agencyId, agencyId),
        eq(sitePublications.id, row.id),
        eq(sitePublications.reviewDueOn, row.reviewDueOn),
        isNull(mark),
      ),
    )
    .returning({ id: sitePublications.id });
  return rows.length > 0;
}
