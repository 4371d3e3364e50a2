// How a page of the public site reads its address: the server (which renders it) and the portal
// script (which may render it again) must read the same page, sort and filters.
import { type SearchSort, SITE_SEARCH_MAX_PAGE, SITE_SEARCH_MAX_QUERY } from './site.js';

interface Params {
  get(name: string): string | null;
}

/** `?page=` as a page number: anything else is the first page; beyond the last allowed, the last. */
export function pageParam(params: Params): number {
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  return Number.isFinite(page) ? Math.min(Math.max(1, page), SITE_SEARCH_MAX_PAGE) : 1;
}

const isoDate = (value: string | null) =>
  value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? value : undefined;
const sectionSlug = (value: string | null) =>
  value && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(value) && value.length <= 100 ? value : undefined;

export interface SiteSearchParams {
  q: string;
  sort: SearchSort;
  page: number;
  section?: string;
  from?: string;
  to?: string;
}

/** The search page's address as a query; malformed filters are dropped rather than refused. */
export function searchParams(params: Params): SiteSearchParams {
  return {
    q: (params.get('q') ?? '').trim().slice(0, SITE_SEARCH_MAX_QUERY),
    sort: params.get('sort') === 'date' ? 'date' : 'relevance',
    page: pageParam(params),
    section: sectionSlug(params.get('section')),
    from: isoDate(params.get('from')),
    to: isoDate(params.get('to')),
  };
}

/** «по» before «с»: the search is not run, the visitor is told. */
export const datesReversed = (search: SiteSearchParams) =>
  Boolean(search.from && search.to && search.from > search.to);

/** The address of a search page; defaults are left out so links stay short. */
export function searchHref(agencySlug: string, search: SiteSearchParams): string {
  const query = new URLSearchParams({ q: search.q });
  if (search.sort !== 'relevance') query.set('sort', search.sort);
  if (search.section) query.set('section', search.section);
  if (search.from) query.set('from', search.from);
  if (search.to) query.set('to', search.to);
  if (search.page > 1) query.set('page', String(search.page));
  return `/${agencySlug}/search?${query}`;
}

/** The key the portal caches a search under (the server fills the same key when it renders). */
export const searchQueryKey = (agencySlug: string, search: SiteSearchParams) => [
  'public',
  'site',
  agencySlug,
  'search',
  search.q,
  search.sort,
  search.page,
  search.section ?? '',
  search.from ?? '',
  search.to ?? '',
];
