import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  FeedbackAction,
  FeedbackActionLinksInput,
  FeedbackActionSort,
  FeedbackActionStatus,
} from '../../../common/feedback-actions';
import type { Page } from '../../../common/types';
import { api } from '../../ui/api';
import { useInvalidatingMutation } from '../shared/useInvalidatingMutation';

export const FEEDBACK_ACTIONS_KEY = ['feedback-actions'] as const;
export const FEEDBACK_ACTIONS_PAGE_SIZE = 25;
const BASE = '/api/staff/feedback-actions';

export interface FeedbackActionFilter {
  status: FeedbackActionStatus | null;
  departmentId: string | null;
  overdue: boolean;
  search: string;
  sort: FeedbackActionSort;
  order: 'asc' | 'desc';
  page: number;
}

/** Decisions linked to one request or one survey, as their cards show them. */
export type LinkedTo = { requestId: string } | { surveyId: string };

export interface FeedbackActionInput {
  finding: string;
  decision: string;
  ownerId: string | null;
  departmentId: string | null;
  dueOn: string;
  links: FeedbackActionLinksInput;
}

export function useFeedbackActions(filter: FeedbackActionFilter) {
  const params = new URLSearchParams({
    page: String(filter.page),
    pageSize: String(FEEDBACK_ACTIONS_PAGE_SIZE),
    sort: filter.sort,
    order: filter.order,
  });
  if (filter.status) params.set('status', filter.status);
  if (filter.departmentId) params.set('departmentId', filter.departmentId);
  if (filter.overdue) params.set('overdue', 'true');
  if (filter.search.trim()) params.set('search', filter.search.trim());
  return useQuery({
    queryKey: [...FEEDBACK_ACTIONS_KEY, 'list', filter],
    queryFn: () => api<Page<FeedbackAction>>('GET', `${BASE}?${params}`),
    placeholderData: keepPreviousData,
  });
}

export function useLinkedFeedbackActions(linkedTo: LinkedTo) {
  const params = new URLSearchParams({ ...linkedTo, pageSize: '100', sort: 'dueOn', order: 'asc' });
  return useQuery({
    queryKey: [...FEEDBACK_ACTIONS_KEY, 'linked', linkedTo],
    queryFn: () => api<Page<FeedbackAction>>('GET', `${BASE}?${params}`),
  });
}

export function useDecisionOwners(enabled: boolean) {
  return useQuery({
    queryKey: [...FEEDBACK_ACTIONS_KEY, 'owners'],
    queryFn: () => api<{ id: string; name: string }[]>('GET', `${BASE}/owners`),
    enabled,
  });
}

export const useSaveFeedbackAction = (id: string | null) =>
  useInvalidatingMutation(
    (input: FeedbackActionInput) =>
      id
        ? api<FeedbackAction>('PUT', `${BASE}/${encodeURIComponent(id)}`, input)
        : api<FeedbackAction>('POST', BASE, input),
    [FEEDBACK_ACTIONS_KEY],
  );

export interface StatusInput {
  status: FeedbackActionStatus;
  doneOn?: string;
  result?: string;
}

export const useSetFeedbackActionStatus = (id: string) =>
  useInvalidatingMutation(
    (input: StatusInput) => api<FeedbackAction>('POST', `${BASE}/${encodeURIComponent(id)}/status`, input),
    [FEEDBACK_ACTIONS_KEY],
  );
