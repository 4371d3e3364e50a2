import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Touchpoint } from '../../../common/types';
import { api } from '../../ui/api';

export const TOUCHPOINTS_KEY = ['touchpoints'] as const;
export type TouchpointInput = Omit<Touchpoint, 'id'>;

export function useTouchpoints() {
  return useQuery({
    queryKey: TOUCHPOINTS_KEY,
    queryFn: () => api<Touchpoint[]>('GET', '/api/staff/touchpoints'),
  });
}

export function useSaveTouchpoint() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: TouchpointInput }) =>
      id
        ? api<Touchpoint>('PATCH', `/api/staff/touchpoints/${encodeURIComponent(id)}`, input)
        : api<Touchpoint>('POST', '/api/staff/touchpoints', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TOUCHPOINTS_KEY }),
  });
}

export function useDeleteTouchpoint() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>('DELETE', `/api/staff/touchpoints/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TOUCHPOINTS_KEY }),
  });
}
