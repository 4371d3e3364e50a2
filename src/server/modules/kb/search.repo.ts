import { and, asc, count, desc, eq, gte, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { KbKind, KbUseContext } from '../../../common/kb.js';
import type { Executor } from '../../db/client.js';
import { departments } from '../agencies/schema.js';
import { kbArticles, kbArticleUses, kbSections } from './schema.js';
import { MARK_END, MARK_START, widenTsquery } from './search.text.js';

export interface ArticleFilter {
  kinds?: readonly KbKind[];
  sectionId?: string;
  departmentId?: string;
}

/** How a query finds articles: a tsquery, and for the typo-tolerant pass the words it fuzzily matches. */
export interface Match {
  tsquery: SQL;
  fuzzyWords?: readonly string[];
}

const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter=" … "`;

// pg_trgm's default word-similarity threshold (0.6) misses one wrong letter in a short word
// («учасок» ~ «участка» is 0.57); 0.5 still keeps unrelated words apart.
const FUZZY_THRESHOLD = '0.5';

/**
 * The query as Postgres parses it (Russian stems, stop words dropped), then widened by
 * `widenTsquery` so «участка» also finds «участок».
 */
async function widened(db: Executor, parse: SQL): Promise<SQL> {
  const result = await db.execute(sql`select (${parse})::text as "query"`);
  const parsed = (result as unknown as { rows: { query: string }[] }).rows[0]?.query ?? '';
  return sql`${widenTsquery(parsed)}::tsquery`;
}

/** A search box's query: quotes, «or» and «-word» as web search engines read them. */
export const websearch = (db: Executor, q: string) => widened(db, sql`websearch_to_tsquery('russian', ${q})`);

/** Any of the words (they hold letters and digits only, so no tsquery syntax gets through). */
export const anyOf = (db: Executor, words: readonly string[]) =>
  widened(db, sql`to_tsquery('russian', ${words.join(' | ')})`);

function filterConditions(agencyId: string, filter: ArticleFilter): SQL[] {
  const conditions: SQL[] = [eq(kbArticles.agencyId, agencyId), eq(kbArticles.active, true)];
  if (filter.kinds?.length) conditions.push(inArray(kbArticles.kind, [...filter.kinds]));
  if (filter.sectionId) conditions.push(eq(kbArticles.sectionId, filter.sectionId));
  if (filter.departmentId) conditions.push(eq(kbSections.departmentId, filter.departmentId));
  return conditions;
}

const fullText = (match: Match) => sql`${kbArticles.search} @@ ${match.tsquery}`;

function fuzzy(words: readonly string[]) {
  return or(
    ...words.flatMap((word) => [
      sql`${kbArticles.title} %> ${word}`,
      sql`${kbArticles.searchText} %> ${word}`,
    ]),
  );
}

// A title resemblance weighs double, as the title does in full text.
function fuzzyScore(words: readonly string[]) {
  const parts = words.map(
    (word) =>
      sql`2 * word_similarity(${word}, ${kbArticles.title}) + word_similarity(${word}, ${kbArticles.searchText})`,
  );
  return sql.join(parts, sql` + `);
}

function matchCondition(match: Match) {
  return match.fuzzyWords?.length ? or(fullText(match), fuzzy(match.fuzzyWords)) : fullText(match);
}

function matchOrder(match: Match, first: SQL[] = []) {
  const rank = sql`ts_rank_cd(${kbArticles.search}, ${match.tsquery})`;
  const order = [...first, desc(fullText(match)), desc(rank)];
  if (match.fuzzyWords?.length) order.push(desc(fuzzyScore(match.fuzzyWords)));
  return [...order, desc(kbArticles.updatedAt), asc(kbArticles.id)];
}

/** The typo-tolerant pass sets its threshold for its own transaction only. */
export async function withFuzzyThreshold<T>(db: Executor, run: (tx: Executor) => Promise<T>) {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', ${FUZZY_THRESHOLD}, true)`);
    return run(tx);
  });
}

export async function countMatches(db: Executor, agencyId: string, filter: ArticleFilter, match: Match) {
  const [row] = await db
    .select({ value: count() })
    .from(kbArticles)
    .innerJoin(kbSections, eq(kbSections.id, kbArticles.sectionId))
    .where(and(...filterConditions(agencyId, filter), matchCondition(match)));
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
    .where(and(...filterConditions(agencyId, filter), matchCondition(match)))
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
