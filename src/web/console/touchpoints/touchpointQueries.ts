import { useQuery } from '@tanstack/react-query';
import type { Touchpoint } from '../../../common/types';
import { api } from '../../ui/api';
import { useInvalidatingMutation } from '../shared/useInvalidatingMutation';

export const TOUCHPOINTS_KEY = ['touchpoints'] as const;
export type TouchpointInput = Omit<Touchpoint, 'id'>;

export function useTouchpoints() {
  return useQuery({
    queryKey: TOUCHPOINTS_KEY,
    queryFn: () => api<Touchpoint[]>('GET', '/api/staff/touchpoints'),
  });
}

export function useSaveTouchpoint() {
  return useInvalidatingMutation(
    ({ id, input }: { id?: string; input: TouchpointInput }) =>
      id
        ? api<Touchpoint>('PATCH', `/api/staff/touchpoints/${encodeURIComponent(id)}`, input)
        : api<Touchpoint>('POST', '/api/staff/touchpoints', input),
    [TOUCHPOINTS_KEY],
  );
}

export function useDeleteTouchpoint() {
  return useInvalidatingMutation(
    (id: string) => api<void>('DELETE', `/api/staff/touchpoints/${encodeURIComponent(id)}`),
    [TOUCHPOINTS_KEY],
  );
}
