import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../ui/api';

export interface SavedView {
  id: string;
  name: string;
  query: string;
}

const KEY = ['register-views'] as const;

export function useSavedViews() {
  return useQuery({ queryKey: KEY, queryFn: () => api<SavedView[]>('GET', '/api/staff/register-views') });
}

export function useSaveView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; query: string }) =>
      api<SavedView>('POST', '/api/staff/register-views', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export function useDeleteView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>('DELETE', `/api/staff/register-views/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}
