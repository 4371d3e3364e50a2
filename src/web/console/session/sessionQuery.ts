import { useQuery } from '@tanstack/react-query';
import type { SessionInfo } from '../../../common/types';
import { ApiError, api, setCsrfToken } from '../../ui/api';

export const SESSION_KEY = ['session'] as const;
export const SESSION_PATH = '/api/auth/session';

/** The signed-in user, or null when there is no session (401 is an answer here, not an error). */
export async function fetchSession(): Promise<SessionInfo | null> {
  try {
    const session = await api<SessionInfo>('GET', SESSION_PATH);
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useSessionQuery() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 5 * 60_000 });
}
