import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconMailOff } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useAgency } from '../layout/AgencyLayout';
import { PageHeading } from '../layout/PageHeading';
import { describeUnsubscribe, unsubscribe } from '../mailings/mailingsApi';
import { pageTrail } from '../navigation/siteStructure';

/**
 * The «Отписаться» link of every mailing (seed 004 p. 15). Opening it shows a button, so mail
 * scanners that follow links do not unsubscribe anyone; mail clients use the one-click POST.
 */
export function UnsubscribePage() {
  const { t } = useTranslation('portal');
  const agency = useAgency();
  const token = useParams().token ?? '';
  const described = useQuery({
    queryKey: ['public', 'unsubscribe', agency.slug, token],
    queryFn: () => describeUnsubscribe(agency.slug, token),
    retry: false,
  });
  const [state, setState] = useState<'idle' | 'loading' | 'done' | 'failed'>('idle');
  const done = state === 'done' || described.data?.subscribed === false;

  async function leave() {
    setState('loading');
    try {
      await unsubscribe(agency.slug, token);
      setState('done');
    } catch {
      setState('failed');
    }
  }

  return (
    <>
      <PageHeading
        title={t('unsubscribe.title')}
        trail={pageTrail(agency.slug, 'subscribe', (page) => t(`menu.${page.key}`))}
        siteName={agency.shortName}
      />
      <Stack gap="lg" maw="48rem" align="flex-start">
        {described.data && !done && (
          <>
            <Text>
              {t('unsubscribe.intro', { email: described.data.email, agency: described.data.agencyName })}
            </Text>
            <Button
              size="md"
              color="red"
              loading={state === 'loading'}
              onClick={leave}
              leftSection={<IconMailOff size="1.25rem" aria-hidden="true" />}
            >
              {t('unsubscribe.button')}
            </Button>
          </>
        )}
        <div role="status" aria-live="polite">
          {done && (
            <Alert color="green" variant="light">
              {t('unsubscribe.done')}
            </Alert>
          )}
          {(described.isError || state === 'failed') && (
            <Alert color="red" variant="light">
              {t('unsubscribe.invalid')}
            </Alert>
          )}
        </div>
      </Stack>
    </>
  );
}
