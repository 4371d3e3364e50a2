import { and, count, eq, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { SearchSort, SearchItemKind as SearchSource } from '../../../common/site.js';
import type { Executor } from '../../db/client.js';
import { publishedConditions } from '../kb/public.repo.js';
import { kbArticles } from '../kb/schema.js';
import { MARK_END, MARK_START } from '../kb/search.text.js';
import { visibleAt } from './repo.js';
import { sitePublications, siteSections } from './schema.js';

export interface SiteSearchFilter {
  /** One section of the site, or the FAQ alone; everything when absent. */
  within?: { sectionId: string } | 'faq';
  from?: Date;
  to?: Date;
}

export interface SearchHit {
  source: SearchSource;
  id: string;
  title: string;
  /** The publication's publishing time, or the FAQ answer's last edit. */
  at: Date;
  headline: string;
  /** For a publication: where it lives. */
  sectionSlug?: string;
  slug?: string;
}

const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter=" … "`;

/** The query as Postgres parsed it (Russian stems, stop words out); empty when nothing is left. */
export async function parsedQuery(db: Executor, q: string): Promise<string> {
  const result = await db.execute(sql`select websearch_to_tsquery('russian', ${q})::text as "query"`);
  return (result as unknown as { rows: { query: string }[] }).rows[0]?.query ?? '';
}

const searches = (filter: SiteSearchFilter, source: SearchSource) =>
  source === 'faq' ? filter.within === undefined || filter.within === 'faq' : filter.within !== 'faq';

function publicationConditions(agencyId: string, tsquery: string, filter: SiteSearchFilter, now: Date) {
  const all: SQL[] = [
    eq(sitePublications.agencyId, agencyId),
    visibleAt(now),
    sql`${sitePublications.search} @@ ${tsquery}::tsquery`,
  ];
  if (filter.within && filter.within !== 'faq')
    all.push(eq(sitePublications.sectionId, filter.within.sectionId));
  if (filter.from) all.push(gte(sitePublications.publishAt, filter.from));
  if (filter.to) all.push(lt(sitePublications.publishAt, filter.to));
  return and(...all);
}

// Only the FAQ answers the agency's portal shows: never an internal article, never a contact card.
function faqConditions(agencyId: string, tsquery: string, filter: SiteSearchFilter) {
  const all: SQL[] = [
    ...publishedConditions(agencyId, ['faq']),
    sql`${kbArticles.search} @@ ${tsquery}::tsquery`,
  ];
  if (filter.from) all.push(gte(kbArticles.updatedAt, filter.from));
  if (filter.to) all.push(lt(kbArticles.updatedAt, filter.to));
  return and(...all);
}

/** Both sources counted in one round trip: the search page runs this on every request. */
export async function countFound(
  db: Executor,
  agencyId: string,
  tsquery: string,
  filter: SiteSearchFilter,
  now: Date,
) {
  const counts = [
    ...(searches(filter, 'publication')
      ? [
          db
            .select({ value: count() })
            .from(sitePublications)
            .where(publicationConditions(agencyId, tsquery, filter, now)),
        ]
      : []),
    ...(searches(filter, 'faq')
      ? [
          db
            .select({ value: count() })
            .from(kbArticles)
            .where(faqConditions(agencyId, tsquery, filter)),
        ]
      : []),
  ];
  const result = await db.execute(
    sql`select ${sql.join(
      counts.map((query) => sql`(${query})`),
      sql` + `,
    )} as "total"`,
  );
  // count(*) is a bigint: a string from node-postgres, a number or bigint from PGlite.
  return Number((result as unknown as { rows: { total: string | number | bigint }[] }).rows[0]?.total ?? 0);
}

/** Ids of one page of hits from both sources, ranked or dated together. */
async function rankedPage(
  db: Executor,
  agencyId: string,
  tsquery: string,
  filter: SiteSearchFilter,
  now: Date,
  page: { sort: SearchSort; limit: number; offset: number },
) {
  const publications = db
    .select({
      source: sql<SearchSource>`'publication'`.as('source'),
      id: sitePublications.id,
      rank: sql<number>`ts_rank(${sitePublications.search}, ${tsquery}::tsquery)`.as('rank'),
      at: sql`${sitePublications.publishAt}`.as('at'),
    })
    .from(sitePublications)
    .where(publicationConditions(agencyId, tsquery, filter, now));
  const answers = db
    .select({
      source: sql<SearchSource>`'faq'`.as('source'),
      id: kbArticles.id,
      rank: sql<number>`ts_rank(${kbArticles.search}, ${tsquery}::tsquery)`.as('rank'),
      at: sql`${kbArticles.updatedAt}`.as('at'),
    })
    .from(kbArticles)
    .where(faqConditions(agencyId, tsquery, filter));
  const byDate = [sql`"at" desc`, sql`"id" asc`];
  const order = page.sort === 'date' ? byDate : [sql`"rank" desc`, ...byDate];
  const wanted = [
    ...(searches(filter, 'publication') ? [publications] : []),
    ...(searches(filter, 'faq') ? [answers] : []),
  ];
  const [first, second] = wanted;
  if (!first) return [];
  const hits = second ? first.unionAll(second) : first;
  return hits
    .orderBy(...order)
    .limit(page.limit)
    .offset(page.offset);
}

// The marks are private-use characters stripped from the text first, so the snippet is plain
// text plus match ranges, escaped and marked up by the service.
const headline = (text: SQL, tsquery: string) =>
  sql<string>`ts_headline('russian', translate(${text}, ${MARK_START + MARK_END}, ''), ${tsquery}::tsquery, ${HEADLINE_OPTIONS})`;

// An answer body is sanitised HTML, whose text escapes only these four characters (see plainText):
// the tags go, the entities come back, so the snippet shows what the visitor reads on the FAQ page.
const bodyText = sql`replace(replace(replace(replace(regexp_replace(${kbArticles.body}, '<[^>]*>', ' ', 'g'), '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&amp;', '&')`;

/**
 * A page of visible publications and public FAQ answers matching the query. Ranking runs over ids
 * alone; ts_headline, which re-parses the whole text, runs for the page's rows only.
 */
export async function findPage(
  db: Executor,
  agencyId: string,
  tsquery: string,
  filter: SiteSearchFilter,
  now: Date,
  page: { sort: SearchSort; limit: number; offset: number },
): Promise<SearchHit[]> {
  const ranked = await rankedPage(db, agencyId, tsquery, filter, now, page);
  const idsOf = (source: SearchSource) => ranked.filter((r) => r.source === source).map((r) => r.id);
  const publicationIds = idsOf('publication');
  const faqIds = idsOf('faq');
  const publications = publicationIds.length
    ? await db
        .select({
          id: sitePublications.id,
          title: sitePublications.title,
          slug: sitePublications.slug,
          sectionSlug: siteSections.slug,
          at: sitePublications.publishAt,
          headline: headline(
            sql`${sitePublications.summary} || E'\n' || ${sitePublications.searchText}`,
            tsquery,
          ),
        })
        .from(sitePublications)
        .innerJoin(siteSections, eq(siteSections.id, sitePublications.sectionId))
        .where(and(eq(sitePublications.agencyId, agencyId), inArray(sitePublications.id, publicationIds)))
    : [];
  const answers = faqIds.length
    ? await db
        .select({
          id: kbArticles.id,
          title: kbArticles.title,
          at: kbArticles.updatedAt,
          headline: headline(bodyText, tsquery),
        })
        .from(kbArticles)
        .where(and(eq(kbArticles.agencyId, agencyId), inArray(kbArticles.id, faqIds)))
    : [];
  const found = new Map<string, SearchHit>([
    ...publications.map((row) => [row.id, { ...row, source: 'publication', at: row.at as Date }] as const),
    ...answers.map((row) => [row.id, { ...row, source: 'faq' }] as const),
  ]);
  return ranked.map((r) => found.get(r.id)).filter((hit) => hit !== undefined);
}
