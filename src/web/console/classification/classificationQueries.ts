import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RequestType, Suggestions, Topic, TypicalNeed } from '../../../common/classification';
import { api } from '../../ui/api';
import { REQUESTS_KEY } from '../requests/requestQueries';
import type { RequestDetail } from '../requests/requestTypes';
import { useInvalidatingMutation } from '../shared/useInvalidatingMutation';

export const TOPICS_KEY = ['topics'] as const;

export function useTopics() {
  return useQuery({ queryKey: TOPICS_KEY, queryFn: () => api<Topic[]>('GET', '/api/staff/topics') });
}

export interface TopicInput {
  id?: string;
  name?: string;
  defaultDepartmentId?: string | null;
  sortOrder?: number;
  archived?: boolean;
}

export function useSaveTopic() {
  return useInvalidatingMutation(
    ({ id, ...body }: TopicInput) =>
      id
        ? api<Topic>('PATCH', `/api/staff/topics/${encodeURIComponent(id)}`, body)
        : api<Topic>('POST', '/api/staff/topics', body),
    [TOPICS_KEY],
  );
}

export interface NeedInput {
  id?: string;
  topicId: string;
  name?: string;
  archived?: boolean;
}

export function useSaveNeed() {
  return useInvalidatingMutation(
    ({ id, topicId, ...body }: NeedInput) =>
      id
        ? api<TypicalNeed>('PATCH', `/api/staff/typical-needs/${encodeURIComponent(id)}`, body)
        : api<TypicalNeed>('POST', `/api/staff/topics/${encodeURIComponent(topicId)}/needs`, body),
    [TOPICS_KEY],
  );
}

const suggestionsKey = (id: string) => [...REQUESTS_KEY, 'suggestions', id] as const;

export function useSuggestions(id: string) {
  return useQuery({
    queryKey: suggestionsKey(id),
    queryFn: () => api<Suggestions>('GET', `/api/staff/requests/${encodeURIComponent(id)}/suggestions`),
  });
}

export interface ClassificationInput {
  topicId: string;
  typicalNeedId: string | null;
  requestType: RequestType;
  urgent: boolean;
  departmentId: string | null;
}

/** Confirms a classification; the card, the register and every suggestion then load afresh. */
export function useClassify(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ClassificationInput) =>
      api<RequestDetail>('PUT', `/api/staff/requests/${encodeURIComponent(id)}/classification`, input),
    onSuccess: async (detail) => {
      queryClient.setQueryData([...REQUESTS_KEY, 'detail', id], detail);
      await queryClient.invalidateQueries({ queryKey: [...REQUESTS_KEY, 'list'] });
      await queryClient.invalidateQueries({ queryKey: [...REQUESTS_KEY, 'suggestions'] });
    },
  });
}
