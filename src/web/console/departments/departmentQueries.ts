import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Department } from '../../../common/types';
import { api } from '../../ui/api';

export const DEPARTMENTS_KEY = ['departments'] as const;

export function useDepartments() {
  return useQuery({
    queryKey: DEPARTMENTS_KEY,
    queryFn: () => api<Department[]>('GET', '/api/staff/departments'),
  });
}

function useDepartmentMutation<TInput, TResult>(mutationFn: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: DEPARTMENTS_KEY }),
  });
}

export function useSaveDepartment() {
  return useDepartmentMutation((input: { id?: string; name: string }) =>
    input.id
      ? api<Department>('PATCH', `/api/staff/departments/${encodeURIComponent(input.id)}`, {
          name: input.name,
        })
      : api<Department>('POST', '/api/staff/departments', { name: input.name }),
  );
}

export function useDeleteDepartment() {
  return useDepartmentMutation((id: string) =>
    api<void>('DELETE', `/api/staff/departments/${encodeURIComponent(id)}`),
  );
}
