import { useQuery } from '@tanstack/react-query';
import type { Department } from '../../../common/types';
import { api } from '../../ui/api';
import { useInvalidatingMutation } from '../shared/useInvalidatingMutation';

export const DEPARTMENTS_KEY = ['departments'] as const;

export function useDepartments() {
  return useQuery({
    queryKey: DEPARTMENTS_KEY,
    queryFn: () => api<Department[]>('GET', '/api/staff/departments'),
  });
}

export function useSaveDepartment() {
  return useInvalidatingMutation(
    (input: { id?: string; name: string }) =>
      input.id
        ? api<Department>('PATCH', `/api/staff/departments/${encodeURIComponent(input.id)}`, {
            name: input.name,
          })
        : api<Department>('POST', '/api/staff/departments', { name: input.name }),
    [DEPARTMENTS_KEY],
  );
}

export function useDeleteDepartment() {
  return useInvalidatingMutation(
    (id: string) => api<void>('DELETE', `/api/staff/departments/${encodeURIComponent(id)}`),
    [DEPARTMENTS_KEY],
  );
}
