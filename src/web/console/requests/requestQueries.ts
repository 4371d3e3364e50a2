import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page, StaffUser } from '../../../common/types';
import { ApiError, api, apiForm } from '../../ui/api';
import {
  ACTION_PATHS,
  type RequestAction,
  type RequestAttachment,
  type RequestDetail,
  type RequestGrounds,
  type RequestKind,
  type RequestStatus,
  type RequestSummary,
  type SortColumn,
} from './requestTypes';

export const REQUESTS_KEY = ['requests'] as const;
export const REQUESTS_PAGE_SIZE = 20;

export interface RequestFilter {
  page: number;
  statuses: RequestStatus[];
  kind: RequestKind | null;
  topic: string | null;
  overdue: boolean;
  mine: boolean;
  myDepartments: boolean;
  dueWithin: number | null;
  q: string;
  sort: SortColumn;
  order: 'asc' | 'desc';
}

function filterParams(filter: RequestFilter): URLSearchParams {
  const params = new URLSearchParams({ sort: filter.sort, order: filter.order });
  for (const status of filter.statuses) params.append('status', status);
  if (filter.kind) params.set('kind', filter.kind);
  if (filter.topic) params.set('topic', filter.topic);
  if (filter.overdue) params.set('overdue', 'true');
  if (filter.mine) params.set('mine', 'true');
  if (filter.myDepartments) params.set('myDepartments', 'true');
  if (filter.dueWithin !== null) params.set('dueWithin', String(filter.dueWithin));
  if (filter.q.trim()) params.set('q', filter.q.trim());
  return params;
}

/** The filter as the console's URL query: what a saved view keeps. */
export function filterQuery(filter: RequestFilter): string {
  const params = filterParams(filter);
  if (filter.page > 1) params.set('page', String(filter.page));
  return params.toString();
}

function registerPath(filter: RequestFilter): string {
  const params = filterParams(filter);
  params.set('page', String(filter.page));
  params.set('pageSize', String(REQUESTS_PAGE_SIZE));
  return `/api/staff/requests?${params}`;
}

/** The same view as an XLSX file: a plain link, so the browser downloads it with the session cookie. */
export function exportPath(filter: RequestFilter): string {
  return `/api/staff/requests/export.xlsx?${filterParams(filter)}`;
}

export function useRequests(filter: RequestFilter) {
  return useQuery({
    queryKey: [...REQUESTS_KEY, 'list', filter],
    queryFn: () => api<Page<RequestSummary>>('GET', registerPath(filter)),
    placeholderData: keepPreviousData,
  });
}

const detailKey = (id: string) => [...REQUESTS_KEY, 'detail', id] as const;

export function useRequest(id: string) {
  return useQuery({
    queryKey: detailKey(id),
    queryFn: () => api<RequestDetail>('GET', `/api/staff/requests/${encodeURIComponent(id)}`),
    // A missing request stays missing: do not retry a 404.
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
  });
}

export function useRequestGrounds() {
  return useQuery({
    queryKey: ['request-grounds'],
    queryFn: () => api<RequestGrounds>('GET', '/api/staff/request-grounds'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Candidates for executor; the staff list is open to admin and head only, others get 403. */
export function useAssignableUsers() {
  return useQuery({
    queryKey: ['users', 'assignable'],
    queryFn: () => api<Page<StaffUser>>('GET', '/api/staff/users?pageSize=100'),
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
  });
}

/** An action on a request; the server answers with the card as it is afterwards. */
export function useRequestAction(id: string, action: RequestAction) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api<RequestDetail>(
        'POST',
        `/api/staff/requests/${encodeURIComponent(id)}/${ACTION_PATHS[action]}`,
        body,
      ),
    onSuccess: async (detail) => {
      queryClient.setQueryData(detailKey(id), detail);
      // The register shows the status and the term too.
      await queryClient.invalidateQueries({ queryKey: [...REQUESTS_KEY, 'list'] });
    },
  });
}

/** Files for the answer, uploaded as soon as they are chosen; the card then lists them. */
export function useUploadAnswerFiles(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (files: File[]) => {
      const form = new FormData();
      for (const file of files) form.append('files', file, file.name);
      return apiForm<RequestAttachment[]>(`/api/staff/requests/${encodeURIComponent(id)}/attachments`, form);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: detailKey(id) }),
  });
}

/** Takes back a file of an answer not yet sent. */
export function useRemoveAnswerFile(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (attachmentId: string) =>
      api<void>(
        'DELETE',
        `/api/staff/requests/${encodeURIComponent(id)}/attachments/${encodeURIComponent(attachmentId)}`,
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: detailKey(id) }),
  });
}
