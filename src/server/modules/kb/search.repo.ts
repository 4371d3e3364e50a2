import { and, asc, count, desc, eq, gte, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { KbKind, KbUseContext } from '../../../common/kb.js';
import type { Executor } from '../../db/client.js';
import { departments } from '../agencies/schema.js';
import { kbArticles, kbArticleUses, kbSections } from './schema.js';
import { MARK_END, MARK_START } from './search.text.js';

export interface ArticleFilter {
  kinds?: readonly KbKind[];
  sectionId?: string;
  departmentId?: string;
}

/**
 * How a query finds articles. `exact`, when set, is the query as typed, whose matches go before
 * those only `tsquery` (widened with corrections of misspelt words) finds.
 */
export interface Match {
  tsquery: SQL;
  exact?: SQL;
}

const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter=" … "`;

/** A search box's query: quotes, «or» and «-word» read as web search engines read them. */
export const websearch = (q: string) => sql`websearch_to_tsquery('russian', ${q})`;

/** Any of the words (letters and digits only, so no tsquery syntax gets through). */
export const anyOf = (words: readonly string[]) => sql`to_tsquery('russian', ${words.join(' | ')})`;

/** The query as Postgres parsed it (Russian stems, stop words out), as tsquery text. */
export async function parsed(db: Executor, query: SQL): Promise<string> {
  const result = await db.execute(sql`select (${query})::text as "query"`);
  return (result as unknown as { rows: { query: string }[] }).rows[0]?.query ?? '';
}

export const tsquery = (text: string) => sql`${text}::tsquery`;

/** The stems of the agency's active articles, commonest first; numbers and one-letter stems left out. */
export async function vocabulary(db: Executor, agencyId: string): Promise<string[]> {
  const result = await db.execute(sql`
    select word from ts_stat(format('select search from kb_articles where agency_id = %L and active', ${agencyId}::text))
    where length(word) >= 3 and word !~ '[[:digit:]_]'
    order by ndoc desc, word`);
  return (result as unknown as { rows: { word: string }[] }).rows.map((row) => row.word);
}

function filterConditions(agencyId: string, filter: ArticleFilter): SQL[] {
  const conditions: SQL[] = [eq(kbArticles.agencyId, agencyId), eq(kbArticles.active, true)];
  if (filter.kinds?.length) conditions.push(inArray(kbArticles.kind, [...filter.kinds]));
  if (filter.sectionId) conditions.push(eq(kbArticles.sectionId, filter.sectionId));
  if (filter.departmentId) conditions.push(eq(kbSections.departmentId, filter.departmentId));
  return conditions;
}

const matches = (query: SQL) => sql`${kbArticles.search} @@ ${query}`;

function matchOrder(match: Match, first: SQL[] = []) {
  const order = [...first];
  if (match.exact) order.push(desc(matches(match.exact)));
  // ts_rank rather than ts_rank_cd: cover density cost 2.2× as much over a broad query's 18 000
  // matches (bench/kb) and ranked no better; the title's weight A still puts title matches first.
  order.push(desc(sql`ts_rank(${kbArticles.search}, ${match.tsquery})`));
  return [...order, desc(kbArticles.updatedAt), asc(kbArticles.id)];
}

export async function countMatches(db: Executor, agencyId: string, filter: ArticleFilter, match: Match) {
  const [row] = await db
    .select({ value: count() })
    .from(kbArticles)
    .innerJoin(kbSections, eq(kbSections.id, kbArticles.sectionId))
    .where(and(...filterConditions(agencyId, filter), matches(match.tsquery)));
  return row?.value ?? 0;
}

/**
 * A page of matching articles, best first. The ranking runs over ids alone; snippets and use
 * counts are computed for the page's rows only (ts_headline re-parses the whole text).
 */
export async function findMatches(
  db: Executor,
  agencyId: string,
  filter: ArticleFilter,
  match: Match,
  page: { limit: number; offset: number; first?: SQL[] },
) {
  const ranked = await db
    .select({ id: kbArticles.id })
    .from(kbArticles)
    .innerJoin(kbSections, eq(kbSections.id, kbArticles.sectionId))
    .where(and(...filterConditions(agencyId, filter), matches(match.tsquery)))
    .orderBy(...matchOrder(match, page.first))
    .limit(page.limit)
    .offset(page.offset);
  if (ranked.length === 0) return [];
  const rows = await db
    .select({
      id: kbArticles.id,
      title: kbArticles.title,
      kind: kbArticles.kind,
      sectionTitle: kbSections.title,
      departmentName: departments.name,
      updatedAt: kbArticles.updatedAt,
      headline: sql<string>`ts_headline('russian', translate(${kbArticles.searchText}, ${MARK_START + MARK_END}, ''), ${match.tsquery}, ${HEADLINE_OPTIONS})`,
      usageCount:
        sql<number>`(select count(*) from ${kbArticleUses} where ${kbArticleUses.articleId} = ${kbArticles.id})`.mapWith(
          Number,
        ),
    })
    .from(kbArticles)
    .innerJoin(kbSections, eq(kbSections.id, kbArticles.sectionId))
    .leftJoin(departments, eq(departments.id, kbSections.departmentId))
    .where(
      and(
        eq(kbArticles.agencyId, agencyId),
        inArray(
          kbArticles.id,
          ranked.map((r) => r.id),
        ),
      ),
    );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ranked.flatMap(({ id }) => byId.get(id) ?? []);
}

/** Templates and FAQ answer a request as they are: they go before the other kinds. */
export const kindsFirst = (kinds: readonly KbKind[]) =>
  kinds.length ? [sql`case when ${inArray(kbArticles.kind, [...kinds])} then 0 else 1 end`] : [];

export async function findArticle(db: Executor, agencyId: string, id: string) {
  const [row] = await db
    .select({ id: kbArticles.id })
    .from(kbArticles)
    .where(and(eq(kbArticles.agencyId, agencyId), eq(kbArticles.id, id)));
  return row;
}

export interface Use {
  agencyId: string;
  articleId: string;
  userId: string;
  context: KbUseContext;
  subjectId: string | null;
}

/**
 * Records a use unless the same person used the same article for the same subject within
 * `dedupMinutes`: inserting a template twice while drafting one answer is one use. The advisory
 * lock makes two simultaneous clicks count once too; it must run inside a transaction.
 */
export async function insertUseOnce(tx: Executor, use: Use, dedupMinutes: number) {
  const key = `kb-use:${use.userId}:${use.articleId}:${use.subjectId ?? ''}`;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
  const since = new Date(Date.now() - dedupMinutes * 60_000);
  const [recent] = await tx
    .select({ id: kbArticleUses.id })
    .from(kbArticleUses)
    .where(
      and(
        eq(kbArticleUses.agencyId, use.agencyId),
        eq(kbArticleUses.articleId, use.articleId),
        eq(kbArticleUses.userId, use.userId),
        use.subjectId === null ? isNull(kbArticleUses.subjectId) : eq(kbArticleUses.subjectId, use.subjectId),
        gte(kbArticleUses.at, since),
      ),
    )
    .limit(1);
  if (recent) return false;
  await tx.insert(kbArticleUses).values(use);
  return true;
}

export async function countUses(db: Executor, agencyId: string, articleId: string) {
  const [row] = await db
    .select({ value: count() })
    .from(kbArticleUses)
    .where(and(eq(kbArticleUses.agencyId, agencyId), eq(kbArticleUses.articleId, articleId)));
  return row?.value ?? 0;
}

/** The most used articles since `since`, with how many people used each. */
export function topUsed(db: Executor, agencyId: string, since: Date, limit: number) {
  const uses = count(kbArticleUses.id);
  return db
    .select({
      id: kbArticles.id,
      title: kbArticles.title,
      kind: kbArticles.kind,
      active: kbArticles.active,
      sectionTitle: kbSections.title,
      departmentName: departments.name,
      uses,
      users: sql<number>`count(distinct ${kbArticleUses.userId})`.mapWith(Number),
    })
    .from(kbArticleUses)
    .innerJoin(kbArticles, eq(kbArticles.id, kbArticleUses.articleId))
    .innerJoin(kbSections, eq(kbSections.id, kbArticles.sectionId))
    .leftJoin(departments, eq(departments.id, kbSections.departmentId))
    .where(and(eq(kbArticleUses.agencyId, agencyId), gte(kbArticleUses.at, since)))
    .groupBy(kbArticles.id, kbSections.id, departments.id)
    .orderBy(desc(uses), asc(kbArticles.title), asc(kbArticles.id))
    .limit(limit);
}
