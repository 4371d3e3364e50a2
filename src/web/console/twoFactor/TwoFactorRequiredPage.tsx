import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { SessionInfo } from '../../../common/types';
import { AuthLayout } from '../auth/AuthLayout';
import { useLogout } from '../session/sessionMutations';
import { SESSION_KEY } from '../session/sessionQuery';
import { TwoFactorModal } from './TwoFactorModal';

/**
 * The agency requires 2FA of its administrators (or the server of region administrators) and this
 * one has none: the server answers every
 * staff route with 403 until they enrol, so the console offers enrolment and nothing else.
 */
export function TwoFactorRequiredPage({ session }: { session: SessionInfo }) {
  const { t } = useTranslation('console');
  const queryClient = useQueryClient();
  const logout = useLogout();
  const navigate = useNavigate();
  const [enrolling, setEnrolling] = useState(true);
  const agency = session.agencies.find((a) => a.slug === session.currentAgency);
  const explanation =
    session.twoFactorRequiredBy === 'region'
      ? t('twoFactor.requiredTextRegion')
      : t('twoFactor.requiredText', { agency: agency?.name ?? '' });

  const onClose = () => {
    setEnrolling(false);
    // Once enrolled the session is no longer restricted and the console opens.
    queryClient.invalidateQueries({ queryKey: SESSION_KEY });
  };

  return (
    <AuthLayout title={t('twoFactor.requiredTitle')}>
      <Stack>
        <Text size="sm">{explanation}</Text>
        <Group justify="space-between">
          <Button
            variant="default"
            onClick={() =>
              logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })
            }
          >
            {t('shell.logout')}
          </Button>
          <Button onClick={() => setEnrolling(true)}>{t('twoFactor.start')}</Button>
        </Group>
      </Stack>
      {enrolling && (
        <TwoFactorModal
          onClose={onClose}
          reason={
            <Alert color="blue" title={t('twoFactor.requiredTitle')}>
              {explanation}
            </Alert>
          }
        />
      )}
    </AuthLayout>
  );
}
