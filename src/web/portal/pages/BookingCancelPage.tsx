import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconCalendarX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../ui/api';
import { useAgency } from '../layout/AgencyLayout';
import { PageHeading } from '../layout/PageHeading';
import { agencyPath, pageTrail } from '../navigation/siteStructure';
import { cancelBooking, describeBooking } from '../reception/receptionApi';

/**
 * The page the confirmation e-mail links to. Cancelling needs a button press: mail scanners that
 * open links must not cancel a citizen's booking.
 */
export function BookingCancelPage() {
  const { t, i18n } = useTranslation('portal');
  const agency = useAgency();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const booking = useQuery({
    queryKey: ['public', 'booking', agency.slug, token],
    queryFn: () => describeBooking(agency.slug, token),
    enabled: token.length > 0,
    retry: false,
  });
  const [state, setState] = useState<'idle' | 'loading' | 'done' | 'failed'>('idle');
  const invalid = !token || (booking.error instanceof ApiError && booking.error.status < 500);
  const when = new Intl.DateTimeFormat(i18n.language, {
    timeZone: agency.timezone,
    dateStyle: 'long',
    timeStyle: 'short',
  });

  async function cancel() {
    setState('loading');
    try {
      await cancelBooking(agency.slug, token);
      setState('done');
    } catch {
      setState('failed');
    }
  }

  return (
    <>
      <PageHeading
        title={t('reception.cancelTitle')}
        trail={[
          ...pageTrail(agency.slug, 'reception', (page) => t(`menu.${page.key}`)),
          { label: t('menu.reception'), to: agencyPath(agency.slug, 'reception') },
        ]}
        siteName={agency.shortName}
      />
      <Stack gap="lg" maw="48rem" align="flex-start">
        {booking.data && state !== 'done' && (
          <>
            <Text>
              {t('reception.cancelIntro', {
                when: when.format(new Date(booking.data.startsAt)),
                topic: booking.data.topic,
              })}
            </Text>
            <Button
              size="md"
              color="red"
              loading={state === 'loading'}
              onClick={cancel}
              leftSection={<IconCalendarX size="1.25rem" aria-hidden="true" />}
            >
              {t('reception.cancel')}
            </Button>
          </>
        )}
        <div role="status" aria-live="polite">
          {state === 'done' && (
            <Alert color="green" variant="light">
              {t('reception.cancelled')}
            </Alert>
          )}
          {(invalid || state === 'failed') && state !== 'done' && (
            <Alert color="red" variant="light">
              {t('reception.cancelInvalid')}
            </Alert>
          )}
        </div>
      </Stack>
    </>
  );
}
