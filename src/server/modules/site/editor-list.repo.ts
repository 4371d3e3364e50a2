import { and, asc, count, desc, eq, gt, lt, ne, type SQL, sql } from 'drizzle-orm';
import {
  defaultPublicationOrder,
  type PublicationSort,
  type PublicationState,
} from '../../../common/site.js';
import type { Executor } from '../../db/client.js';
import { visibleAt } from './repo.js';
import { sitePublications as p, siteSections } from './schema.js';

export interface EditorListFilter {
  sectionId?: string;
  state?: PublicationState;
  /** A part of the title, any case. */
  q?: string;
  /** Only pages whose re-check date has passed (seed 000 p. 7.1); archived ones are not checked. */
  stale?: boolean;
  sort?: PublicationSort;
  order?: 'asc' | 'desc';
}

/** The state the editor sees, as a number in list order: draft, scheduled, published, archived. */
const stateRank = (now: Date) => sql<number>`case
  when ${p.status} = 'draft' then 0
  when ${p.status} = 'published' and ${p.publishAt} > ${now} then 1
  when ${p.status} = 'published' then 2
  else 3 end`;

const stateWhere = (state: PublicationState, now: Date): SQL | undefined => {
  if (state === 'draft') return eq(p.status, 'draft');
  if (state === 'archived') return eq(p.status, 'archived');
  if (state === 'published') return visibleAt(now);
  return and(eq(p.status, 'published'), gt(p.publishAt, now));
};

const likePattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const sortColumn = (sort: PublicationSort, now: Date): SQL => {
  switch (sort) {
    case 'title':
      return sql`lower(${p.title})`;
    case 'section':
      return sql`${siteSections.position}`;
    case 'state':
      return stateRank(now);
    case 'publishAt':
      return sql`${p.publishAt}`;
    case 'checkedAt':
      return sql`${p.checkedAt}`;
    default:
      return sql`${p.updatedAt}`;
  }
};

/**
 * A page of the editor's list of publications, in every state, with the section's title and how
 * many match. `today` is the agency's calendar date, against which «stale» is judged.
 */
export async function pageOfPublications(
  db: Executor,
  agencyId: string,
  filter: EditorListFilter,
  at: { now: Date; today: string },
  page: { limit: number; offset: number },
) {
  const where = and(
    eq(p.agencyId, agencyId),
    filter.sectionId ? eq(p.sectionId, filter.sectionId) : undefined,
    filter.state ? stateWhere(filter.state, at.now) : undefined,
    filter.q ? sql`lower(${p.title}) like ${likePattern(filter.q)}` : undefined,
    filter.stale ? and(lt(p.reviewDueOn, at.today), ne(p.status, 'archived')) : undefined,
  );
  const sort = filter.sort ?? 'updatedAt';
  const direction = sql.raw((filter.order ?? defaultPublicationOrder(sort)) === 'asc' ? 'asc' : 'desc');
  const [total] = await db.select({ value: count() }).from(p).where(where);
  const rows = await db
    .select({
      id: p.id,
      sectionId: p.sectionId,
      sectionTitle: siteSections.title,
      slug: p.slug,
      title: p.title,
      status: p.status,
      publishAt: p.publishAt,
      updatedAt: p.updatedAt,
      checkedAt: p.checkedAt,
      reviewDueOn: p.reviewDueOn,
      responsibleUserId: p.responsibleUserId,
    })
    .from(p)
    .innerJoin(siteSections, eq(siteSections.id, p.sectionId))
    .where(where)
    // Pages never published or never checked go last whichever way the column is sorted.
    .orderBy(sql`${sortColumn(sort, at.now)} ${direction} nulls last`, desc(p.updatedAt), asc(p.id))
    .limit(page.limit)
    .offset(page.offset);
  return { total: total?.value ?? 0, rows };
}

export type EditorListRow = Awaited<ReturnType<typeof pageOfPublications>>['rows'][number];
