import { Center, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { ErrorAlert } from '../shared/ErrorAlert';
import { TwoFactorRequiredPage } from '../twoFactor/TwoFactorRequiredPage';
import { SessionContext } from './SessionContext';
import { useSessionQuery } from './sessionQuery';
import { signOutReason } from './signOutReason';

/**
 * Renders its children only with a session; otherwise sends to the login page, saying why when the
 * session ended during work, and back to this page after signing in. A session
 * restricted to enrolling 2FA gets the enrolment page instead.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const session = useSessionQuery();
  if (session.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label={t('state.loading')} />
      </Center>
    );
  }
  if (session.isError) {
    return (
      <Center h="100vh" p="md">
        <ErrorAlert error={session.error} onRetry={() => session.refetch()} />
      </Center>
    );
  }
  if (!session.data) {
    const next = location.pathname + location.search;
    const params = new URLSearchParams();
    if (next !== '/') params.set('next', next);
    const reason = signOutReason();
    if (reason) params.set('reason', reason);
    const search = params.size > 0 ? `?${params}` : '';
    return <Navigate to={`/login${search}`} replace />;
  }
  if (session.data.twoFactorEnrolmentRequired) return <TwoFactorRequiredPage session={session.data} />;
  return <SessionContext.Provider value={session.data}>{children}</SessionContext.Provider>;
}
