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
/**
 * Resized copies of an image of a publication (issue 10 p. 7): the widths a browser picks from by
 * the screen, never wider than the original; each as WebP and in a format every browser shows.
 */
export const SITE_IMAGE_WIDTHS = [480, 960, 1600] as const;
export const IMAGE_VARIANT_FORMATS = ['webp', 'jpeg', 'png'] as const;
export type ImageVariantFormat = (typeof IMAGE_VARIANT_FORMATS)[number];
/**
 * The most pixels an uploaded image may decode to: a 50-megapixel camera's photo passes, a
 * decompression bomb (a small file that claims 100 000 × 100 000) does not.
 */
export const SITE_IMAGE_MAX_PIXELS = 50_000_000;

/** The longest text alternative an editor may give an image: a sentence or two, not an article. */
export const SITE_IMAGE_ALT_MAX = 300;

/** An image as the portal gets it: its size, and the resized copies it may choose from. */
export interface SiteImage {
  /** Null for an image uploaded before copies were made: the original is shown as it is. */
  width: number | null;
  height: number | null;
  variants: { width: number; format: ImageVariantFormat }[];
}

/** Every page is re-checked at least this often unless its section says otherwise. */
export const SITE_DEFAULT_REVIEW_DAYS = 90;

/**
 * The search's section filter value for the public FAQ answers (issue 10 p. 2). It cannot be a
 * site section's slug: `/<agency>/faq` is the FAQ page itself.
 */
export const FAQ_SEARCH_SECTION = 'faq';

/** A found page or publication of the site, or an answer of the agency's public FAQ. */
export const SEARCH_ITEM_KINDS = ['publication', 'faq'] as const;
export type SearchItemKind = (typeof SEARCH_ITEM_KINDS)[number];

export interface SiteSearchItem {
  kind: SearchItemKind;
  title: string;
  url: string;
  /** Plain text with matches wrapped in <mark>; everything else HTML-escaped. */
  snippet: string;
  /** When a publication went out; for an FAQ answer, when it was last edited. */
  publishedAt: string;
}

export interface SiteSearchResult {
  total: number;
  pages: number;
  page: number;
  items: SiteSearchItem[];
}
