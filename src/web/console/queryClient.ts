import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, setSessionHandlers } from '../ui/api';
import { SESSION_KEY, SESSION_PATH } from './session/sessionQuery';
import { noteSignOut } from './session/signOutReason';

// A 4xx will not get better by asking again; only network failures and 5xx are retried.
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status < 500) return false;
  return failureCount < 2;
}

export function createQueryClient(): QueryClient {
  // When the session expires mid-work every call answers 401: drop the cached session so
  // the route guard sends the user to the login page instead of showing broken pages.
  const onError = (error: unknown) => {
    if (error instanceof ApiError && error.status === 401) client.setQueryData(SESSION_KEY, null);
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 30_000, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
  setSessionHandlers({
    signedOut: (code, path) => {
      // Opening the console without a session is not being signed out; an idle end is news.
      if (path === SESSION_PATH && code !== 'session_idle') return;
      noteSignOut(code);
      // Also for calls outside queries and mutations (downloads): the route guard takes over.
      if (path !== SESSION_PATH) client.setQueryData(SESSION_KEY, null);
    },
  });
  return client;
}
