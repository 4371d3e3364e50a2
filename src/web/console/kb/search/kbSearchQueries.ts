import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { KbKind, KbUseContext } from '../../../../common/kb';
import { api } from '../../../ui/api';

export interface KbFound {
  id: string;
  title: string;
  kind: KbKind;
  sectionTitle: string;
  departmentName: string | null;
  /** Plain text; `highlights` are [start, end) offsets of the matched words in it. */
  snippet: string;
  highlights: [number, number][];
  usageCount: number;
  updatedAt: string;
}

export interface KbSearchParams {
  q: string;
  kind: KbKind | null;
  sectionId: string | null;
  page: number;
}

export const KB_SEARCH_PAGE_SIZE = 10;

export function useKbSearch(params: KbSearchParams) {
  const query = new URLSearchParams({
    q: params.q,
    page: String(params.page),
    limit: String(KB_SEARCH_PAGE_SIZE),
  });
  if (params.kind) query.set('kind', params.kind);
  if (params.sectionId) query.set('sectionId', params.sectionId);
  return useQuery({
    queryKey: ['kb-search', params],
    queryFn: () =>
      api<{ total: number; pages: number; page: number; items: KbFound[] }>(
        'GET',
        `/api/staff/kb/search?${query}`,
      ),
    enabled: params.q.trim() !== '',
    placeholderData: keepPreviousData,
  });
}

export function useRequestKbSuggestions(requestId: string) {
  return useQuery({
    queryKey: ['kb-suggestions', requestId],
    queryFn: () =>
      api<KbFound[]>('GET', `/api/staff/requests/${encodeURIComponent(requestId)}/kb-suggestions`),
  });
}

/** Counts a use of an article; the server counts a repeat within ten minutes once. */
export const recordKbUse = (articleId: string, context: KbUseContext, subjectId?: string) =>
  api<{ counted: boolean; usageCount: number }>(
    'POST',
    `/api/staff/kb/articles/${encodeURIComponent(articleId)}/uses`,
    {
      context,
      ...(subjectId ? { subjectId } : {}),
    },
  );

/** Where an article is read (the articles pages of the knowledge base, issue 6 p. 1). */
export const kbArticlePath = (articleId: string) => `/kb/articles/${encodeURIComponent(articleId)}`;
