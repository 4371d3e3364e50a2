import {
  FAQ_SEARCH_SECTION,
  type SearchSort,
  SITE_SEARCH_PAGE_SIZE,
  type SiteSearchItem,
  type SiteSearchResult,
} from '../../../common/site.js';
import type { Db } from '../../db/client.js';
import { type IsoDate, startOfLocalDay } from '../../lib/calendar.js';
import { Invalid, NotFound } from '../../lib/errors.js';
import type { AgencyService } from '../agencies/service.js';
import { escapeHtml, publicBody } from '../kb/sanitize.js';
import { MARK_END, MARK_START } from '../kb/search.text.js';
import { imageOf } from './attachments.service.js';
import * as repo from './repo.js';
import * as search from './search.repo.js';
import type { SiteService } from './service.js';

const DAY_MS = 86_400_000;
const SECTION_PAGE_SIZE = 20;

/** A headline with private-use match marks as safe HTML: the text escaped, matches in <mark>. */
export function markedSnippet(headline: string): string {
  return escapeHtml(headline)
    .replaceAll(MARK_START, '<mark>')
    .replaceAll(MARK_END, '</mark>')
    .replace(/\s+/g, ' ')
    .trim();
}

export const publicationUrl = (agencySlug: string, sectionSlug: string, slug: string) =>
  `/${agencySlug}/${sectionSlug}/${slug}`;

/** Where the FAQ page shows an answer: its anchor there. */
export const faqAnswerUrl = (agencySlug: string, articleId: string) => `/${agencySlug}/faq#faq-${articleId}`;

function searchItem(agencySlug: string, hit: search.SearchHit): SiteSearchItem {
  const url =
    hit.source === 'faq'
      ? faqAnswerUrl(agencySlug, hit.id)
      : publicationUrl(agencySlug, hit.sectionSlug ?? '', hit.slug ?? '');
  return {
    kind: hit.source,
    title: hit.title,
    url,
    snippet: markedSnippet(hit.headline),
    publishedAt: hit.at.toISOString(),
  };
}

const pagesOf = (total: number, size: number) => Math.ceil(total / size);

const notFound = () => new NotFound('page_not_found', 'Страница не найдена');

/** What the agency's public site shows (issue 10 p. 2, 3): menu, sections, pages, search, sitemap. */
export function createSitePublic(deps: { db: Db; agencies: AgencyService; site: SiteService }) {
  const { db, agencies, site } = deps;

  async function agencyOf(slug: string) {
    const id = await agencies.idBySlug(slug);
    return { id, timezone: (await agencies.byId(id)).timezone };
  }

  async function sectionBySlug(agencyId: string, slug: string) {
    await site.ensureSections(agencyId);
    const section = await repo.findSectionBySlug(db, agencyId, slug);
    if (!section) throw notFound();
    return section;
  }

  async function searchScope(agencyId: string, section: string | undefined) {
    if (section === undefined) return undefined;
    if (section === FAQ_SEARCH_SECTION) return FAQ_SEARCH_SECTION;
    return { sectionId: (await sectionBySlug(agencyId, section)).id };
  }

  const attachmentView = (a: repo.AttachmentRow) => ({
    id: a.id,
    fileName: a.fileName,
    contentType: a.contentType,
    size: a.size,
    altText: a.altText,
    image: imageOf(a),
  });

  return {
    async menu(agencySlug: string) {
      const agency = await agencyOf(agencySlug);
      return (await site.ensureSections(agency.id)).map((s) => ({
        slug: s.slug,
        title: s.title,
        kind: s.kind,
      }));
    },

    async section(agencySlug: string, sectionSlug: string, page: number, now = new Date()) {
      const agency = await agencyOf(agencySlug);
      const section = await sectionBySlug(agency.id, sectionSlug);
      const { total, rows } = await repo.pageOfVisible(db, agency.id, section.id, now, {
        limit: SECTION_PAGE_SIZE,
        offset: (page - 1) * SECTION_PAGE_SIZE,
      });
      return {
        section: { slug: section.slug, title: section.title, kind: section.kind },
        total,
        pages: pagesOf(total, SECTION_PAGE_SIZE),
        page,
        items: rows.map((row) => ({
          title: row.title,
          summary: row.summary,
          url: publicationUrl(agencySlug, section.slug, row.slug),
          publishedAt: (row.publishAt as Date).toISOString(),
        })),
      };
    },

    async publication(agencySlug: string, sectionSlug: string, slug: string, now = new Date()) {
      const agency = await agencyOf(agencySlug);
      const section = await sectionBySlug(agency.id, sectionSlug);
      const row = await repo.findVisibleBySlug(db, agency.id, slug, now);
      if (!row || row.sectionId !== section.id) throw notFound();
      return {
        id: row.id,
        title: row.title,
        summary: row.summary,
        html: publicBody(row.body),
        publishedAt: (row.publishAt as Date).toISOString(),
        updatedAt: row.updatedAt.toISOString(),
        section: { slug: section.slug, title: section.title },
        attachments: (await repo.listAttachments(db, agency.id, row.id)).map(attachmentView),
      };
    },

    async search(
      agencySlug: string,
      query: { q: string; page: number; sort: SearchSort; section?: string; from?: IsoDate; to?: IsoDate },
      now = new Date(),
    ): Promise<SiteSearchResult> {
      const agency = await agencyOf(agencySlug);
      const empty = { total: 0, pages: 0, page: query.page, items: [] };
      const tsquery = await search.parsedQuery(db, query.q);
      if (!tsquery) return empty;
      if (query.from && query.to && query.from > query.to) {
        throw new Invalid('querystring.to', 'Дата «по» раньше даты «с»');
      }
      const filter: search.SiteSearchFilter = {
        within: await searchScope(agency.id, query.section),
        from: query.from ? startOfLocalDay(query.from, agency.timezone) : undefined,
        to: query.to ? new Date(startOfLocalDay(query.to, agency.timezone).getTime() + DAY_MS) : undefined,
      };
      const total = await search.countFound(db, agency.id, tsquery, filter, now);
      const rows = await search.findPage(db, agency.id, tsquery, filter, now, {
        sort: query.sort,
        limit: SITE_SEARCH_PAGE_SIZE,
        offset: (query.page - 1) * SITE_SEARCH_PAGE_SIZE,
      });
      return {
        total,
        pages: pagesOf(total, SITE_SEARCH_PAGE_SIZE),
        page: query.page,
        items: rows.map((hit) => searchItem(agencySlug, hit)),
      };
    },

    async sitemap(agencySlug: string, origin: string, now = new Date()) {
      const agency = await agencyOf(agencySlug);
      const sections = await site.ensureSections(agency.id);
      const pages = await repo.listVisibleForSitemap(db, agency.id, now);
      const entry = (path: string, lastmod?: Date) =>
        `  <url><loc>${escapeHtml(origin + path)}</loc>${lastmod ? `<lastmod>${lastmod.toISOString().slice(0, 10)}</lastmod>` : ''}</url>`;
      return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
        entry(`/${agencySlug}`),
        ...sections.map((s) => entry(`/${agencySlug}/${s.slug}`)),
        ...pages.map((p) => entry(publicationUrl(agencySlug, p.sectionSlug, p.slug), p.updatedAt)),
        '</urlset>',
        '',
      ].join('\n');
    },

    attachmentAgency: (agencySlug: string) => agencies.idBySlug(agencySlug),
  };
}

export type SitePublic = ReturnType<typeof createSitePublic>;
