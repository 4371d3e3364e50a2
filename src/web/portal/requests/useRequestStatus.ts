import { useQuery } from '@tanstack/react-query';
import { ApiError } from '../../ui/api';
import { fetchRequestStatus } from './requestApi';

/** The status of one request; runs once both the number and the code are known. */
export function useRequestStatus(slug: string, number: string, code: string) {
  return useQuery({
    queryKey: ['public', 'request', slug, number, code],
    queryFn: () => fetchRequestStatus(slug, number, code),
    enabled: number !== '' && code !== '',
    // The status changes while staff work on it: a new check asks the server again.
    staleTime: 0,
  });
}

export type StatusFailure = 'notFound' | 'rateLimited' | 'other';

export function statusFailure(error: unknown): StatusFailure {
  if (error instanceof ApiError && error.status === 404) return 'notFound';
  if (error instanceof ApiError && error.status === 429) return 'rateLimited';
  return 'other';
}
