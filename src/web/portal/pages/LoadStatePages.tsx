import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PlatformFooter, PlatformHeader } from '../layout/PlatformHeader';
import { PortalShell } from '../layout/PortalShell';

export function LoadingPage() {
  const { t } = useTranslation('portal');
  return (
    <PortalShell header={<PlatformHeader />} footer={<PlatformFooter />}>
      <Center py="xl" role="status">
        <Stack align="center" gap="sm">
          <Loader aria-hidden="true" />
          <Text>{t('state.loading')}</Text>
        </Stack>
      </Center>
    </PortalShell>
  );
}

export function LoadErrorPage({ onRetry }: { onRetry: () => void }) {
  return (
    <PortalShell header={<PlatformHeader />} footer={<PlatformFooter />}>
      <LoadError onRetry={onRetry} />
    </PortalShell>
  );
}

export function LoadError({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation('portal');
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden="true" />} title={t('state.error')}>
      <Stack gap="sm" align="flex-start">
        <Text>{t('state.errorHint')}</Text>
        <Button variant="outline" onClick={onRetry}>
          {t('state.retry')}
        </Button>
      </Stack>
    </Alert>
  );
}
