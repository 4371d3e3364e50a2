import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FreshnessCounts, FreshnessState } from '../../../common/kb-review';
import type { PublicationSort, PublicationState, SiteSectionKind } from '../../../common/site';
import type { Page } from '../../../common/types';
import { api, apiForm } from '../../ui/api';

/** Accuracy control of a section (seed 000 p. 7.1). */
export interface SectionReview {
  responsibleUserId: string | null;
  reviewIntervalDays: number;
}

export interface SiteSection extends SectionReview {
  id: string;
  kind: SiteSectionKind;
  slug: string;
  title: string;
  reviewDueOn: string;
  checkedAt: string | null;
  freshness: FreshnessState;
}

export interface Responsible {
  id: string;
  name: string;
  email: string;
}

export interface PublicationListItem {
  id: string;
  sectionId: string;
  sectionTitle: string;
  title: string;
  state: PublicationState;
  publishAt: string | null;
  updatedAt: string;
  checkedAt: string | null;
  freshness: FreshnessState | null;
}

export interface PublicationFilter {
  q: string;
  sectionId: string | null;
  state: PublicationState | null;
  stale: boolean;
  sort: PublicationSort;
  order: 'asc' | 'desc';
  page: number;
}

export interface SiteFile {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  altText: string | null;
}

export interface SitePublication {
  id: string;
  sectionId: string;
  slug: string;
  title: string;
  summary: string;
  body: string;
  state: PublicationState;
  publishAt: string | null;
  disclosureItem: string | null;
  responsibleUserId: string | null;
  reviewIntervalDays: number;
  attachments?: SiteFile[];
}

export interface PublicationInput {
  sectionId: string;
  title: string;
  summary: string;
  body: string;
  disclosureItem: string | null;
  responsibleUserId: string | null;
  reviewIntervalDays: number;
}

export interface DisclosureChecklist {
  law: string;
  items: { key: string; section: SiteSectionKind; text: string; disclosed: boolean }[];
}

export interface SiteFreshness {
  counts: FreshnessCounts;
  items: {
    target: 'section' | 'publication';
    id: string;
    title: string;
    responsibleName: string | null;
    checkedAt: string | null;
    reviewDueOn: string;
    state: FreshnessState;
  }[];
}

const root = ['staff', 'site'] as const;
const path = (id: string) => `/api/staff/site/publications/${encodeURIComponent(id)}`;

export const useSiteSections = () =>
  useQuery({
    queryKey: [...root, 'sections'],
    queryFn: () => api<SiteSection[]>('GET', '/api/staff/site/sections'),
  });

/** The filter as the API's query string; empty parts are left out. */
export function publicationQuery(filter: PublicationFilter): string {
  const query = new URLSearchParams({ sort: filter.sort, order: filter.order, page: String(filter.page) });
  if (filter.q.trim()) query.set('q', filter.q.trim());
  if (filter.sectionId) query.set('sectionId', filter.sectionId);
  if (filter.state) query.set('state', filter.state);
  if (filter.stale) query.set('stale', 'true');
  return query.toString();
}

export const useSitePublications = (filter: PublicationFilter) =>
  useQuery({
    queryKey: [...root, 'publications', filter],
    queryFn: () =>
      api<Page<PublicationListItem>>('GET', `/api/staff/site/publications?${publicationQuery(filter)}`),
    placeholderData: keepPreviousData,
  });

export const useResponsibles = () =>
  useQuery({
    queryKey: [...root, 'responsibles'],
    queryFn: () => api<Responsible[]>('GET', '/api/staff/site/responsibles'),
  });

export const useSitePublication = (id: string | undefined) =>
  useQuery({
    queryKey: [...root, 'publication', id],
    queryFn: () => api<SitePublication>('GET', path(id as string)),
    enabled: Boolean(id),
  });

export const useDisclosure = () =>
  useQuery({
    queryKey: [...root, 'disclosure'],
    queryFn: () => api<DisclosureChecklist>('GET', '/api/staff/site/disclosure'),
  });

export const useSiteFreshness = () =>
  useQuery({
    queryKey: [...root, 'freshness'],
    queryFn: () => api<SiteFreshness>('GET', '/api/staff/site/freshness'),
  });

function useSiteMutation<I, O>(run: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => client.invalidateQueries({ queryKey: root }) });
}

export const useSavePublication = (id: string | undefined) =>
  useSiteMutation((input: PublicationInput) =>
    id
      ? api<SitePublication>('PUT', path(id), input)
      : api<SitePublication>('POST', '/api/staff/site/publications', input),
  );

export const usePublicationAction = (id: string) =>
  useSiteMutation(
    ({ action, publishAt }: { action: 'publish' | 'unpublish' | 'archive'; publishAt?: string | null }) =>
      api<SitePublication>(
        'POST',
        `${path(id)}/${action}`,
        action === 'publish' ? { publishAt: publishAt ?? null } : {},
      ),
  );

export const useUploadSiteFiles = (id: string) =>
  useSiteMutation((files: File[]) => {
    const form = new FormData();
    for (const file of files) form.append('files', file, file.name);
    return apiForm<SiteFile[]>(`${path(id)}/attachments`, form);
  });

export const useSaveAltText = (publicationId: string, fileId: string) =>
  useSiteMutation((altText: string) =>
    api<SiteFile>('PATCH', `${path(publicationId)}/attachments/${encodeURIComponent(fileId)}`, { altText }),
  );

export const useSaveSectionReview = (id: string) =>
  useSiteMutation((input: SectionReview) =>
    api<SiteSection>('PATCH', `/api/staff/site/sections/${encodeURIComponent(id)}`, input),
  );

export const useMarkChecked = () =>
  useSiteMutation(({ target, id }: { target: 'section' | 'publication'; id: string }) =>
    api<unknown>(
      'POST',
      `/api/staff/site/${target === 'section' ? 'sections' : 'publications'}/${id}/checked`,
    ),
  );

export const siteFileUrl = (publicationId: string, fileId: string) =>
  `${path(publicationId)}/attachments/${fileId}`;
