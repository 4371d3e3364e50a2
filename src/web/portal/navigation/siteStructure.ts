// The site's structure in one place: the menu, the breadcrumbs and the site map all read it
// (seed 000 p. 4.3: «меню сайта, содержащее его структуру»). New sections are added here.

export type PageKey =
  | 'home'
  | 'contacts'
  | 'faq'
  | 'requests'
  | 'requestStatus'
  | 'history'
  | 'reception'
  | 'subscribe'
  | 'rate'
  | 'search'
  | 'sitemap';
export type SectionId = 'about' | 'hours' | 'digital' | 'offline' | 'departments' | 'faq' | 'consultation';

export interface PageSection {
  id: SectionId;
  /** i18n key (namespace `portal`) of the section's <h2>. */
  title: string;
}

export interface SitePage {
  key: PageKey;
  /** Relative to the agency's root, '' for the home page. */
  path: string;
  /** The page's <h2> sections, linked from the site map. */
  sections: PageSection[];
  /** The page above this one in the breadcrumbs; the home page when not given. */
  parent?: PageKey;
}

const section = (id: SectionId, title = `sections.${id}`): PageSection => ({ id, title });

export const SITE_PAGES: readonly SitePage[] = [
  {
    key: 'home',
    path: '',
    sections: [
      section('about'),
      section('hours'),
      section('digital'),
      section('offline'),
      section('departments'),
    ],
  },
  {
    key: 'contacts',
    path: 'contacts',
    sections: [section('digital'), section('offline'), section('hours', 'sections.agencyHours')],
  },
  // Issue 6 p. 7: the FAQ and contacts the agency's knowledge base publishes.
  { key: 'faq', path: 'faq', sections: [section('faq'), section('consultation')] },
  { key: 'requests', path: 'requests/new', sections: [] },
  { key: 'requestStatus', path: 'requests/status', sections: [], parent: 'requests' },
  // Seed 004 p. 4: the whole interaction history on request.
  { key: 'history', path: 'history', sections: [], parent: 'requests' },
  // Seed 003 p. 28: booking a personal reception with the head or an authorised official.
  { key: 'reception', path: 'reception', sections: [] },
  // Seed 004 p. 14: consent to mailings is given on the agency's site.
  { key: 'subscribe', path: 'subscribe', sections: [] },
  // Seed 000 p. 6.2: the «Оценить работу» section of the official site.
  { key: 'rate', path: 'rate', sections: [] },
  // Seed 000 p. 4.2: search over the site's publications and their documents.
  { key: 'search', path: 'search', sections: [] },
  { key: 'sitemap', path: 'sitemap', sections: [] },
];

export function agencyPath(slug: string, path = ''): string {
  return `/${slug}/${path}`;
}

/** The status page, filled in with the number and the access code. */
export function requestStatusPath(slug: string, number: string, code: string): string {
  return `${agencyPath(slug, 'requests/status')}?${new URLSearchParams({ number, code })}`;
}

export interface Crumb {
  label: string;
  to: string;
}

/** The breadcrumbs above a page: the home page, then each parent down to (not including) the page. */
export function pageTrail(slug: string, key: PageKey, label: (page: SitePage) => string): Crumb[] {
  const byKey = new Map(SITE_PAGES.map((page) => [page.key, page]));
  const trail: Crumb[] = [];
  let parent = key === 'home' ? undefined : (byKey.get(key)?.parent ?? 'home');
  while (parent) {
    const page = byKey.get(parent);
    if (!page || trail.some((crumb) => crumb.to === agencyPath(slug, page.path))) break;
    trail.unshift({ label: label(page), to: agencyPath(slug, page.path) });
    parent = page.key === 'home' ? undefined : (page.parent ?? 'home');
  }
  return trail;
}

/** The feedback entries of seed 000 p. 6.2, grouped under «Обратная связь» in the menu. */
export const FEEDBACK_PAGES: readonly PageKey[] = [
  'requests',
  'requestStatus',
  'history',
  'reception',
  'subscribe',
  'rate',
];

/**
 * The menu in one line: the home page, news, the site's other sections under «Деятельность»,
 * the feedback entries under «Обратная связь», then FAQ, contacts and the site map. Search is
 * not repeated: its field is in the header of every page.
 */
export function menuLayout<S extends { slug: string; kind: string }>(sections: readonly S[]) {
  const page = (key: PageKey) => SITE_PAGES.find((p) => p.key === key) as SitePage;
  const shown = sections.filter((section) => section.kind !== 'contacts');
  return {
    home: page('home'),
    news: shown.filter((section) => section.kind === 'news'),
    activity: shown.filter((section) => section.kind !== 'news'),
    feedback: FEEDBACK_PAGES.map(page),
    after: [page('faq'), page('contacts'), page('sitemap')],
  };
}
