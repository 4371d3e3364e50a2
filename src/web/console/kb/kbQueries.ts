import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { KbKind, KbVisibility, ScriptStage } from '../../../common/kb';
import { api, apiForm } from '../../ui/api';
import { useInvalidatingMutation } from '../shared/useInvalidatingMutation';
import { TEMPLATES_KEY } from './templateQueries';

export interface KbSection {
  id: string;
  title: string;
  description: string;
  departmentId: string | null;
  departmentName: string | null;
  reviewIntervalDays: number;
  reviewDueOn: string;
  lastReviewedAt: string | null;
  starter: boolean;
  articleCount: number;
  archivedCount: number;
  canEdit: boolean;
}

export interface SectionInput {
  title: string;
  description: string;
  departmentId: string | null;
  reviewIntervalDays: number;
}

export interface ArticleSummary {
  id: string;
  kind: KbKind;
  title: string;
  tags: string[];
  visibility: KbVisibility;
  scriptStage: ScriptStage | null;
  hasShortBody: boolean;
  active: boolean;
  starter: boolean;
  version: number;
  sectionId: string;
  sectionTitle: string;
  departmentId: string | null;
  updatedAt: string;
}

interface Linked {
  id: string;
  title: string;
  kind: KbKind;
  active: boolean;
}

export interface KbFile {
  id: string;
  name: string;
  mimeType: string;
  size: number;
  createdAt: string;
}

export interface Article extends ArticleSummary {
  body: string;
  shortBody: string | null;
  section: { id: string; title: string; departmentId: string | null };
  createdAt: string;
  createdBy: { id: string; name: string } | null;
  updatedBy: { id: string; name: string } | null;
  attachments: KbFile[];
  links: { outgoing: Linked[]; incoming: Linked[] };
  canEdit: boolean;
}

export interface ArticleInput {
  sectionId: string;
  kind: KbKind;
  title: string;
  body: string;
  shortBody: string | null;
  scriptStage: ScriptStage | null;
  tags: string[];
  visibility: KbVisibility;
  note: string | null;
}

export type ArticleSort = 'title' | '-title' | 'updatedAt' | '-updatedAt';

export interface ArticleFilter {
  sectionId: string | null;
  kind: KbKind | null;
  tag: string;
  archived: boolean;
  sort: ArticleSort;
  page: number;
}

export interface VersionInfo {
  version: number;
  authorName: string | null;
  createdAt: string;
  note: string | null;
}

export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string };
type Change<T> = { from: T; to: T } | null;

export interface VersionDiff {
  from: number;
  to: number;
  title: DiffPart[];
  body: DiffPart[];
  shortBody: DiffPart[] | null;
  tags: { added: string[]; removed: string[] };
  visibility: Change<KbVisibility>;
  scriptStage: Change<ScriptStage | null>;
  sectionId: Change<string>;
  active: Change<boolean>;
}

const KB_KEY = ['kb'] as const;
const SECTIONS_KEY = ['kb', 'sections'] as const;
const ARTICLES_KEY = ['kb', 'articles'] as const;
export const PAGE_SIZE = 20;

const articleUrl = (id: string) => `/api/staff/kb/articles/${encodeURIComponent(id)}`;

export function useSections() {
  return useQuery({
    queryKey: SECTIONS_KEY,
    queryFn: () => api<KbSection[]>('GET', '/api/staff/kb/sections'),
  });
}

export function useSaveSection() {
  return useInvalidatingMutation(
    ({ id, ...body }: SectionInput & { id?: string }) =>
      id
        ? api<KbSection>('PATCH', `/api/staff/kb/sections/${encodeURIComponent(id)}`, body)
        : api<KbSection>('POST', '/api/staff/kb/sections', body),
    [SECTIONS_KEY],
  );
}

export function useDeleteSection() {
  return useInvalidatingMutation(
    (id: string) => api<void>('DELETE', `/api/staff/kb/sections/${encodeURIComponent(id)}`),
    [SECTIONS_KEY],
  );
}

export function useArticles(filter: ArticleFilter) {
  const params = new URLSearchParams({
    sort: filter.sort,
    page: String(filter.page),
    pageSize: String(PAGE_SIZE),
  });
  if (filter.sectionId) params.set('sectionId', filter.sectionId);
  if (filter.kind) params.set('kind', filter.kind);
  if (filter.tag.trim()) params.set('tag', filter.tag.trim());
  if (filter.archived) params.set('archived', 'true');
  return useQuery({
    queryKey: [...ARTICLES_KEY, 'list', filter],
    queryFn: () =>
      api<{ items: ArticleSummary[]; total: number; page: number; pages: number }>(
        'GET',
        `/api/staff/kb/articles?${params}`,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useArticle(id: string) {
  return useQuery({ queryKey: [...ARTICLES_KEY, id], queryFn: () => api<Article>('GET', articleUrl(id)) });
}

/** Any save touches the lists, the sections' counts, the pickers and the history: reload the lot. */
export function useSaveArticle() {
  return useInvalidatingMutation(
    ({ id, ...input }: Partial<ArticleInput> & { id?: string }) =>
      id
        ? api<Article>('PATCH', articleUrl(id), input)
        : api<Article>('POST', '/api/staff/kb/articles', input),
    [KB_KEY, TEMPLATES_KEY],
  );
}

export function useArchiveArticle() {
  return useInvalidatingMutation(
    ({ id, archived }: { id: string; archived: boolean }) =>
      api<Article>('POST', `${articleUrl(id)}/${archived ? 'archive' : 'unarchive'}`),
    [KB_KEY, TEMPLATES_KEY],
  );
}

export function useVersions(id: string) {
  return useQuery({
    queryKey: [...ARTICLES_KEY, id, 'versions'],
    queryFn: () => api<VersionInfo[]>('GET', `${articleUrl(id)}/versions`),
  });
}

export function useDiff(id: string, range: { from: number; to: number } | null) {
  return useQuery({
    queryKey: [...ARTICLES_KEY, id, 'diff', range],
    queryFn: () => api<VersionDiff>('GET', `${articleUrl(id)}/diff?from=${range?.from}&to=${range?.to}`),
    enabled: range !== null,
  });
}

export function useRestoreVersion(id: string) {
  return useInvalidatingMutation(
    (version: number) => api<Article>('POST', `${articleUrl(id)}/versions/${version}/restore`),
    [KB_KEY, TEMPLATES_KEY],
  );
}

export const attachmentUrl = (articleId: string, fileId: string) =>
  `${articleUrl(articleId)}/attachments/${encodeURIComponent(fileId)}`;

export function useUploadKbFiles(articleId: string) {
  return useInvalidatingMutation(
    (files: File[]) => {
      const form = new FormData();
      for (const file of files) form.append('files', file);
      return apiForm<KbFile[]>(`${articleUrl(articleId)}/attachments`, form);
    },
    [[...ARTICLES_KEY, articleId]],
  );
}

export function useRemoveKbFile(articleId: string) {
  return useInvalidatingMutation(
    (fileId: string) => api<void>('DELETE', attachmentUrl(articleId, fileId)),
    [[...ARTICLES_KEY, articleId]],
  );
}
