import { Alert, Button, Code, CopyButton, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime, useAgencyTimezone } from '../shared/agencyTime';
import { ErrorAlert } from '../shared/ErrorAlert';
import { usePosSecretStatus, useRotatePosSecret } from './importQueries';

/** The ПОС webhook address and its secret: a new secret is shown once, right after it is made. */
export function PosSecretCard({ agencySlug }: { agencySlug: string }) {
  const { t, i18n } = useTranslation('console');
  const timeZone = useAgencyTimezone();
  const status = usePosSecretStatus(true);
  const rotate = useRotatePosSecret();
  const url = `${window.location.origin}/api/channels/pos/${agencySlug}`;
  return (
    <section aria-labelledby="pos-secret">
      <Title order={2} size="h4" id="pos-secret" mb="xs">
        {t('imports.secret.title')}
      </Title>
      <Stack gap="xs">
        <Text>
          {t('imports.secret.url')} <Code>{url}</Code>
        </Text>
        <Text c="dimmed">{t('imports.secret.how')}</Text>
        {status.data && (
          <Text>
            {status.data.configured
              ? t('imports.secret.configured', {
                  at: formatDateTime(status.data.rotatedAt ?? '', i18n.language, timeZone),
                })
              : t('imports.secret.none')}
          </Text>
        )}
        {rotate.data && (
          <Alert color="yellow" title={t('imports.secret.once')} role="status">
            <Group>
              <Code>{rotate.data.secret}</Code>
              <CopyButton value={rotate.data.secret}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="default" onClick={copy}>
                    {copied ? t('imports.secret.copied') : t('imports.secret.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Alert>
        )}
        {rotate.error && <ErrorAlert error={rotate.error} />}
        <div>
          <Button variant="default" loading={rotate.isPending} onClick={() => rotate.mutate()}>
            {status.data?.configured ? t('imports.secret.rotate') : t('imports.secret.create')}
          </Button>
        </div>
      </Stack>
    </section>
  );
}
