import { Anchor, Stack, Text } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading } from '../layout/PageHeading';
import { PlatformFooter, PlatformHeader } from '../layout/PlatformHeader';
import { PortalShell } from '../layout/PortalShell';

/** An address like /no-such-agency/ — the server knows no agency with that slug. */
export function AgencyNotFoundPage() {
  const { t } = useTranslation('portal');
  return (
    <PortalShell header={<PlatformHeader />} footer={<PlatformFooter />}>
      <PageHeading
        title={t('notFound.agencyTitle')}
        trail={[{ label: t('agencyList.title'), to: '/' }]}
        siteName={t('platform.name')}
      />
      <Stack gap="md" align="flex-start">
        <Text>{t('notFound.agencyText')}</Text>
        <Anchor component={Link} to="/" fw={600}>
          <IconArrowLeft size="1.125rem" aria-hidden="true" style={{ verticalAlign: 'text-bottom' }} />{' '}
          {t('notFound.toAgencyList')}
        </Anchor>
      </Stack>
    </PortalShell>
  );
}
