import { and, arrayContains, asc, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { KbKind, KbVisibility } from '../../../common/kb.js';
import type { Executor } from '../../db/client.js';
import { users } from '../auth/schema.js';
import { kbArticleLinks, kbArticles, kbArticleVersions, kbSections } from './schema.js';

export interface ArticleFilter {
  kind?: KbKind;
  sectionId?: string;
  departmentId?: string;
  tag?: string;
  visibility?: KbVisibility;
  archived?: boolean;
}

export const ARTICLE_SORTS = ['title', '-title', 'updatedAt', '-updatedAt'] as const;
export type ArticleSort = (typeof ARTICLE_SORTS)[number];

const ORDER: Record<ArticleSort, SQL[]> = {
  title: [asc(kbArticles.title)],
  '-title': [desc(kbArticles.title)],
  updatedAt: [asc(kbArticles.updatedAt)],
  '-updatedAt': [desc(kbArticles.updatedAt)],
};

const summaryColumns = {
  article: kbArticles,
  sectionTitle: kbSections.title,
  departmentId: kbSections.departmentId,
};

function conditions(agencyId: string, filter: ArticleFilter) {
  return and(
    eq(kbArticles.agencyId, agencyId),
    eq(kbArticles.active, !filter.archived),
    filter.kind ? eq(kbArticles.kind, filter.kind) : undefined,
    filter.sectionId ? eq(kbArticles.sectionId, filter.sectionId) : undefined,
    filter.departmentId ? eq(kbSections.departmentId, filter.departmentId) : undefined,
    filter.tag ? arrayContains(kbArticles.tags, [filter.tag]) : undefined,
    filter.visibility ? eq(kbArticles.visibility, filter.visibility) : undefined,
  );
}

export async function listArticles(
  db: Executor,
  agencyId: string,
  filter: ArticleFilter,
  sort: ArticleSort,
  page: { limit: number; offset: number },
) {
  const where = conditions(agencyId, filter);
  const [rows, [counted]] = await Promise.all([
    db
      .select(summaryColumns)
      .from(kbArticles)
      .innerJoin(kbSections, eq(kbSections.id, kbArticles.sectionId))
      .where(where)
      .orderBy(...ORDER[sort], asc(kbArticles.id))
      .limit(page.limit)
      .offset(page.offset),
    db
      .select({ value: count() })
      .from(kbArticles)
      .innerJoin(kbSections, eq(kbSections.id, kbArticles.sectionId))
      .where(where),
  ]);
  return { rows, total: counted?.value ?? 0 };
}

export async function findArticle(db: Executor, agencyId: string, id: string) {
  const [row] = await db
    .select(summaryColumns)
    .from(kbArticles)
    .innerJoin(kbSections, eq(kbSections.id, kbArticles.sectionId))
    .where(and(eq(kbArticles.agencyId, agencyId), eq(kbArticles.id, id)));
  return row;
}

/** Which of `ids` are articles of the agency. */
export async function existingArticleIds(db: Executor, agencyId: string, ids: string[]) {
  if (ids.length === 0) return new Set<string>();
  const rows = await db
    .select({ id: kbArticles.id })
    .from(kbArticles)
    .where(and(eq(kbArticles.agencyId, agencyId), inArray(kbArticles.id, ids)));
  return new Set(rows.map((row) => row.id));
}

export async function replaceLinks(db: Executor, agencyId: string, fromId: string, toIds: string[]) {
  await db
    .delete(kbArticleLinks)
    .where(and(eq(kbArticleLinks.agencyId, agencyId), eq(kbArticleLinks.fromId, fromId)));
  if (toIds.length === 0) return;
  await db.insert(kbArticleLinks).values(toIds.map((toId) => ({ agencyId, fromId, toId })));
}

const linkedColumns = {
  id: kbArticles.id,
  title: kbArticles.title,
  kind: kbArticles.kind,
  active: kbArticles.active,
};

/** The articles this one links to, and those that link to it. */
export async function linksOf(db: Executor, agencyId: string, id: string) {
  const [outgoing, incoming] = await Promise.all([
    db
      .select(linkedColumns)
      .from(kbArticleLinks)
      .innerJoin(kbArticles, eq(kbArticles.id, kbArticleLinks.toId))
      .where(and(eq(kbArticleLinks.agencyId, agencyId), eq(kbArticleLinks.fromId, id)))
      .orderBy(asc(kbArticles.title)),
    db
      .select(linkedColumns)
      .from(kbArticleLinks)
      .innerJoin(kbArticles, eq(kbArticles.id, kbArticleLinks.fromId))
      .where(and(eq(kbArticleLinks.agencyId, agencyId), eq(kbArticleLinks.toId, id)))
      .orderBy(asc(kbArticles.title)),
  ]);
  return { outgoing, incoming };
}

/** Display names of the staff who wrote articles and versions. */
export async function namesOf(db: Executor, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, wanted));
  return new Map(rows.map((row) => [row.id, row.name]));
}

export type VersionRow = typeof kbArticleVersions.$inferSelect;

export function listVersions(db: Executor, agencyId: string, articleId: string) {
  return db
    .select()
    .from(kbArticleVersions)
    .where(and(eq(kbArticleVersions.agencyId, agencyId), eq(kbArticleVersions.articleId, articleId)))
    .orderBy(desc(kbArticleVersions.version));
}

export async function findVersion(db: Executor, agencyId: string, articleId: string, version: number) {
  const [row] = await db
    .select()
    .from(kbArticleVersions)
    .where(
      and(
        eq(kbArticleVersions.agencyId, agencyId),
        eq(kbArticleVersions.articleId, articleId),
        eq(kbArticleVersions.version, version),
      ),
    );
  return row;
}
