import { Anchor, Badge, Button, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../shared/PageHeader';
import { PageSection } from '../shared/PageSection';
import { QueryStatus } from '../shared/QueryStatus';
import { useDisclosure, useSitePublications, useSiteSections } from './siteQueries';

const STATE_COLORS = { draft: 'gray', scheduled: 'blue', published: 'green', archived: 'dark' } as const;

/** «Сайт»: the agency's publications in every state, and the 8-ФЗ items still missing. */
export function SitePage() {
  const { t } = useTranslation('console');
  const publications = useSitePublications();
  const sections = useSiteSections();
  const disclosure = useDisclosure();
  const sectionTitle = new Map((sections.data ?? []).map((s) => [s.id, s.title]));
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
          <QueryStatus query={publications} />
          {publications.data && publications.data.length === 0 && <Text>{t('site.empty')}</Text>}
          {publications.data && publications.data.length > 0 && (
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('site.fields.title')}</Table.Th>
                  <Table.Th>{t('site.fields.section')}</Table.Th>
                  <Table.Th>{t('site.fields.state')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {publications.data.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/site/${p.id}`}>
                        {p.title}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{sectionTitle.get(p.sectionId)}</Table.Td>
                    <Table.Td>
                      <Badge color={STATE_COLORS[p.state]} tt="none">
                        {t(`site.states.${p.state}`)}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
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
