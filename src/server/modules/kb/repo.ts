import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { departments } from '../agencies/schema.js';
import { kbArticles, kbArticleVersions, kbSections } from './schema.js';

export type ArticleRow = typeof kbArticles.$inferSelect;
export type NewArticle = typeof kbArticles.$inferInsert;

const templateColumns = {
  article: kbArticles,
  departmentId: kbSections.departmentId,
};

const isTemplate = (agencyId: string) =>
  and(eq(kbArticles.agencyId, agencyId), eq(kbArticles.kind, 'template'));

/** The agency's active answer templates, by title. */
export function listTemplates(db: Executor, agencyId: string) {
  return db
    .select(templateColumns)
    .from(kbArticles)
    .innerJoin(kbSections, eq(kbSections.id, kbArticles.sectionId))
    .where(and(isTemplate(agencyId), eq(kbArticles.active, true)))
    .orderBy(asc(kbArticles.title), asc(kbArticles.id));
}

export async function findTemplate(db: Executor, agencyId: string, id: string) {
  const [row] = await db
    .select(templateColumns)
    .from(kbArticles)
    .innerJoin(kbSections, eq(kbSections.id, kbArticles.sectionId))
    .where(and(isTemplate(agencyId), eq(kbArticles.id, id)));
  return row;
}

/** The section that holds a department's templates (or the agency's own), made on first use. */
export async function templateSectionOf(
  db: Executor,
  agencyId: string,
  departmentId: string | null,
  reviewDueOn: string,
) {
  const [found] = await db
    .select({ id: kbSections.id })
    .from(kbSections)
    .where(
      and(
        eq(kbSections.agencyId, agencyId),
        departmentId ? eq(kbSections.departmentId, departmentId) : isNull(kbSections.departmentId),
      ),
    )
    .orderBy(asc(kbSections.position), asc(kbSections.createdAt))
    .limit(1);
  if (found) return found.id;
  const [department] = departmentId
    ? await db.select({ name: departments.name }).from(departments).where(eq(departments.id, departmentId))
    : [];
  const [made] = await db
    .insert(kbSections)
    .values({
      agencyId,
      departmentId,
      title: department ? `Шаблоны ответов: ${department.name}` : 'Шаблоны ответов',
      reviewDueOn,
    })
    .returning({ id: kbSections.id });
  if (!made) throw new Error('section insert returned nothing');
  return made.id;
}

export async function insertArticles(
  db: Executor,
  values: NewArticle[],
  authorId: string | null = null,
  note: string | null = null,
) {
  if (values.length === 0) return [];
  const rows = await db
    .insert(kbArticles)
    .values(values.map((v) => ({ ...v, createdBy: authorId, updatedBy: authorId })))
    .returning();
  await insertVersions(db, rows, authorId, note);
  return rows;
}

export async function updateArticle(
  db: Executor,
  agencyId: string,
  id: string,
  patch: Partial<NewArticle>,
  authorId: string,
  note: string | null = null,
) {
  // Locked, so two saves at once get consecutive version numbers rather than one failing.
  const [row] = await db
    .select({ version: kbArticles.version })
    .from(kbArticles)
    .where(and(eq(kbArticles.agencyId, agencyId), eq(kbArticles.id, id)))
    .for('update');
  if (!row) return undefined;
  const [after] = await db
    .update(kbArticles)
    .set({ ...patch, version: row.version + 1, updatedBy: authorId, updatedAt: new Date() })
    .where(and(eq(kbArticles.agencyId, agencyId), eq(kbArticles.id, id)))
    .returning();
  if (after) await insertVersions(db, [after], authorId, note);
  return after;
}

async function insertVersions(
  db: Executor,
  rows: ArticleRow[],
  authorId: string | null,
  note: string | null,
) {
  await db.insert(kbArticleVersions).values(
    rows.map((row) => ({
      agencyId: row.agencyId,
      articleId: row.id,
      version: row.version,
      sectionId: row.sectionId,
      kind: row.kind,
      title: row.title,
      body: row.body,
      shortBody: row.shortBody,
      scriptStage: row.scriptStage,
      tags: row.tags,
      visibility: row.visibility,
      active: row.active,
      note,
      authorId,
    })),
  );
}

export async function hasAnyArticle(db: Executor, agencyId: string) {
  const [row] = await db
    .select({ id: kbArticles.id })
    .from(kbArticles)
    .where(eq(kbArticles.agencyId, agencyId))
    .limit(1);
  return row !== undefined;
}
