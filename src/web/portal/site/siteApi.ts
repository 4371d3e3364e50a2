import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ImageVariantFormat, SiteImage, SiteSearchResult, SiteSectionKind } from '../../../common/site';
import { type SiteSearchParams, searchQueryKey } from '../../../common/site-params';
import { api } from '../../ui/api';

export interface SiteMenuItem {
  slug: string;
  title: string;
  kind: SiteSectionKind;
}

export interface SectionListing {
  section: SiteMenuItem;
  total: number;
  pages: number;
  page: number;
  items: { title: string; summary: string; url: string; publishedAt: string }[];
}

export interface Publication {
  id: string;
  title: string;
  summary: string;
  html: string;
  publishedAt: string;
  updatedAt: string;
  section: { slug: string; title: string };
  attachments: {
    id: string;
    fileName: string;
    contentType: string;
    size: number;
    altText: string | null;
    image: SiteImage | null;
  }[];
}

const base = (slug: string) => `/api/public/${encodeURIComponent(slug)}`;

export const useSiteMenu = (slug: string) =>
  useQuery({
    queryKey: ['public', 'site', slug, 'menu'],
    queryFn: () => api<SiteMenuItem[]>('GET', `${base(slug)}/site/menu`),
  });

export const useSiteSection = (slug: string, section: string, page: number) =>
  useQuery({
    queryKey: ['public', 'site', slug, 'section', section, page],
    queryFn: () =>
      api<SectionListing>('GET', `${base(slug)}/site/sections/${encodeURIComponent(section)}?page=${page}`),
    placeholderData: keepPreviousData,
  });

export const usePublication = (slug: string, section: string, page: string) =>
  useQuery({
    queryKey: ['public', 'site', slug, 'page', section, page],
    queryFn: () =>
      api<Publication>(
        'GET',
        `${base(slug)}/site/sections/${encodeURIComponent(section)}/${encodeURIComponent(page)}`,
      ),
  });

export const fileUrl = (slug: string, publicationId: string, attachmentId: string) =>
  `${base(slug)}/site/files/${publicationId}/${attachmentId}`;

/** A resized copy of an image attachment: the server keeps it for a year in every cache. */
export const imageUrl = (
  slug: string,
  publicationId: string,
  attachmentId: string,
  width: number,
  format: ImageVariantFormat,
) => `${base(slug)}/site/images/${publicationId}/${attachmentId}/${width}.${format}`;

export const useSiteSearch = (slug: string, search: SiteSearchParams, enabled: boolean) =>
  useQuery({
    queryKey: searchQueryKey(slug, search),
    queryFn: () => {
      const query = new URLSearchParams({ q: search.q, sort: search.sort, page: String(search.page) });
      for (const name of ['section', 'from', 'to'] as const) {
        const value = search[name];
        if (value) query.set(name, value);
      }
      return api<SiteSearchResult>('GET', `${base(slug)}/search?${query}`);
    },
    enabled: enabled && search.q.length > 0,
    placeholderData: keepPreviousData,
  });

const shortDates = new Map<string, Intl.DateTimeFormat>();

/** dd.mm.yyyy in the agency's time zone. */
export function shortDate(iso: string, timeZone: string): string {
  let format = shortDates.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('ru-RU', {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      timeZone,
    });
    shortDates.set(timeZone, format);
  }
  return format.format(new Date(iso));
}
