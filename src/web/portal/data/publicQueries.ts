import { useQuery } from '@tanstack/react-query';
import type { PublishedArticle } from '../../../common/kb';
import type { PortalAgency, PublicAgency } from '../../../common/types';
import { ApiError, api } from '../../ui/api';

export function usePublicAgencies() {
  return useQuery({
    queryKey: ['public', 'agencies'],
    queryFn: () => api<PublicAgency[]>('GET', '/api/public/agencies'),
  });
}

export function usePortalAgency(slug: string) {
  return useQuery({
    queryKey: ['public', 'agency', slug],
    queryFn: () => api<PortalAgency>('GET', `/api/public/${encodeURIComponent(slug)}`),
  });
}

/** The server answers 404 `agency_not_found` for an unknown slug. */
export function isAgencyNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

/** FAQ and contacts the agency publishes from its knowledge base. */
export function usePublishedArticles(slug: string) {
  return useQuery({
    queryKey: ['public', 'kb', slug],
    queryFn: () => api<PublishedArticle[]>('GET', `/api/public/${encodeURIComponent(slug)}/kb`),
  });
}
