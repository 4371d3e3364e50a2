// The site's structure in one place: the menu, the breadcrumbs and the site map all read it
// (seed 000 p. 4.3: «меню сайта, содержащее его структуру»). New sections are added here.

export type PageKey = 'home' | 'contacts' | 'sitemap';
export type SectionId = 'about' | 'hours' | 'digital' | 'offline' | 'departments';

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
  { key: 'sitemap', path: 'sitemap', sections: [] },
];

export function agencyPath(slug: string, path = ''): string {
  return `/${slug}/${path}`;
}
