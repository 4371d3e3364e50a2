import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuthEvent, AuthEventKind } from '../../../common/auth-events';
import type { Page } from '../../../common/types';
import { api } from '../../ui/api';
import { AUDIT_PAGE_SIZE } from './auditQueries';

export interface AuthEventFilter {
  kind: AuthEventKind | null;
  from: string; // YYYY-MM-DD or ''
  to: string;
  page: number;
}

function authEventsPath(filter: AuthEventFilter): string {
  const params = new URLSearchParams({ page: String(filter.page), pageSize: String(AUDIT_PAGE_SIZE) });
  if (filter.kind) params.set('kind', filter.kind);
  if (filter.from) params.set('from', filter.from);
  if (filter.to) params.set('to', filter.to);
  return `/api/staff/audit/auth-events?${params}`;
}

export function useAuthEvents(filter: AuthEventFilter) {
  return useQuery({
    queryKey: ['audit', 'auth-events', filter],
    queryFn: () => api<Page<AuthEvent>>('GET', authEventsPath(filter)),
    placeholderData: keepPreviousData,
  });
}
