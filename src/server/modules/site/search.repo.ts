import { and, asc, count, desc, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { SearchSort } from '../../../common/site.js';
import type { Executor } from '../../db/client.js';
import { MARK_END, MARK_START } from '../kb/search.text.js';
import { visibleAt } from './repo.js';
import { sitePublications, siteSections } from './schema.js';

export interface SiteSearchFilter {
  sectionId?: string;
  from?: Date;
  to?: Date;
}

const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter=" … "`;

/** The query as Postgres parsed it (Russian stems, stop words out); empty when nothing is left. */
export async function parsedQuery(db: Executor, q: string): Promise<string> {
  const result = await db.execute(sql`select websearch_to_tsquery('russian', ${q})::text as "query"`);
  return (result as unknown as { rows: { query: string }[] }).rows[0]?.query ?? '';
}

function conditions(agencyId: string, tsquery: string, filter: SiteSearchFilter, now: Date): SQL[] {
  const all: SQL[] = [
    eq(sitePublications.agencyId, agencyId),
    visibleAt(now),
    sql`${sitePublications.search} @@ ${tsquery}::tsquery`,
  ];
  if (filter.sectionId) all.push(eq(sitePublications.sectionId, filter.sectionId));
  if (filter.from) all.push(gte(sitePublications.publishAt, filter.from));
  if (filter.to) all.push(lt(sitePublications.publishAt, filter.to));
  return all;
}

export async function countFound(
  db: Executor,
  agencyId: string,
  tsquery: string,
  filter: SiteSearchFilter,
  now: Date,
) {
  const [row] = await db
    .select({ value: count() })
    .from(sitePublications)
    .where(and(...conditions(agencyId, tsquery, filter, now)));
  return row?.value ?? 0;
}

/**
 * A page of visible publications matching the query. Ranking runs over ids alone; ts_headline,
 * which re-parses the whole text, runs for the page's rows only.
 */
export async function findPage(
  db: Executor,
  agencyId: string,
  tsquery: string,
  filter: SiteSearchFilter,
  now: Date,
  page: { sort: SearchSort; limit: number; offset: number },
) {
  const byDate = [desc(sitePublications.publishAt), asc(sitePublications.id)];
  const order =
    page.sort === 'date'
      ? byDate
      : [desc(sql`ts_rank(${sitePublications.search}, ${tsquery}::tsquery)`), ...byDate];
  const ranked = await db
    .select({ id: sitePublications.id })
    .from(sitePublications)
    .where(and(...conditions(agencyId, tsquery, filter, now)))
    .orderBy(...order)
    .limit(page.limit)
    .offset(page.offset);
  if (ranked.length === 0) return [];
  const rows = await db
    .select({
      id: sitePublications.id,
      title: sitePublications.title,
      slug: sitePublications.slug,
      sectionSlug: siteSections.slug,
      publishAt: sitePublications.publishAt,
      // The marks are private-use characters stripped from the text first, so the snippet is
      // plain text plus match ranges, escaped and marked up by the service.
      headline: sql<string>`ts_headline('russian', translate(${sitePublications.summary} || E'\n' || ${sitePublications.searchText}, ${MARK_START + MARK_END}, ''), ${tsquery}::tsquery, ${HEADLINE_OPTIONS})`,
    })
    .from(sitePublications)
    .innerJoin(siteSections, eq(siteSections.id, sitePublications.sectionId))
    .where(
      and(eq(sitePublications.agencyId, agencyId), sql`${sitePublications.id} in ${ranked.map((r) => r.id)}`),
    );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ranked.map((r) => byId.get(r.id)).filter((row) => row !== undefined);
}
