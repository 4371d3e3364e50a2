import { Button, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../shared/PageHeader';
import { PageSection } from '../shared/PageSection';
import { QueryStatus } from '../shared/QueryStatus';
import { PublicationsList } from './PublicationsList';
import { SiteSectionsTable } from './SiteSectionsTable';
import { useDisclosure } from './siteQueries';

/** «Сайт»: the publications in every state, the sections' accuracy control, the 8-ФЗ items missing. */
export function SitePage() {
  const { t } = useTranslation('console');
  const disclosure = useDisclosure();
  const missing = disclosure.data?.items.filter((item) => !item.disclosed) ?? [];
  return (
    <>
      <PageHeader
        title={t('nav.site')}
        description={t('site.description')}
        actions={
          <Button component={Link} to="/site/new" leftSection={<IconPlus size={16} aria-hidden />}>
            {t('site.create')}
          </Button>
        }
      />
      <Stack gap="xl">
        <PageSection id="site-publications" title={t('site.publications')}>
          <PublicationsList />
        </PageSection>
        <PageSection id="site-sections" title={t('site.sections.title')}>
          <Text size="sm" c="dimmed" mb="sm">
            {t('site.sections.description')}
          </Text>
          <SiteSectionsTable />
        </PageSection>
        <PageSection id="site-disclosure" title={t('site.disclosure.title')}>
          <QueryStatus query={disclosure} />
          {disclosure.data && (
            <>
              <Text size="sm" c="dimmed" mb="sm">
                {disclosure.data.law}
              </Text>
              <Text fw={600} mb="xs">
                {t('site.disclosure.missing', { count: missing.length, total: disclosure.data.items.length })}
              </Text>
              <ul>
                {missing.map((item) => (
                  <li key={item.key}>
                    <Text span fw={600}>
                      {t('site.disclosure.item', { key: item.key })}
                    </Text>{' '}
                    {item.text}
                  </li>
                ))}
              </ul>
            </>
          )}
        </PageSection>
      </Stack>
    </>
  );
}
