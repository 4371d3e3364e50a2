// Which portal addresses the server renders to plain HTML (reading and searching, issue 10 p. 7),
// the data each needs — fetched from the same services the public API answers from — and the
// title and description its <head> carries for search engines and link previews.
import type { PortalRenderInput } from '../../common/portal-render.js';
import { datesReversed, pageParam, searchParams, searchQueryKey } from '../../common/site-params.js';
import type { PortalAgency } from '../../common/types.js';
import { NotFound } from '../lib/errors.js';
import type { Services } from '../services.js';

/** Pages with forms and live state: the portal's script renders them (see PortalApp.tsx). */
const SCRIPT_PAGES = [
  'requests/new',
  'requests/status',
  'history',
  'history/download',
  'reception',
  'bookings/cancel',
  'subscribe',
  'subscribe/confirm',
  'rate',
];
const SCRIPT_PREFIXES = ['unsubscribe/', 'surveys/'];

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export interface PortalPageMeta {
  title: string;
  description: string;
  /** Open Graph type: `article` for a publication. */
  type: 'website' | 'article';
  siteName: string;
}

export interface PortalPage {
  status: 200 | 404;
  render: Omit<PortalRenderInput, 'accessibility'>;
  meta: PortalPageMeta;
}

type Query = PortalRenderInput['queries'][number];

const titled = (title: string, siteName: string) => (title === siteName ? title : `${title} — ${siteName}`);

/** `null`: not a reading page — the portal's script page is served instead. */
export async function portalPage(services: Services, url: string): Promise<PortalPage | null> {
  const { pathname, searchParams: params } = new URL(url, 'http://portal');
  const parts = pathname.split('/').filter(Boolean);
  if (parts.length === 0) return agencyList(services, url);
  const [slug = '', ...rest] = parts.map((part) => safeDecode(part));
  const path = rest.join('/');
  if (SCRIPT_PAGES.includes(path) || SCRIPT_PREFIXES.some((prefix) => path.startsWith(prefix))) return null;

  const platform = 'Отклик';
  const agency = SLUG.test(slug) ? await services.agencies.portal(slug).catch(ignoreNotFound) : null;
  if (!agency) {
    return {
      status: 404,
      render: { url, queries: [], view: 'agencyNotFound' },
      meta: {
        title: titled('Ведомство не найдено', platform),
        description: '',
        type: 'website',
        siteName: platform,
      },
    };
  }
  const common: Query[] = [
    { key: ['public', 'agency', slug], data: publicView(agency) },
    { key: ['public', 'site', slug, 'menu'], data: await services.sitePublic.menu(slug) },
  ];
  const page = (
    title: string,
    queries: Query[],
    type: PortalPageMeta['type'] = 'website',
    description = agency.name,
  ) =>
    ({
      status: 200,
      render: { url, queries: [...common, ...queries], view: 'page' },
      meta: { title: titled(title, agency.shortName), description, type, siteName: agency.shortName },
    }) satisfies PortalPage;
  const notFound = (): PortalPage => ({
    status: 404,
    render: { url, queries: common, view: 'pageNotFound' },
    meta: {
      title: titled('Страница не найдена', agency.shortName),
      description: '',
      type: 'website',
      siteName: agency.shortName,
    },
  });

  if (path === '') return page(agency.name, []);
  if (path === 'contacts') return page('Контакты и точки взаимодействия', []);
  if (path === 'sitemap') return page('Карта сайта', []);
  if (path === 'faq') {
    const articles = await services.kbPublication.published(slug);
    return page('Вопросы и ответы', [{ key: ['public', 'kb', slug], data: articles }]);
  }
  if (path === 'search') {
    const search = searchParams(params);
    const queries: Query[] = [];
    if (search.q && !datesReversed(search)) {
      const result = await services.sitePublic.search(slug, search).catch(ignoreNotFound);
      if (!result) return notFound();
      queries.push({ key: searchQueryKey(slug, search), data: result });
    }
    return page(search.q ? `Поиск: ${search.q}` : 'Поиск по сайту', queries);
  }
  if (rest.length === 1 && SLUG.test(path)) {
    const number = pageParam(params);
    const listing = await services.sitePublic.section(slug, path, number).catch(ignoreNotFound);
    if (!listing) return notFound();
    return page(listing.section.title, [
      { key: ['public', 'site', slug, 'section', path, number], data: listing },
    ]);
  }
  const [section = '', publicationSlug = ''] = rest;
  if (rest.length === 2 && SLUG.test(section) && SLUG.test(publicationSlug)) {
    const publication = await services.sitePublic
      .publication(slug, section, publicationSlug)
      .catch(ignoreNotFound);
    if (!publication) return notFound();
    return page(
      publication.title,
      [{ key: ['public', 'site', slug, 'page', section, publicationSlug], data: publication }],
      'article',
      publication.summary || publication.title,
    );
  }
  return notFound();
}

async function agencyList(services: Services, url: string): Promise<PortalPage> {
  const title = 'Официальные сайты органов власти — Отклик';
  return {
    status: 200,
    render: {
      url,
      queries: [{ key: ['public', 'agencies'], data: await services.agencies.listPublic() }],
      view: 'page',
    },
    meta: {
      title,
      description: 'Официальные сайты органов власти региона',
      type: 'website',
      siteName: 'Отклик',
    },
  };
}

/** What GET /api/public/:agency answers: no staff settings of the agency. */
function publicView(agency: PortalAgency): PortalAgency {
  const { slug, name, shortName, timezone, workingHours, touchpoints, departments } = agency;
  return { slug, name, shortName, timezone, workingHours, touchpoints, departments };
}

function ignoreNotFound(error: unknown): null {
  if (error instanceof NotFound) return null;
  throw error;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
