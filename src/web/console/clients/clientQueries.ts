import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ClientDetail,
  ClientKind,
  ClientSummary,
  ContactKind,
  MergeSuggestion,
  RetentionPurge,
  TimelineEntry,
} from '../../../common/clients';
import type { Page } from '../../../common/types';
import { ApiError, api, apiBlob, saveBlob } from '../../ui/api';

export const CLIENTS_KEY = ['clients'] as const;
export const CLIENTS_PAGE_SIZE = 20;
export type ClientSort = 'name' | 'lastInteractionAt' | 'createdAt';

export interface ClientFilter {
  q: string;
  page: number;
  sort: ClientSort;
  order: 'asc' | 'desc';
}

const base = (id: string) => `/api/staff/clients/${encodeURIComponent(id)}`;
const noRetryOn4xx = (count: number, error: Error) =>
  !(error instanceof ApiError && error.status < 500) && count < 2;

export function useClients(filter: ClientFilter) {
  const params = new URLSearchParams({
    sort: filter.sort,
    order: filter.order,
    page: String(filter.page),
    pageSize: String(CLIENTS_PAGE_SIZE),
  });
  if (filter.q.trim()) params.set('q', filter.q.trim());
  return useQuery({
    queryKey: [...CLIENTS_KEY, 'list', filter],
    queryFn: () => api<Page<ClientSummary>>('GET', `/api/staff/clients?${params}`),
    placeholderData: keepPreviousData,
  });
}

export function useClient(id: string) {
  return useQuery({
    queryKey: [...CLIENTS_KEY, 'detail', id],
    queryFn: () => api<ClientDetail>('GET', base(id)),
    retry: noRetryOn4xx,
  });
}

export function useTimeline(id: string, page: number) {
  return useQuery({
    queryKey: [...CLIENTS_KEY, 'timeline', id, page],
    queryFn: () => api<Page<TimelineEntry>>('GET', `${base(id)}/timeline?page=${page}&pageSize=20`),
    placeholderData: keepPreviousData,
    retry: noRetryOn4xx,
  });
}

export function useMergeSuggestions() {
  return useQuery({
    queryKey: [...CLIENTS_KEY, 'merge-suggestions'],
    queryFn: () => api<MergeSuggestion[]>('GET', '/api/staff/clients/merge-suggestions'),
  });
}

export function useRetentionLog(page: number) {
  return useQuery({
    queryKey: ['retention-purges', page],
    queryFn: () => api<Page<RetentionPurge>>('GET', `/api/staff/retention/purges?page=${page}&pageSize=10`),
    placeholderData: keepPreviousData,
  });
}

/** A change to one client; every clients query loads again (list, card, timeline, suggestions). */
function useClientMutation<TInput, TResult = ClientDetail>(request: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: CLIENTS_KEY }),
  });
}

export interface ClientPatch {
  kind: ClientKind;
  name: string;
  organisationName: string | null;
  inn: string | null;
  postalAddress: string | null;
}

export const useUpdateClient = (id: string) =>
  useClientMutation((patch: ClientPatch) => api<ClientDetail>('PATCH', base(id), patch));

export interface ContactInput {
  contactId?: string;
  kind: ContactKind;
  value: string;
  verified: boolean;
}

export const useSaveContact = (id: string) =>
  useClientMutation(({ contactId, kind, value, verified }: ContactInput) =>
    contactId
      ? api<ClientDetail>('PATCH', `${base(id)}/contacts/${contactId}`, { value, verified })
      : api<ClientDetail>('POST', `${base(id)}/contacts`, { kind, value, verified }),
  );

export const useRemoveContact = (id: string) =>
  useClientMutation(async (contactId: string): Promise<void> => {
    await api<ClientDetail>('DELETE', `${base(id)}/contacts/${contactId}`);
  });

export const useLegalHold = (id: string) =>
  useClientMutation((input: { legalHold: boolean; reason?: string }) =>
    api<ClientDetail>('PUT', `${base(id)}/legal-hold`, input),
  );

export const useMerge = () =>
  useClientMutation(({ survivorId, mergedId }: { survivorId: string; mergedId: string }) =>
    api<ClientDetail>('POST', `${base(survivorId)}/merge`, { mergedId }),
  );

/** 152-ФЗ ст. 14: everything about the person — the history ZIP plus consents, mailings, sends and the access log. */
export function useSubjectExport(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const { blob, fileName } = await apiBlob('POST', `${base(id)}/subject-export`);
      saveBlob(blob, fileName ?? 'subject.zip');
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...CLIENTS_KEY, 'timeline', id] }),
  });
}

/** Seed 004 p. 4: builds the ZIP on the server and saves it; the timeline then shows the hand-over. */
export function useHistoryExport(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const { blob, fileName } = await apiBlob('POST', `${base(id)}/history-export`);
      saveBlob(blob, fileName ?? 'history.zip');
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...CLIENTS_KEY, 'timeline', id] }),
  });
}
