import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { departments } from '../agencies/schema.js';
import { kbArticles, kbSections } from './schema.js';

export type SectionRow = typeof kbSections.$inferSelect;
export type NewSection = typeof kbSections.$inferInsert;

/** Sections with their owner's name and how many live and archived articles each holds. */
export function listSections(db: Executor, agencyId: string) {
  const counts = db
    .select({
      sectionId: kbArticles.sectionId,
      active: sql<number>`count(*) filter (where ${kbArticles.active})`.mapWith(Number).as('active'),
      archived: sql<number>`count(*) filter (where not ${kbArticles.active})`.mapWith(Number).as('archived'),
    })
    .from(kbArticles)
    .where(eq(kbArticles.agencyId, agencyId))
    .groupBy(kbArticles.sectionId)
    .as('counts');
  return db
    .select({
      section: kbSections,
      departmentName: departments.name,
      articleCount: sql<number>`coalesce(${counts.active}, 0)`.mapWith(Number),
      archivedCount: sql<number>`coalesce(${counts.archived}, 0)`.mapWith(Number),
    })
    .from(kbSections)
    .leftJoin(departments, eq(departments.id, kbSections.departmentId))
    .leftJoin(counts, eq(counts.sectionId, kbSections.id))
    .where(eq(kbSections.agencyId, agencyId))
    .orderBy(asc(kbSections.position), asc(kbSections.title), asc(kbSections.id));
}

export async function findSection(db: Executor, agencyId: string, id: string) {
  const [row] = await db
    .select()
    .from(kbSections)
    .where(and(eq(kbSections.agencyId, agencyId), eq(kbSections.id, id)));
  return row;
}

export async function findSectionByTitle(db: Executor, agencyId: string, title: string) {
  const [row] = await db
    .select({ id: kbSections.id })
    .from(kbSections)
    .where(and(eq(kbSections.agencyId, agencyId), eq(kbSections.title, title)));
  return row;
}

export async function insertSection(db: Executor, values: NewSection) {
  const [row] = await db.insert(kbSections).values(values).returning();
  if (!row) throw new Error('section insert returned nothing');
  return row;
}

export async function updateSection(db: Executor, agencyId: string, id: string, patch: Partial<NewSection>) {
  const [row] = await db
    .update(kbSections)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(kbSections.agencyId, agencyId), eq(kbSections.id, id)))
    .returning();
  return row;
}

export async function countArticlesIn(db: Executor, agencyId: string, sectionId: string) {
  const [row] = await db
    .select({ value: count() })
    .from(kbArticles)
    .where(and(eq(kbArticles.agencyId, agencyId), eq(kbArticles.sectionId, sectionId)));
  return row?.value ?? 0;
}

export async function deleteSection(db: Executor, agencyId: string, id: string) {
  await db.delete(kbSections).where(and(eq(kbSections.agencyId, agencyId), eq(kbSections.id, id)));
}
