import { Button, Paper, SimpleGrid, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FreshnessBadge } from '../kb/review/FreshnessBadge';
import { PageHeader } from '../shared/PageHeader';
import { QueryStatus } from '../shared/QueryStatus';
import { useMarkChecked, useSiteFreshness } from './siteQueries';

const ddmmyyyy = (iso: string) => iso.slice(0, 10).split('-').reverse().join('.');

const CARDS = [
  { key: 'sections', color: undefined },
  { key: 'fresh', color: 'green.9' },
  { key: 'dueSoon', color: 'yellow.9' },
  { key: 'overdue', color: 'red.9' },
] as const;

/**
 * «Актуальность сайта» (seed 000 p. 7.1): each section and page with its responsible official,
 * the «проверено» date and the due date, stale ones first; «Проверено» starts a new cycle.
 */
export function SiteFreshnessPage() {
  const { t } = useTranslation('console');
  const board = useSiteFreshness();
  const check = useMarkChecked();
  return (
    <>
      <PageHeader title={t('nav.siteFreshness')} description={t('siteFreshness.description')} />
      <QueryStatus query={board} />
      {board.data && (
        <>
          <SimpleGrid
            cols={{ base: 2, md: 4 }}
            mb="lg"
            component="ul"
            style={{ listStyle: 'none', padding: 0 }}
          >
            {CARDS.map(({ key, color }) => (
              <Paper key={key} withBorder p="md" radius="md" component="li">
                <Text size="sm" c="dimmed">
                  {t(`siteFreshness.totals.${key}`)}
                </Text>
                <Text fz={32} fw={700} c={color}>
                  {board.data.counts[key]}
                </Text>
              </Paper>
            ))}
          </SimpleGrid>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('siteFreshness.page')}</Table.Th>
                <Table.Th>{t('siteFreshness.responsible')}</Table.Th>
                <Table.Th>{t('siteFreshness.checked')}</Table.Th>
                <Table.Th>{t('siteFreshness.due')}</Table.Th>
                <Table.Th>{t('siteFreshness.state')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('siteFreshness.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {board.data.items.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>
                    {item.title}
                    <Text size="xs" c="dimmed">
                      {t(`siteFreshness.targets.${item.target}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{item.responsibleName ?? t('siteFreshness.nobody')}</Table.Td>
                  <Table.Td>{item.checkedAt ? ddmmyyyy(item.checkedAt) : t('siteFreshness.never')}</Table.Td>
                  <Table.Td>{ddmmyyyy(item.reviewDueOn)}</Table.Td>
                  <Table.Td>
                    <FreshnessBadge state={item.state} />
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="light"
                      loading={check.isPending && check.variables?.id === item.id}
                      onClick={() => check.mutate({ target: item.target, id: item.id })}
                      aria-label={t('siteFreshness.markFor', { title: item.title })}
                    >
                      {t('siteFreshness.mark')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </>
  );
}
