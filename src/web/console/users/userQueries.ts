import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Role } from '../../../common/roles';
import type { Page, StaffUser } from '../../../common/types';
import { api } from '../../ui/api';
import { DEPARTMENTS_KEY } from '../departments/departmentQueries';
import { useInvalidatingMutation } from '../shared/useInvalidatingMutation';

export const USERS_KEY = ['users'] as const;
export const USERS_PAGE_SIZE = 20;

export interface UserFilter {
  q: string;
  role: Role | null;
  departmentId: string | null;
  page: number;
}

export interface NewUser {
  email: string;
  name: string;
  roles: Role[];
  departmentIds: string[];
}

export interface UserPatch {
  name?: string;
  roles?: Role[];
  departmentIds?: string[];
  active?: boolean;
}

function usersPath(filter: UserFilter): string {
  const params = new URLSearchParams({ page: String(filter.page), pageSize: String(USERS_PAGE_SIZE) });
  if (filter.q.trim()) params.set('q', filter.q.trim());
  if (filter.role) params.set('role', filter.role);
  if (filter.departmentId) params.set('departmentId', filter.departmentId);
  return `/api/staff/users?${params}`;
}

export function useUsers(filter: UserFilter) {
  return useQuery({
    queryKey: [...USERS_KEY, filter],
    queryFn: () => api<Page<StaffUser>>('GET', usersPath(filter)),
    // Keep the current page on screen while the next one loads instead of flashing a skeleton.
    placeholderData: keepPreviousData,
  });
}

// Users, and departments too: they show how many people they have.
const INVALIDATED = [USERS_KEY, DEPARTMENTS_KEY];

export function useCreateUser() {
  return useInvalidatingMutation(
    (user: NewUser) => api<StaffUser>('POST', '/api/staff/users', user),
    INVALIDATED,
  );
}

export function useResetTwoFactor() {
  return useInvalidatingMutation(
    (id: string) => api<void>('POST', `/api/staff/users/${encodeURIComponent(id)}/two-factor/reset`),
    INVALIDATED,
  );
}

export function useUpdateUser() {
  return useInvalidatingMutation(
    ({ id, patch }: { id: string; patch: UserPatch }) =>
      api<StaffUser>('PATCH', `/api/staff/users/${encodeURIComponent(id)}`, patch),
    INVALIDATED,
  );
}
