import { Alert, Anchor, Loader, Stack, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useAgency } from '../layout/AgencyLayout';
import { PageHeading } from '../layout/PageHeading';
import { agencyPath, pageTrail } from '../navigation/siteStructure';
import { RequestStatusResult } from '../requests/RequestStatusResult';
import { StatusLookupForm } from '../requests/StatusLookupForm';
import { statusFailure, useRequestStatus } from '../requests/useRequestStatus';
import { LoadError } from './LoadStatePages';

/**
 * «Статус обращения»: the number and the access code (prefilled from ?number=&code=, as the
 * confirmation links here) show the status, the due date and the history of a request.
 */
export function RequestStatusPage() {
  const { t } = useTranslation('portal');
  const agency = useAgency();
  const [params, setParams] = useSearchParams();
  const number = params.get('number')?.trim() ?? '';
  const code = params.get('code')?.trim() ?? '';
  const query = useRequestStatus(agency.slug, number, code);

  const check = (nextNumber: string, nextCode: string) => {
    if (nextNumber === number && nextCode === code) void query.refetch();
    else setParams({ number: nextNumber, code: nextCode }, { replace: true });
  };

  return (
    <>
      <PageHeading
        title={t('menu.requestStatus')}
        trail={pageTrail(agency.slug, 'requestStatus', (page) => t(`menu.${page.key}`))}
        siteName={agency.shortName}
      />
      <Stack gap="xl">
        <Stack gap="xs" maw="48rem">
          <Text>{t('requests.status.intro')}</Text>
          <Anchor component={Link} to={agencyPath(agency.slug, 'history')} fw={600}>
            {t('history.link')}
          </Anchor>
        </Stack>
        <StatusLookupForm
          initialNumber={number}
          initialCode={code}
          checking={query.isFetching}
          onCheck={check}
        />
        <div key={`${number}\n${code}\n${query.dataUpdatedAt}\n${query.errorUpdatedAt}`}>
          <StatusAnswer query={query} timezone={agency.timezone} />
        </div>
      </Stack>
    </>
  );
}

function StatusAnswer({ query, timezone }: { query: ReturnType<typeof useRequestStatus>; timezone: string }) {
  const { t } = useTranslation('portal');
  if (query.isFetching) {
    return (
      <Stack role="status" gap="xs" align="flex-start">
        <Loader size="sm" aria-hidden="true" />
        <Text>{t('requests.status.checking')}</Text>
      </Stack>
    );
  }
  if (query.isError) {
    const failure = statusFailure(query.error);
    if (failure === 'other') return <LoadError onRetry={() => void query.refetch()} />;
    return (
      <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden="true" />} maw="48rem">
        <Text fw={600}>{t(`requests.status.${failure}`)}</Text>
      </Alert>
    );
  }
  return query.data ? <RequestStatusResult request={query.data} timezone={timezone} /> : null;
}
