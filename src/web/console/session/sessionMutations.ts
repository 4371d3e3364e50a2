import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SessionInfo } from '../../../common/types';
import { api, setCsrfToken } from '../../ui/api';
import { SESSION_KEY } from './sessionQuery';
import { clearSignOutReason } from './signOutReason';

export interface Credentials {
  email: string;
  password: string;
  /** The authenticator's six digits or a recovery code, once the server asked for it. */
  code?: string;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: Credentials) => api<SessionInfo>('POST', '/api/auth/login', credentials),
    onSuccess: (session) => {
      clearSignOutReason();
      setCsrfToken(session.csrfToken);
      queryClient.setQueryData(SESSION_KEY, session);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('POST', '/api/auth/logout'),
    // Forget everything the previous user could see, even if the server call failed.
    onSettled: () => {
      setCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData(SESSION_KEY, null);
    },
  });
}

export function useSwitchAgency() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (slug: string) => api<SessionInfo>('POST', '/api/auth/agency', { slug }),
    onSuccess: async (session) => {
      setCsrfToken(session.csrfToken);
      queryClient.setQueryData(SESSION_KEY, session);
      // Every staff query is scoped by the session's agency: all cached data is now stale.
      await queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
    },
  });
}

export function usePasswordResetRequest() {
  return useMutation({
    mutationFn: (email: string) => api<void>('POST', '/api/auth/password-reset', { email }),
  });
}

export function usePasswordResetConfirm() {
  return useMutation({
    mutationFn: (input: { token: string; password: string }) =>
      api<void>('POST', '/api/auth/password-reset/confirm', input),
  });
}
