import { Alert, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAgency } from '../layout/AgencyLayout';
import { PageHeading } from '../layout/PageHeading';
import { confirmSubscription } from '../mailings/mailingsApi';
import { agencyPath, pageTrail } from '../navigation/siteStructure';

/** The link of the confirmation e-mail (double opt-in): the page confirms, a mere GET does not. */
export function SubscriptionConfirmPage() {
  const { t } = useTranslation('portal');
  const agency = useAgency();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const confirmed = useQuery({
    queryKey: ['public', 'subscription-confirm', agency.slug, token],
    queryFn: () => confirmSubscription(agency.slug, token),
    enabled: token.length > 0,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  return (
    <>
      <PageHeading
        title={t('subscribe.confirmTitle')}
        trail={[
          ...pageTrail(agency.slug, 'subscribe', (page) => t(`menu.${page.key}`)),
          { label: t('menu.subscribe'), to: agencyPath(agency.slug, 'subscribe') },
        ]}
        siteName={agency.shortName}
      />
      <Stack gap="lg" maw="48rem">
        <div role="status" aria-live="polite">
          {confirmed.isPending && token && <Text>{t('subscribe.confirming')}</Text>}
          {confirmed.data && (
            <Alert color="green" variant="light">
              <Text fw={700}>{t('subscribe.confirmedTitle')}</Text>
              <Text>
                {t('subscribe.confirmed', {
                  email: confirmed.data.email,
                  topics: confirmed.data.topics.join(', '),
                })}
              </Text>
            </Alert>
          )}
          {(!token || confirmed.isError) && (
            <Alert color="red" variant="light">
              {t('subscribe.linkInvalid')}
            </Alert>
          )}
        </div>
      </Stack>
    </>
  );
}
