import { Alert, Box, Button, Group, NumberInput, Progress, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileStorage } from '../../../common/types';
import { describeError } from '../shared/describeError';
import { PageSection } from '../shared/PageSection';
import { QueryStatus } from '../shared/QueryStatus';
import { useFileStorage, useSetFileQuota } from './fileStorageQueries';

const MB = 1_048_576;
// ASVS 12.1.3: from here on the administrator is warned that uploads will soon be refused.
const WARNING_PERCENT = 90;

/** The region administrator's control: the agency's own quota in MB, or back to the default. */
function QuotaEditor({ slug, storage }: { slug: string; storage: FileStorage }) {
  const { t, i18n } = useTranslation('console');
  const save = useSetFileQuota(slug);
  const [quotaMb, setQuotaMb] = useState<number | ''>(storage.ownQuotaMb ?? '');
  const [error, setError] = useState<string | null>(null);
  const submit = (value: number | null) => {
    setError(null);
    save.mutate(value, {
      onSuccess: () => {
        if (value === null) setQuotaMb('');
        notifications.show({ color: 'green', message: t('common:state.saved') });
      },
      onError: (failure) => setError(describeError(failure, t)),
    });
  };
  return (
    <Group align="flex-end">
      <NumberInput
        label={t('agency.storage.quota')}
        description={t('agency.storage.quotaHint', {
          mb: new Intl.NumberFormat(i18n.language).format(storage.defaultQuotaMb),
        })}
        placeholder={String(storage.defaultQuotaMb)}
        min={1}
        allowDecimal={false}
        value={quotaMb}
        error={error}
        onChange={(value) => setQuotaMb(typeof value === 'number' ? value : '')}
      />
      <Button loading={save.isPending} onClick={() => submit(quotaMb === '' ? null : quotaMb)}>
        {t('common:actions.save')}
      </Button>
      {storage.ownQuotaMb !== null && (
        <Button variant="default" disabled={save.isPending} onClick={() => submit(null)}>
          {t('agency.storage.useDefault')}
        </Button>
      )}
    </Group>
  );
}

/** How full the agency's file storage is; the region administrator also sets its quota here. */
export function FileStoragePanel({ slug, canSetQuota }: { slug: string; canSetQuota: boolean }) {
  const { t, i18n } = useTranslation('console');
  const storage = useFileStorage();
  const megabytes = (bytes: number) =>
    new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(bytes / MB);
  const data = storage.data;
  // Tenths of a percent: a few kilobytes of a 10 GB quota would otherwise read «6.5e-7», which is
  // not a valid aria-valuenow.
  const percent = data ? Math.min(100, Math.round((data.usedBytes / data.quotaBytes) * 1000) / 10) : 0;
  const nearlyFull = percent >= WARNING_PERCENT;
  return (
    <Box mt="xl" maw={760}>
      <PageSection id="file-storage" title={t('agency.storage.title')}>
        <QueryStatus query={storage} rows={2} />
        {data && (
          <Stack>
            <Text>
              {t('agency.storage.used', {
                used: megabytes(data.usedBytes),
                quota: megabytes(data.quotaBytes),
                percent: Math.floor(percent),
              })}
            </Text>
            <Progress
              value={percent}
              color={nearlyFull ? 'red' : 'blue'}
              size="lg"
              aria-label={t('agency.storage.title')}
            />
            {nearlyFull && (
              <Alert color="orange" role="status">
                {t('agency.storage.nearlyFull')}
              </Alert>
            )}
            {canSetQuota && <QuotaEditor slug={slug} storage={data} />}
          </Stack>
        )}
      </PageSection>
    </Box>
  );
}
