import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAgency } from '../layout/AgencyLayout';
import { PageHeading } from '../layout/PageHeading';
import { agencyPath } from '../navigation/siteStructure';

/** An unknown address inside an agency's site. */
export function PageNotFoundPage() {
  const { t } = useTranslation('portal');
  const agency = useAgency();
  return (
    <>
      <PageHeading
        title={t('notFound.pageTitle')}
        trail={[{ label: t('menu.home'), to: agencyPath(agency.slug) }]}
        siteName={agency.shortName}
      />
      <Stack gap="md" align="flex-start">
        <Text>{t('notFound.pageText')}</Text>
        <Anchor component={Link} to={agencyPath(agency.slug, 'sitemap')} fw={600}>
          {t('notFound.toSitemap')}
        </Anchor>
      </Stack>
    </>
  );
}
