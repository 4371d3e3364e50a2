import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../../ui/api';

/** Public data changes rarely; a 4xx (an unknown agency) is an answer, not a glitch to retry. */
export function createPortalQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5 * 60_000,
        refetchOnWindowFocus: false,
        retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
      },
    },
  });
}
