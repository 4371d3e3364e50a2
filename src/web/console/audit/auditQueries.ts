import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditEntry, Page } from '../../../common/types';
import { api } from '../../ui/api';

export const AUDIT_PAGE_SIZE = 25;

export interface AuditFilter {
  entity: string;
  action: AuditEntry['action'] | null;
  from: string; // YYYY-MM-DD or ''
  to: string;
  page: number;
}

function auditPath(filter: AuditFilter): string {
  const params = new URLSearchParams({ page: String(filter.page), pageSize: String(AUDIT_PAGE_SIZE) });
  if (filter.entity.trim()) params.set('entity', filter.entity.trim());
  if (filter.action) params.set('action', filter.action);
  if (filter.from) params.set('from', filter.from);
  if (filter.to) params.set('to', filter.to);
  return `/api/staff/audit?${params}`;
}

export function useAudit(filter: AuditFilter) {
  return useQuery({
    queryKey: ['audit', filter],
    queryFn: () => api<Page<AuditEntry>>('GET', auditPath(filter)),
    placeholderData: keepPreviousData,
  });
}
