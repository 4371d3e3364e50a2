// The agency's public site (issue 10): sections, publications and their states.

/** The sections every agency site has (seed 000 p. 4.1; issue 10 p. 1). */
export const SITE_SECTION_KINDS = [
  'news',
  'plans_reports',
  'legal_acts',
  'hr',
  'services',
  'contacts',
  'disclosure',
] as const;
export type SiteSectionKind = (typeof SITE_SECTION_KINDS)[number];

/**
 * Stored states. A «published» publication whose publishAt is still ahead is «scheduled» to the
 * editor and invisible to visitors until then.
 */
export const PUBLICATION_STATUSES = ['draft', 'published', 'archived'] as const;
export type PublicationStatus = (typeof PUBLICATION_STATUSES)[number];

/** What the editor's list shows and filters by: the stored status, with «scheduled» told apart. */
export const PUBLICATION_STATES = ['draft', 'scheduled', 'published', 'archived'] as const;
export type PublicationState = (typeof PUBLICATION_STATES)[number];

/** The columns the editor's list sorts by on the server. */
export const PUBLICATION_SORTS = [
  'title',
  'section',
  'state',
  'publishAt',
  'updatedAt',
  'checkedAt',
] as const;
export type PublicationSort = (typeof PUBLICATION_SORTS)[number];
/** Unless told otherwise, words and states read from the start, dates from the newest. */
export const defaultPublicationOrder = (sort: PublicationSort): 'asc' | 'desc' =>
  sort === 'title' || sort === 'section' || sort === 'state' ? 'asc' : 'desc';

export const SEARCH_SORTS = ['relevance', 'date'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

export const SITE_SEARCH_MAX_QUERY = 200;
export const SITE_SEARCH_MAX_PAGE = 1000;
export const SITE_SEARCH_PAGE_SIZE = 10;
export const SITE_MAX_ATTACHMENTS = 10;
/** Every page is re-checked at least this often unless its section says otherwise. */
export const SITE_DEFAULT_REVIEW_DAYS = 90;

export interface SiteSearchItem {
  title: string;
  url: string;
  /** Plain text with matches wrapped in <mark>; everything else HTML-escaped. */
  snippet: string;
  publishedAt: string;
}

export interface SiteSearchResult {
  total: number;
  pages: number;
  page: number;
  items: SiteSearchItem[];
}
